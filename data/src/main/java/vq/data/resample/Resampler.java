package vq.data.resample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.ColumnType;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.columnar.Manifest;

/**
 * Builds higher-timeframe bars (5m, 15m, 1h, 4h, 1d, …) from lower-timeframe bars of the catalog (DESIGN.md §4).
 *
 * <p>Buckets are aligned to UTC: a bar with open time {@code ts} falls in the bucket starting at
 * {@code floor(ts / T)·T} (T = target interval in ns; epoch 0 is a UTC midnight, so 4h buckets start at 00, 04, …
 * UTC and 1d buckets at 00:00 UTC). Per bucket: open = first open, high = max high, low = min low, close = last
 * close; volume, quote_volume, trades, taker_buy_volume and taker_buy_quote_volume are summed. Only buckets that
 * hold at least one source bar are written (an exchange halt longer than T leaves no bar, as in the source).
 *
 * <p><b>Partial buckets.</b> A bucket with fewer than {@code T / source interval} source bars (missing minutes,
 * e.g. the 80-minute hole of 2023-03-24, or an unfinished last bucket) is <i>partial</i>. The bars schema is fixed,
 * so partial buckets are recorded in the target's manifest, in the options of its import record:
 * {@code partial_buckets} (count) and {@code partial_list} ({@code <iso open time>/<bars present>} separated by
 * spaces, at most {@value #MAX_LISTED} listed; {@code partial_list_truncated=true} when cut). {@link #partialBuckets}
 * reads them back. The target is written with the catalog's replacing writer: atomic, the old data stay until the
 * new manifest is in place.
 */
public final class Resampler {
    /** Most partial buckets listed by time in the manifest (the count is always exact). */
    public static final int MAX_LISTED = 2000;
    /** The targets of {@code vq data resample} when none are given. */
    public static final List<String> DEFAULT_TARGETS = List.of("5m", "15m", "1h", "4h", "1d");

    private Resampler() {}

    /**
     * What one resample produced.
     *
     * @param target      the key written
     * @param sourceRows  rows read from the source
     * @param rows        bars written
     * @param partial     buckets with fewer source bars than a full bucket holds
     * @param partialList the first {@link #MAX_LISTED} partial buckets: open time (ns) and bars present
     */
    public record Result(DatasetKey target, long sourceRows, long rows, long partial, List<long[]> partialList) {}

    /**
     * Resamples {@code source} (a bars dataset) to {@code interval} and replaces {@code source}'s sibling dataset with
     * that interval.
     *
     * @throws InputException if the source is missing or not bars, or the interval is not a multiple of the source
     *                        interval that divides a day (or a whole number of days)
     */
    public static Result resample(Catalog catalog, DatasetKey source, String interval) {
        if (source.dataset() != Dataset.BARS && source.dataset() != Dataset.MARK_BARS)
            throw new InputException("can only resample bars or mark_bars, not " + source.dataset().id());
        long src = Intervals.nanos(source.interval()), tgt = Intervals.nanos(interval);
        if (tgt <= src || tgt % src != 0)
            throw new InputException("cannot resample " + source.interval() + " to " + interval
                    + " (the target must be a larger multiple of the source interval)");
        if (tgt < Intervals.NANOS_PER_DAY ? Intervals.NANOS_PER_DAY % tgt != 0 : tgt % Intervals.NANOS_PER_DAY != 0)
            throw new InputException("interval " + interval + " does not align to UTC days (use e.g. 5m, 15m, 1h, 4h, 1d)");
        DatasetKey target = new DatasetKey(source.venue(), source.market(), source.symbol(), source.dataset(), interval);
        long full = tgt / src;
        boolean bars = source.dataset() == Dataset.BARS;
        try (DatasetReader in = catalog.reader(source); DatasetWriter out = catalog.replacingWriter(target)) {
            double o = 0, h = 0, l = 0, c = 0, vol = 0, qv = 0, tbv = 0, tbq = 0;
            long trades = 0, bucket = Long.MIN_VALUE, count = 0, partial = 0, rows = 0;
            List<long[]> partialList = new ArrayList<>();
            for (Chunk ch : in.all()) {
                long n = ch.rows();
                var ts = ch.column(0);
                var co = ch.column(1); var chh = ch.column(2); var cl = ch.column(3); var cc = ch.column(4);
                for (long i = 0; i < n; i++) {
                    long t = ts.getAtIndex(ColumnType.LONG_LE, i);
                    long b = Math.floorDiv(t, tgt) * tgt;
                    if (b != bucket) {
                        if (count > 0) {
                            emit(out, bars, bucket, o, h, l, c, vol, qv, trades, tbv, tbq);
                            rows++;
                            if (count < full) { partial++; if (partialList.size() < MAX_LISTED) partialList.add(new long[] {bucket, count}); }
                        }
                        bucket = b;
                        count = 0;
                        o = co.getAtIndex(ColumnType.DOUBLE_LE, i);
                        h = Double.NEGATIVE_INFINITY;
                        l = Double.POSITIVE_INFINITY;
                        vol = qv = tbv = tbq = 0;
                        trades = 0;
                    }
                    h = Math.max(h, chh.getAtIndex(ColumnType.DOUBLE_LE, i));
                    l = Math.min(l, cl.getAtIndex(ColumnType.DOUBLE_LE, i));
                    c = cc.getAtIndex(ColumnType.DOUBLE_LE, i);
                    if (bars) {
                        vol += ch.column(5).getAtIndex(ColumnType.DOUBLE_LE, i);
                        qv += ch.column(6).getAtIndex(ColumnType.DOUBLE_LE, i);
                        trades += ch.column(7).getAtIndex(ColumnType.LONG_LE, i);
                        tbv += ch.column(8).getAtIndex(ColumnType.DOUBLE_LE, i);
                        tbq += ch.column(9).getAtIndex(ColumnType.DOUBLE_LE, i);
                    }
                    count++;
                }
            }
            if (count > 0) {
                emit(out, bars, bucket, o, h, l, c, vol, qv, trades, tbv, tbq);
                rows++;
                if (count < full) { partial++; if (partialList.size() < MAX_LISTED) partialList.add(new long[] {bucket, count}); }
            }
            Map<String, String> options = new LinkedHashMap<>();
            options.put("format", "resample");
            options.put("source", source.toString());
            options.put("partial_buckets", Long.toString(partial));
            StringBuilder list = new StringBuilder();
            for (long[] p : partialList) {
                if (!list.isEmpty()) list.append(' ');
                list.append(Intervals.iso(p[0])).append('/').append(p[1]);
            }
            options.put("partial_list", list.toString());
            if (partial > partialList.size()) options.put("partial_list_truncated", "true");
            out.addSource(new Manifest.Source(source.toString(), fingerprint(in.manifest()), in.manifest().bytes(), in.rows(), null));
            out.commit(options);
            return new Result(target, in.rows(), rows, partial, partialList);
        }
    }

    private static void emit(DatasetWriter out, boolean bars, long bucket, double o, double h, double l, double c,
                             double vol, double qv, long trades, double tbv, double tbq) {
        out.beginRow(bucket);
        out.f64(1, o);
        out.f64(2, h);
        out.f64(3, l);
        out.f64(4, c);
        if (bars) {
            out.f64(5, vol);
            out.f64(6, qv);
            out.i64(7, trades);
            out.f64(8, tbv);
            out.f64(9, tbq);
        }
    }

    /** SHA-256 over the source manifest's segment checksums: identifies exactly which data were resampled. */
    static String fingerprint(Manifest m) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Manifest.Segment s : m.segments()) d.update((s.file() + ":" + s.checksum() + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Partial-bucket count recorded by the last resample of a dataset, or -1 if the dataset was not resampled
     * (for {@code vq data status}).
     */
    public static long partialBuckets(Manifest m) {
        for (int i = m.imports().size() - 1; i >= 0; i--) {
            Map<String, String> o = m.imports().get(i).options();
            if ("resample".equals(o.get("format"))) return Long.parseLong(o.getOrDefault("partial_buckets", "0"));
        }
        return -1;
    }
}
