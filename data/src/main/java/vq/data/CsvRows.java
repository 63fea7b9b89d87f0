package vq.data;

import java.util.Map;
import vq.columnar.Dataset;

/**
 * The row loop for every CSV kind: reads a source line by line through its {@link Layout}, checks each row
 * ({@link Checks}, {@link Target#begin}) and writes it to its dataset(s). One instance per source file.
 *
 * <p>Absent optional columns are written as NaN (f64) or 0 (the bars' trade count); a trade without an id
 * gets {@code trade_id = -1}.
 */
final class CsvRows {
    /** Supplies the target of a dataset (opening its writer on first use). */
    interface Targets {
        Target get(Dataset dataset);
    }

    private CsvRows() {}

    /**
     * Reads all rows of {@code csv} into blocks handed to {@code sink} (the last, partial block included). The
     * first non-blank line is a header if it does not start with a number.
     */
    static void read(SourceKind kind, ByteCsv csv, Map<String, String> mapping, Timestamps.Detector unit, Block.Sink sink) {
        if (!csv.nextLine()) return;
        Layout layout;
        if (csv.startsNumeric()) {
            if (!mapping.isEmpty()) {
                layout = Layout.fromHeader(kind, indexHeader(csv.fields().size()), mapping, csv.source());
            } else layout = Layout.headerless(kind, csv.fields().size(), csv.source());
        } else {
            layout = Layout.fromHeader(kind, csv.fields(), mapping, csv.source());
            if (!csv.nextLine()) return;
        }
        if ((kind == SourceKind.TRADES || kind == SourceKind.AGG_TRADES) && !layout.has(3) && !layout.has(5))
            throw new vq.columnar.InputException(csv.source() + ": no side column (side, or is_buyer_maker) in the header");
        Block[] cur = {new Block(csv.source(), tsName(layout), sink.pool())};
        switch (kind) {
            case KLINES -> bars(csv, layout, unit, sink, cur);
            case MARK_PRICE_KLINES -> markBars(csv, layout, unit, sink, cur);
            case FUNDING_RATE -> funding(csv, layout, unit, sink, cur);
            case TRADES, AGG_TRADES -> trades(csv, layout, unit, sink, cur);
            case BOOK_TICKER, L1 -> quotes(csv, layout, unit, sink, cur);
            default -> throw new IllegalArgumentException(kind.toString());
        }
        if (!cur[0].isEmpty()) sink.accept(cur[0]);
    }

    /**
     * The first data row's timestamp in {@code head} (the first bytes of a source), for ordering files that have
     * no date in their name; {@link Long#MAX_VALUE} if it holds no data row.
     */
    static long firstTs(SourceKind kind, byte[] head, ImportOptions o, String source) {
        if (kind == SourceKind.CAPTURE) return Long.MAX_VALUE;
        ByteCsv csv = new ByteCsv(new java.io.ByteArrayInputStream(head), source);
        if (!csv.nextLine()) return Long.MAX_VALUE;
        Layout layout;
        if (csv.startsNumeric()) {
            layout = o.columns().isEmpty() ? Layout.headerless(kind, csv.fields().size(), source)
                    : Layout.fromHeader(kind, indexHeader(csv.fields().size()), o.columns(), source);
        } else {
            layout = Layout.fromHeader(kind, csv.fields(), o.columns(), source);
            if (!csv.nextLine()) return Long.MAX_VALUE;
        }
        Timestamps.Detector unit = new Timestamps.Detector(o.timeUnit() == null ? null : Timestamps.Unit.ofName(o.timeUnit()));
        for (int i = 0; i < layout.ops.length; i++) {
            if (layout.ops[i] == Layout.TS) return csv.timestamp(layout.names[i], unit);
            csv.skip(layout.names[i]);
        }
        return Long.MAX_VALUE;
    }

    /** Positional names {@code #1..#n} so that a headerless file can be mapped with {@code --columns role=#i}. */
    private static java.util.List<String> indexHeader(int n) {
        java.util.List<String> h = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) h.add("#" + i);
        return h;
    }

    /** Parses the fields of the current line into {@code f} (f64 roles), {@code l} (i64/side roles); returns ts. */
    private static long fields(ByteCsv csv, Layout lay, Timestamps.Detector unit, double[] f, long[] l) {
        if (lay.binanceKlines) {
            long ts = csv.klineRow(unit, lay.names[0], f, l);
            if (ts >= 0) return ts;
        }
        byte[] ops = lay.ops;
        int[] roles = lay.roles;
        String[] names = lay.names;
        long ts = 0;
        for (int i = 0; i < ops.length; i++) {
            switch (ops[i]) {
                case Layout.SKIP -> csv.skip(names[i]);
                case Layout.TS -> ts = csv.timestamp(names[i], unit);
                case Layout.F64 -> f[roles[i]] = csv.f64(names[i]);
                case Layout.F64_OPT -> f[roles[i]] = csv.f64OrDefault(names[i], Double.NaN);
                case Layout.I64 -> l[roles[i]] = csv.i64(names[i]);
                case Layout.BUYER_MAKER -> l[roles[i]] = csv.bool(names[i]) ? -1 : 1;
                case Layout.SIDE -> l[roles[i]] = csv.cursorAtEnd() ? 0 : csv.side(names[i]);
                default -> throw new IllegalStateException();
            }
        }
        return ts;
    }

    private static String tsName(Layout lay) {
        for (int i = 0; i < lay.ops.length; i++) if (lay.ops[i] == Layout.TS) return lay.names[i];
        return "ts";
    }

    private static void bars(ByteCsv csv, Layout lay, Timestamps.Detector unit, Block.Sink sink, Block[] cur) {
        double[] f = new double[10];
        long[] l = new long[10];
        java.util.Arrays.fill(f, Double.NaN);
        boolean vol = lay.has(5), qv = lay.has(6), n = lay.has(7), tb = lay.has(8), tbq = lay.has(9);
        RowBlock b = cur[0].rows(Dataset.BARS);
        do {
            long ts = fields(csv, lay, unit, f, l);
            Checks.require(Checks.ohlc(f[1], f[2], f[3], f[4]), csv);
            if (vol) Checks.require(Checks.nonNegative("volume", f[5]), csv);
            if (qv) Checks.require(Checks.nonNegative("quote_volume", f[6]), csv);
            if (n && l[7] < 0) throw csv.error("trades", "must be >= 0, got " + l[7]);
            if (tb) Checks.require(Checks.nonNegative("taker_buy_volume", f[8]), csv);
            if (tbq) Checks.require(Checks.nonNegative("taker_buy_quote_volume", f[9]), csv);
            if (b.full()) b = (cur[0] = sink.accept(cur[0])).rows(Dataset.BARS);
            int r = b.add(ts, csv.line());
            b.f64[1][r] = f[1];
            b.f64[2][r] = f[2];
            b.f64[3][r] = f[3];
            b.f64[4][r] = f[4];
            b.f64[5][r] = f[5];
            b.f64[6][r] = f[6];
            b.i64[7][r] = l[7];
            b.f64[8][r] = f[8];
            b.f64[9][r] = f[9];
        } while (csv.nextLine());
    }

    private static void markBars(ByteCsv csv, Layout lay, Timestamps.Detector unit, Block.Sink sink, Block[] cur) {
        double[] f = new double[10];
        long[] l = new long[10];
        RowBlock b = cur[0].rows(Dataset.MARK_BARS);
        do {
            long ts = fields(csv, lay, unit, f, l);
            Checks.require(Checks.ohlc(f[1], f[2], f[3], f[4]), csv);
            if (b.full()) b = (cur[0] = sink.accept(cur[0])).rows(Dataset.MARK_BARS);
            int r = b.add(ts, csv.line());
            for (int c = 1; c <= 4; c++) b.f64[c][r] = f[c];
        } while (csv.nextLine());
    }

    private static void funding(ByteCsv csv, Layout lay, Timestamps.Detector unit, Block.Sink sink, Block[] cur) {
        double[] f = new double[3];
        long[] l = new long[3];
        f[2] = Double.NaN;
        RowBlock b = cur[0].rows(Dataset.FUNDING);
        do {
            long ts = fields(csv, lay, unit, f, l);
            Checks.require(Checks.finite("rate", f[1]), csv);
            Checks.require(Checks.priceOrNaN("mark_price", f[2]), csv);
            if (b.full()) b = (cur[0] = sink.accept(cur[0])).rows(Dataset.FUNDING);
            int r = b.add(ts, csv.line());
            b.f64[1][r] = f[1];
            b.f64[2][r] = f[2];
        } while (csv.nextLine());
    }

    private static void trades(ByteCsv csv, Layout lay, Timestamps.Detector unit, Block.Sink sink, Block[] cur) {
        double[] f = new double[6];
        long[] l = new long[6];
        l[4] = -1;
        boolean sideCol = lay.has(3);
        RowBlock b = cur[0].rows(Dataset.TRADES);
        do {
            long ts = fields(csv, lay, unit, f, l);
            Checks.require(Checks.price("price", f[1]), csv);
            Checks.require(Checks.nonNegative("qty", f[2]), csv);
            int side = (int) (sideCol ? l[3] : l[5]);
            Checks.require(Checks.side(sideCol ? "side" : "is_buyer_maker", side), csv);
            if (b.full()) b = (cur[0] = sink.accept(cur[0])).rows(Dataset.TRADES);
            int r = b.add(ts, csv.line());
            b.f64[1][r] = f[1];
            b.f64[2][r] = f[2];
            b.i8[3][r] = (byte) side;
            b.i64[4][r] = l[4];
        } while (csv.nextLine());
    }

    private static void quotes(ByteCsv csv, Layout lay, Timestamps.Detector unit, Block.Sink sink, Block[] cur) {
        double[] f = new double[8];
        long[] l = new long[8];
        f[5] = Double.NaN;
        f[6] = Double.NaN;
        boolean tradeCols = lay.has(5);
        RowBlock q = cur[0].rows(Dataset.QUOTES);
        do {
            long ts = fields(csv, lay, unit, f, l);
            Checks.require(Checks.price("bid_px", f[1]), csv);
            Checks.require(Checks.nonNegative("bid_sz", f[2]), csv);
            Checks.require(Checks.price("ask_px", f[3]), csv);
            Checks.require(Checks.nonNegative("ask_sz", f[4]), csv);
            boolean trade = tradeCols && !Double.isNaN(f[5]);
            if (trade) {
                Checks.require(Checks.price("trade_px", f[5]), csv);
                Checks.require(Checks.nonNegative("trade_sz", f[6]), csv);
                if (!lay.has(7)) throw csv.error("trade_side", "a trade needs trade_side");
                Checks.require(Checks.side("trade_side", (int) l[7]), csv);
            }
            RowBlock t = trade ? cur[0].rows(Dataset.TRADES) : null;
            if (q.full() || (t != null && t.full())) {
                q = (cur[0] = sink.accept(cur[0])).rows(Dataset.QUOTES);
                if (trade) t = cur[0].rows(Dataset.TRADES);
            }
            if (trade) {
                int r = t.add(ts, csv.line());
                t.f64[1][r] = f[5];
                t.f64[2][r] = f[6];
                t.i8[3][r] = (byte) l[7];
                t.i64[4][r] = -1;
            }
            int r = q.add(ts, csv.line());
            q.f64[1][r] = f[1];
            q.f64[2][r] = f[2];
            q.f64[3][r] = f[3];
            q.f64[4][r] = f[4];
        } while (csv.nextLine());
    }
}
