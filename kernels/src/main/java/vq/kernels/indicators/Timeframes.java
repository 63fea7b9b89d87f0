package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import vq.columnar.Intervals;

/**
 * Multi-timeframe support: UTC-aligned resampling of base bars to a coarser timeframe, and no-lookahead alignment of
 * coarser-timeframe values back onto the base bars.
 *
 * <p><b>Resampling</b> (same rules as DESIGN.md §4 and {@code vq data resample}): bucket = {@code floor(ts / tf)·tf}
 * in epoch ns, so 1h/4h/1d buckets start at UTC hour/4-hour/midnight boundaries; open = first open, high = max,
 * low = min, close = last close, volume = sum; the bar is labelled by its bucket start. Buckets without base bars
 * (exchange gaps) produce no bar; a bucket only partly covered (a gap, or the start/end of the range) is a normal
 * bar built from the bars it has. The timeframe must divide one day (1m … 12h) or be exactly 1d, and be a multiple of
 * the base interval.
 *
 * <p><b>Alignment</b>: a coarse bar labelled t closes at t + tf. Base bar i (open time tᵢ, close tᵢ + base) shows the
 * value of the latest coarse bar whose close is ≤ tᵢ + base, i.e. that has completed by the end of bar i; NaN before
 * the first such bar. A coarse bar still forming (including a partial last bucket) is never visible, so truncating the
 * data at any point leaves every earlier aligned value unchanged.
 */
public final class Timeframes {
    private Timeframes() {}

    /** Interval length in ns of a timeframe name (1m, 5m, 1h, 4h, 1d, ...); {@link IllegalArgumentException} if invalid. */
    public static long nanos(String timeframe) {
        try {
            return Intervals.nanos(timeframe);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Checks that {@code tfNanos} can be resampled from {@code baseNanos}; returns tfNanos. */
    static long checkResample(long baseNanos, long tfNanos) {
        if (tfNanos < baseNanos || tfNanos % baseNanos != 0)
            throw new IllegalArgumentException("timeframe of " + tfNanos / 1_000_000_000L + " s is not a multiple of the base interval ("
                    + baseNanos / 1_000_000_000L + " s)");
        if (Intervals.NANOS_PER_DAY % tfNanos != 0 && tfNanos != Intervals.NANOS_PER_DAY)
            throw new IllegalArgumentException("timeframe of " + tfNanos / 1_000_000_000L + " s does not divide a UTC day (use 1m … 12h or 1d)");
        return tfNanos;
    }

    /** Resamples {@code base} to {@code tfNanos} bars (see class doc) into {@code arena}; returns base itself when equal. */
    public static BarSeries resample(BarSeries base, long tfNanos, Arena arena) {
        long bn = base.intervalNanos();
        if (tfNanos == bn) return base;
        checkResample(bn, tfNanos);
        long n = base.rows();
        // count buckets
        long buckets = 0, prev = Long.MIN_VALUE;
        for (long i = 0; i < n; i++) {
            long b = Math.floorDiv(base.ts(i), tfNanos);
            if (b != prev) { buckets++; prev = b; }
        }
        MemorySegment ts = BarSeries.alloc(arena, buckets), o = BarSeries.alloc(arena, buckets), h = BarSeries.alloc(arena, buckets),
                l = BarSeries.alloc(arena, buckets), c = BarSeries.alloc(arena, buckets), v = BarSeries.alloc(arena, buckets);
        MemorySegment bo = base.column(Source.OPEN), bh = base.column(Source.HIGH), bl = base.column(Source.LOW),
                bc = base.column(Source.CLOSE), bv = base.column(Source.VOLUME);
        long k = -1;
        prev = Long.MIN_VALUE;
        double hi = 0, lo = 0, vol = 0;
        for (long i = 0; i < n; i++) {
            long b = Math.floorDiv(base.ts(i), tfNanos);
            if (b != prev) {
                if (k >= 0) { Vec.set(h, k, hi); Vec.set(l, k, lo); Vec.set(v, k, vol); }
                k++;
                prev = b;
                ts.setAtIndex(ValueLayout.JAVA_LONG, k, b * tfNanos);
                Vec.set(o, k, Vec.get(bo, i));
                hi = Vec.get(bh, i);
                lo = Vec.get(bl, i);
                vol = 0;
            }
            hi = Math.max(hi, Vec.get(bh, i));
            lo = Math.min(lo, Vec.get(bl, i));
            vol += Vec.get(bv, i);
            Vec.set(c, k, Vec.get(bc, i));
        }
        if (k >= 0) { Vec.set(h, k, hi); Vec.set(l, k, lo); Vec.set(v, k, vol); }
        return BarSeries.wrap(tfNanos, buckets, ts, o, h, l, c, v, arena);
    }

    /**
     * For each base bar i, the index of the latest coarse bar completed by the close of bar i, or −1 (see class doc).
     * Both series must be in time order; {@code coarse} must be coarser than or equal to {@code base}.
     */
    public static int[] visibleIndex(BarSeries base, BarSeries coarse) {
        long n = base.rows(), m = coarse.rows(), bn = base.intervalNanos(), tf = coarse.intervalNanos();
        if (tf < bn) throw new IllegalArgumentException("cannot align a finer timeframe (" + tf + " ns) onto base bars of " + bn + " ns");
        int[] idx = new int[Math.toIntExact(n)];
        long k = -1;
        for (long i = 0; i < n; i++) {
            long baseClose = base.ts(i) + bn;
            while (k + 1 < m && coarse.ts(k + 1) + tf <= baseClose) k++;
            idx[(int) i] = (int) k;
        }
        return idx;
    }

    /**
     * Aligns values computed on {@code coarse} bars onto {@code base} bars: {@code out[i] = values[visibleIndex[i]]}
     * (NaN where no coarse bar is complete yet). Returns the first base row with a non-NaN value ({@code rows} if none).
     */
    static long align(MemorySegment values, int[] visible, MemorySegment out) {
        long first = visible.length;
        for (int i = 0; i < visible.length; i++) {
            int k = visible[i];
            double v = k < 0 ? Double.NaN : Vec.get(values, k);
            Vec.set(out, i, v);
            if (first == visible.length && !Double.isNaN(v)) first = i;
        }
        return first;
    }
}
