package vq.sim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * JSON Lines writer of {@link EventLog}. Every line has the keys {@code ts_ns, time, type, symbol,
 * order_id, action, side, order_type, qty, price, stop_price, tif, reduce_only, reason, fee, maker,
 * slippage, rate, payment, realized, rule, qty_after, bar, detail}; keys that do not apply are null.
 * Query with DuckDB: {@code SELECT * FROM read_json_auto('events.jsonl') WHERE type = 'fill'}.
 *
 * <p>Not thread-safe; one instance per run. The caller closes the writer.
 */
public final class JsonlEventLog implements EventLog {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(512);
    private long lines;

    public JsonlEventLog(Writer out) { this.out = out; }

    public long lines() { return lines; }

    private void begin(long ts, String type, String sym) {
        sb.setLength(0);
        sb.append("{\"ts_ns\":").append(ts).append(",\"time\":\"").append(Instant.ofEpochSecond(0, ts)).append("\",\"type\":\"")
                .append(type).append("\",\"symbol\":");
        str(sym);
    }

    private void str(String s) {
        if (s == null) { sb.append("null"); return; }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }

    private void num(String k, double v) {
        sb.append(",\"").append(k).append("\":");
        if (Double.isFinite(v)) sb.append(v); else sb.append("null");
    }

    private void key(String k, String v) {
        sb.append(",\"").append(k).append("\":");
        str(v);
    }

    private void end(int id, String action, int side, String type, double qty, double px, double stop, String tif, Boolean ro,
                     String reason, double fee, Boolean maker, double slip, double rate, double payment, double realized,
                     String rule, double qtyAfter, int bar, String detail) {
        sb.append(",\"order_id\":").append(id < 0 ? "null" : Integer.toString(id));
        key("action", action);
        sb.append(",\"side\":").append(side == 0 ? "null" : side > 0 ? "\"buy\"" : "\"sell\"");
        key("order_type", type);
        num("qty", qty);
        num("price", px);
        num("stop_price", stop);
        key("tif", tif);
        sb.append(",\"reduce_only\":").append(ro == null ? "null" : ro.toString());
        key("reason", reason);
        num("fee", fee);
        sb.append(",\"maker\":").append(maker == null ? "null" : maker.toString());
        num("slippage", slip);
        num("rate", rate);
        num("payment", payment);
        num("realized", realized);
        key("rule", rule);
        num("qty_after", qtyAfter);
        sb.append(",\"bar\":").append(bar < 0 ? "null" : Integer.toString(bar));
        key("detail", detail);
        sb.append("}\n");
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event log: " + e.getMessage(), e);
        }
        lines++;
    }

    private static final double N = Double.NaN;

    @Override public void signal(long ts, String sym, String kind, int bar) {
        begin(ts, "signal", sym);
        end(-1, kind, 0, null, N, N, N, null, null, null, N, null, N, N, N, N, null, N, bar, null);
    }

    @Override public void order(long ts, String sym, int id, String action, int side, String type, double qty, double px, double stop,
                                String tif, boolean reduceOnly, String reason, String detail) {
        begin(ts, "order", sym);
        end(id, action, side, type, qty, px, stop, tif, reduceOnly, reason, N, null, N, N, N, N, null, N, -1, detail);
    }

    @Override public void fill(long ts, String sym, int id, int side, double qty, double px, double fee, boolean maker, double slippage,
                               String reason) {
        begin(ts, "fill", sym);
        end(id, "fill", side, null, qty, px, N, null, null, reason, fee, maker, slippage, N, N, N, null, N, -1, null);
    }

    @Override public void fill(long ts, String sym, int id, int side, double qty, double px, double fee, boolean maker, double slippage,
                               String reason, String detail) {
        begin(ts, "fill", sym);
        end(id, "fill", side, null, qty, px, N, null, null, reason, fee, maker, slippage, N, N, N, null, N, -1, detail);
    }

    @Override public void book(long ts, String sym, String action, String detail) {
        begin(ts, "book", sym);
        end(-1, action, 0, null, N, N, N, null, null, null, N, null, N, N, N, N, null, N, -1, detail);
    }

    @Override public void funding(long ts, String sym, double rate, double mark, double qty, double payment) {
        begin(ts, "funding", sym);
        end(-1, "funding", 0, null, qty, mark, N, null, null, null, N, null, N, rate, payment, N, null, N, -1, null);
    }

    @Override public void liquidation(long ts, String sym, double qty, double px, double realized, double fee) {
        begin(ts, "liquidation", sym);
        end(-1, "liquidation", 0, null, qty, px, N, null, null, "liquidation", fee, null, N, N, N, realized, null, N, -1, null);
    }

    @Override public void risk(long ts, String sym, int id, String rule, String action, double qtyBefore, double qtyAfter, String detail) {
        begin(ts, "risk", sym);
        end(id, action, 0, null, qtyBefore, N, N, null, null, null, N, null, N, N, N, N, rule, qtyAfter, -1, detail);
    }
}
