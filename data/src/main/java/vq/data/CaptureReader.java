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
 *     have {@code U <= lastUpdateId <= u} (else an error: the capture misses updates before its first diff);
 *     every later diff's {@code pu} must equal the previous diff's {@code u}. The snapshot is written first
 *     (ts = its {@code T}, flags bit 0 on its first row), then each diff's levels (ts = the diff's {@code T},
 *     size 0 = level removed). Bids are side +1, asks -1.</li>
 * <li>A gap ({@code pu} ≠ previous {@code u}: the collector lost messages) is neither an error nor silently
 *     bridged: the diff that reveals it is written with flags bit 1 on its first row (from there the book is
 *     unknown), later diffs are buffered until the next REST snapshot in the capture (hftbacktest's collector
 *     fetches one after a gap), which re-syncs the book by the same rule. The gap is reported with the book's
 *     import result ({@link Gap}: from the last applied diff to the re-sync, and the diffs that could not be
 *     applied); without a later snapshot the rest of the depth stream is dropped and the gap says so.</li>
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
        Loc loc = new Loc(source);
        DepthSync depth = new DepthSync(targets.get(Dataset.BOOK), loc, counts);
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
                    depth.snapshot(msg);
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
                else if (kind.startsWith("depth")) depth.diff(data);
                else throw loc.error("stream", "unsupported stream '" + s + "' (trade, bookTicker, depth)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        depth.finish();
        return counts;
    }

    /** Binance USD-M depth sync over one capture: snapshots, buffered diffs, the update-id chain and its gaps. */
    private static final class DepthSync {
        final Target book;
        final Loc loc;
        final long[] counts;
        final ArrayDeque<JsonNode> pending = new ArrayDeque<>();
        final ArrayDeque<Long> pendingLine = new ArrayDeque<>();
        long lastUpdateId = -1, prevU = -1;
        int snapshots;
        boolean synced, gapOpen;
        long lastDiffNs = Long.MIN_VALUE, lastSeenNs = Long.MIN_VALUE, gapFromNs, gapUnapplied;

        DepthSync(Target book, Loc loc, long[] counts) {
            this.book = book;
            this.loc = loc;
            this.counts = counts;
        }

        void snapshot(JsonNode msg) {
            boolean resync = lastUpdateId >= 0;
            snapshots++;
            lastUpdateId = msg.get("lastUpdateId").asLong();
            synced = false;
            long snapNs = ms(msg, "T", loc);
            CaptureReader.snapshot(msg, loc, book, counts);
            boolean wasGap = gapOpen;
            long unappliedBefore = gapUnapplied;
            gapOpen = false;
            long line0 = loc.line;
            int n = pending.size();
            long skipped = 0;
            for (int k = 0; k < n; k++) {
                JsonNode d = pending.poll();
                loc.line = pendingLine.poll();
                if (gapOpen) { buffer(d); continue; } // a new gap inside the buffered diffs: wait for the next snapshot
                if (!synced && req(d, "u", loc).asLong() < lastUpdateId) { skipped++; continue; }
                if (!synced && resync && !firstOk(d, lastUpdateId, loc)) { skipped++; continue; }
                apply(d, !resync);
            }
            loc.line = line0;
            if (wasGap) book.gaps.add(new Gap(gapFromNs, snapNs, unappliedBefore + skipped, "depth diff not applied (re-synced by a snapshot)"));
        }

        void diff(JsonNode d) {
            lastSeenNs = ms(d, "T", loc);
            if (lastUpdateId < 0 || gapOpen) {
                if (pending.size() == MAX_BUFFERED_DIFFS) {
                    if (!gapOpen) throw loc.error(null, "no depth snapshot within the first " + MAX_BUFFERED_DIFFS + " depth diffs");
                    pending.poll(); // waiting for a re-sync snapshot: the oldest diff can no longer be applied
                    pendingLine.poll();
                    gapUnapplied++;
                }
                buffer(d);
                return;
            }
            if (!synced && req(d, "u", loc).asLong() < lastUpdateId) return;
            apply(d, snapshots == 1);
        }

        private void buffer(JsonNode d) {
            pending.add(d);
            pendingLine.add(loc.line);
        }

        /** Applies a diff in order: the first after a snapshot must straddle it, later ones continue the chain; a break opens a gap. */
        private void apply(JsonNode d, boolean strictFirst) {
            if (!synced) {
                if (strictFirst) checkFirst(d, lastUpdateId, loc);
                else if (!firstOk(d, lastUpdateId, loc)) { openGap(d); return; }
                synced = true;
            } else if (req(d, "pu", loc).asLong() != prevU) { openGap(d); return; }
            prevU = req(d, "u", loc).asLong();
            lastDiffNs = CaptureReader.diff(d, loc, book, counts);
        }

        /** The collector lost depth messages: mark the book unknown from this diff until the next snapshot. */
        private void openGap(JsonNode d) {
            gapOpen = true;
            synced = false;
            gapFromNs = lastDiffNs;
            gapUnapplied = 1;
            gapMarker(d, loc, book, counts);
        }

        void finish() {
            if (gapOpen) book.gaps.add(new Gap(gapFromNs, lastSeenNs, gapUnapplied + pending.size(),
                    "depth diff not applied (no later snapshot in " + loc.source + ")"));
        }
    }

    /** Whether {@code d} may be the first diff applied after a snapshot ({@code U <= lastUpdateId <= u}). */
    private static boolean firstOk(JsonNode d, long lastUpdateId, Loc loc) {
        long U = req(d, "U", loc).asLong(), u = req(d, "u", loc).asLong();
        return U <= lastUpdateId && lastUpdateId <= u;
    }

    private static void checkFirst(JsonNode d, long lastUpdateId, Loc loc) {
        long U = req(d, "U", loc).asLong(), u = req(d, "u", loc).asLong();
        if (!(U <= lastUpdateId && lastUpdateId <= u))
            throw loc.error("U", "first depth diff after the snapshot must have U <= lastUpdateId <= u (U=" + U + ", u=" + u
                    + ", lastUpdateId=" + lastUpdateId + "): the capture misses depth updates");
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
        byte rest = levels(d, "bids", 1, ts, (byte) 1, loc, t, counts);
        levels(d, "asks", -1, ts, rest, loc, t, counts);
    }

    /** Writes a diff's levels; returns its time (ns). */
    private static long diff(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        levels(d, "b", 1, ts, (byte) 0, loc, t, counts);
        levels(d, "a", -1, ts, (byte) 0, loc, t, counts);
        return ts;
    }

    /** Writes the diff that revealed a gap with flags bit 1 on its first row: the book is unknown from here to the next snapshot. */
    private static void gapMarker(JsonNode d, Loc loc, Target t, long[] counts) {
        long ts = ms(d, "T", loc);
        byte rest = levels(d, "b", 1, ts, (byte) 2, loc, t, counts);
        rest = levels(d, "a", -1, ts, rest, loc, t, counts);
        if (rest != 0) throw loc.error("b", "a depth diff without levels reveals a gap: cannot mark it in the book");
    }

    /** Writes the levels of one side, {@code flagFirst} on the first row written; returns the flags still to be set (0 once written). */
    private static byte levels(JsonNode d, String f, int side, long ts, byte flagFirst, Loc loc, Target t, long[] counts) {
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
            w.i8(4, flagFirst);
            flagFirst = 0;
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
