package vq.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Locale;
import vq.columnar.Dataset;
import vq.columnar.DatasetWriter;
import vq.columnar.InputException;
import vq.columnar.Intervals;

/**
 * Reads a Binance USD-M websocket capture as recorded by hftbacktest's collector: one message per line,
 * {@code <local_receive_ns> <json>}, the JSON a combined-stream message {@code {"stream": "...", "data": {...}}}
 * or (once) the REST depth snapshot {@code {"lastUpdateId", "E", "T", "bids", "asks"}}.
 *
 * <ul>
 * <li>{@code <sym>@trade} → trades: ts = trade time {@code T}, price {@code p}, qty {@code q}, side = -1 when the
 *     buyer is the maker ({@code m}), else +1, trade_id {@code t}.</li>
 * <li>{@code <sym>@bookTicker} → quotes: ts = {@code T}, bid {@code b}/{@code B}, ask {@code a}/{@code A}.</li>
 * <li>{@code <sym>@depth...} + snapshot → book, following Binance's USD-M order-book sync rule: diffs before
 *     the snapshot are buffered; diffs with {@code u < lastUpdateId} are dropped; the first diff applied must
 *     have {@code U <= lastUpdateId <= u}; every later diff's {@code pu} must equal the previous diff's
 *     {@code u} (else the capture lost messages: an error). The snapshot is written first (ts = its {@code T},
 *     flags bit 0 on its first row), then each diff's levels (ts = the diff's {@code T}, size 0 = level
 *     removed). Bids are side +1, asks -1.</li>
 * </ul>
 * Exchange times are milliseconds. The collector's local clock (first field) is not stored. Messages of other
 * symbols or streams are errors.
 */
final class CaptureReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BUFFERED_DIFFS = 100_000;

    private CaptureReader() {}

    static long[] read(InputStream in, String source, String symbol, CsvRows.Targets targets) {
        long[] counts = new long[Dataset.values().length];
        String sym = symbol.toLowerCase(Locale.ROOT);
        ArrayDeque<JsonNode> pending = new ArrayDeque<>();
        long[] pendingLine = new long[MAX_BUFFERED_DIFFS];
        int pendingCount = 0;
        long lastUpdateId = -1;
        long prevU = -1;
        boolean synced = false;
        Loc loc = new Loc(source);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = r.readLine()) != null; ) {
                loc.line++;
                if (line.isBlank()) continue;
                int sp = line.indexOf(' ');
                if (sp <= 0) throw loc.error(null, "expected '<local_ts_ns> <json>'");
                JsonNode msg;
                try {
                    msg = JSON.readTree(line.substring(sp + 1));
                } catch (IOException e) {
                    throw loc.error(null, "invalid JSON: " + e.getMessage());
                }
                if (msg.has("lastUpdateId")) {
                    if (lastUpdateId >= 0) throw loc.error("lastUpdateId", "a second depth snapshot");
                    lastUpdateId = msg.get("lastUpdateId").asLong();
                    snapshot(msg, loc, targets.get(Dataset.BOOK), counts);
                    long line0 = loc.line;
                    int i = 0;
                    while (!pending.isEmpty()) {
                        loc.line = pendingLine[i++];
                        JsonNode d = pending.poll();
                        if (!synced) {
                            if (d.get("u").asLong() < lastUpdateId) continue;
                            checkFirst(d, lastUpdateId, loc);
                            synced = true;
                        } else checkChain(d, prevU, loc);
                        prevU = d.get("u").asLong();
                        diff(d, loc, targets.get(Dataset.BOOK), counts);
                    }
                    loc.line = line0;
                    pendingCount = 0;
                    continue;
                }
                JsonNode stream = msg.get("stream"), data = msg.get("data");
                if (stream == null || data == null) throw loc.error(null, "neither a stream message nor a depth snapshot");
                String s = stream.asText();
                int at = s.indexOf('@');
                if (at < 0 || !s.substring(0, at).equals(sym))
                    throw loc.error("stream", "stream '" + s + "' is not of symbol " + symbol);
                String kind = s.substring(at + 1);
                if (kind.equals("trade")) trade(data, loc, targets.get(Dataset.TRADES), counts);
                else if (kind.equals("bookTicker")) quote(data, loc, targets.get(Dataset.QUOTES), counts);
                else if (kind.startsWith("depth")) {
                    if (lastUpdateId < 0) {
                        if (pendingCount == MAX_BUFFERED_DIFFS)
                            throw loc.error(null, "no depth snapshot within the first " + MAX_BUFFERED_DIFFS + " depth diffs");
                        pending.add(data);
                        pendingLine[pendingCount++] = loc.line;
                        continue;
                    }
                    long u = req(data, "u", loc).asLong();
                    if (!synced) {
                        if (u < lastUpdateId) continue;
                        checkFirst(data, lastUpdateId, loc);
                        synced = true;
                    } else checkChain(data, prevU, loc);
                    prevU = u;
                    diff(data, loc, targets.get(Dataset.BOOK), counts);
                } else throw loc.error("stream", "unsupported stream '" + s + "' (trade, bookTicker, depth)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        return counts;
    }

    private static void checkFirst(JsonNode d, long lastUpdateId, Loc loc) {
        long U = req(d, "U", loc).asLong(), u = req(d, "u", loc).asLong();
        if (!(U <= lastUpdateId && lastUpdateId <= u))
            throw loc.error("U", "first depth diff after the snapshot must have U <= lastUpdateId <= u (U=" + U + ", u=" + u
                    + ", lastUpdateId=" + lastUpdateId + "): the capture misses depth updates");
    }

    private static void checkChain(JsonNode d, long prevU, Loc loc) {
        long pu = req(d, "pu", loc).asLong();
        if (pu != prevU)
            throw loc.error("pu", "depth diff pu=" + pu + " does not follow the previous diff's u=" + prevU + ": the capture lost depth updates");
    }

    private static JsonNode req(JsonNode n, String f, Loc loc) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) throw loc.error(f, "missing");
        return v;
    }

    private static double num(JsonNode n, String f, Loc loc) {
        JsonNode v = req(n, f, loc);
        try {
            return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            throw loc.error(f, "not a number: '" + v.asText() + "'");
        }
    }

    private static long ms(JsonNode n, String f, Loc loc) {
        JsonNode v = req(n, f, loc);
        if (!v.canConvertToLong()) throw loc.error(f, "not an integer timestamp");
        long t = v.asLong();
        if (Timestamps.detect(t) != Timestamps.Unit.MILLIS) throw loc.error(f, "expected epoch milliseconds, got " + t);
        return t * Intervals.NANOS_PER_MILLI;
    }

    private static void check(Checks.Problem p, Loc loc) {
        if (p != null) throw loc.error(p.field(), p.message());
    }

    private static void trade(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        double px = num(d, "p", loc), q = num(d, "q", loc);
        check(Checks.price("p", px), loc);
        check(Checks.nonNegative("q", q), loc);
        JsonNode m = req(d, "m", loc);
        if (!m.isBoolean()) throw loc.error("m", "expected true or false");
        long id = req(d, "t", loc).asLong();
        if (!begin(t, ts, loc, "T")) return;
        DatasetWriter w = t.writer;
        w.f64(1, px);
        w.f64(2, q);
        w.i8(3, (byte) (m.asBoolean() ? -1 : 1));
        w.i64(4, id);
        counts[Dataset.TRADES.ordinal()]++;
    }

    private static void quote(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        double b = num(d, "b", loc), bs = num(d, "B", loc), a = num(d, "a", loc), as = num(d, "A", loc);
        check(Checks.price("b", b), loc);
        check(Checks.nonNegative("B", bs), loc);
        check(Checks.price("a", a), loc);
        check(Checks.nonNegative("A", as), loc);
        if (!begin(t, ts, loc, "T")) return;
        DatasetWriter w = t.writer;
        w.f64(1, b);
        w.f64(2, bs);
        w.f64(3, a);
        w.f64(4, as);
        counts[Dataset.QUOTES.ordinal()]++;
    }

    private static void snapshot(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        boolean first = true;
        first = levels(d, "bids", 1, ts, first, loc, t, counts);
        levels(d, "asks", -1, ts, first, loc, t, counts);
    }

    private static void diff(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        levels(d, "b", 1, ts, false, loc, t, counts);
        levels(d, "a", -1, ts, false, loc, t, counts);
    }

    /** Writes the levels of one side; returns whether the snapshot-start flag is still to be set. */
    private static boolean levels(JsonNode d, String f, int side, long ts, boolean flagFirst, Loc loc, Target t, long[] counts) {
        JsonNode arr = req(d, f, loc);
        if (!arr.isArray()) throw loc.error(f, "expected an array of [price, qty]");
        for (JsonNode lv : arr) {
            if (!lv.isArray() || lv.size() < 2) throw loc.error(f, "expected [price, qty], got " + lv);
            double px, q;
            try {
                px = Double.parseDouble(lv.get(0).asText());
                q = Double.parseDouble(lv.get(1).asText());
            } catch (NumberFormatException e) {
                throw loc.error(f, "not a number in " + lv);
            }
            check(Checks.price(f + ".price", px), loc);
            check(Checks.nonNegative(f + ".qty", q), loc);
            if (!begin(t, ts, loc, "T")) continue;
            DatasetWriter w = t.writer;
            w.i8(1, (byte) side);
            w.f64(2, px);
            w.f64(3, q);
            w.i8(4, (byte) (flagFirst ? 1 : 0));
            flagFirst = false;
            counts[Dataset.BOOK.ordinal()]++;
        }
        return flagFirst;
    }

    private static boolean begin(Target t, long ts, Loc loc, String field) {
        return t.begin(ts, loc, field);
    }

    /** Source and line, for errors. */
    static final class Loc implements Target.Location {
        final String source;
        long line;

        Loc(String source) { this.source = source; }

        @Override public InputException error(String field, String problem) {
            return InputException.at(Path.of(source), line, field, problem);
        }
    }
}
