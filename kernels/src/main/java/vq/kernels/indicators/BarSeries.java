package vq.kernels.indicators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumMap;
import java.util.List;
import vq.columnar.Chunk;
import vq.columnar.Dataset;

/**
 * Bars of one symbol and timeframe as contiguous off-heap columns: {@code ts} (epoch ns UTC, bar open time) and
 * open/high/low/close/volume (f64), {@code rows()} each, little-endian, 64-byte aligned.
 *
 * <p><b>Why a copy.</b> A catalog range arrives as one {@link Chunk} per segment file. Kernels read one contiguous
 * native buffer instead of carrying state across chunk boundaries: every kernel stays a simple loop over
 * {@code [0, n)}, scans and windows never straddle a boundary, and hot methods only ever see native segments (a mapped
 * segment followed by a native one through the same call site deoptimises it; JAVA-STACK.md). The copy is one
 * {@code memcpy} per column per range (~1 ms for 1 M bars × 6 columns), made once by the {@link IndicatorCache}, which
 * owns the buffer and shares it read-only by all parameter sets and threads.
 *
 * <p>Bars are taken as a plain sequence (like TA-Lib): a gap in the data (e.g. the 80-minute Binance halt of
 * 2023-03-24) is not filled; windows span it. Derived sources (hl2, hlc3, ohlc4) and compensated prefix sums are
 * computed lazily, once, thread-safely, into the series' arena.
 */
public final class BarSeries {
    private final long intervalNanos;
    private final long rows;
    private final MemorySegment ts;
    private final MemorySegment[] columns = new MemorySegment[Source.values().length];
    private final EnumMap<Source, MemorySegment[]> prefix = new EnumMap<>(Source.class);
    private final java.util.EnumSet<Source> staleDerived = java.util.EnumSet.noneOf(Source.class);
    private final java.util.EnumSet<Source> stalePrefix = java.util.EnumSet.noneOf(Source.class);
    private final EnumMap<Source, MemorySegment> blocks = new EnumMap<>(Source.class);
    private final java.util.EnumSet<Source> staleBlocks = java.util.EnumSet.noneOf(Source.class);
    private final Arena arena;

    private BarSeries(long intervalNanos, long rows, MemorySegment ts, MemorySegment open, MemorySegment high,
                      MemorySegment low, MemorySegment close, MemorySegment volume, Arena arena) {
        if (intervalNanos <= 0) throw new IllegalArgumentException("interval must be > 0 ns, got " + intervalNanos);
        this.intervalNanos = intervalNanos;
        this.rows = rows;
        this.ts = ts;
        columns[Source.OPEN.ordinal()] = open;
        columns[Source.HIGH.ordinal()] = high;
        columns[Source.LOW.ordinal()] = low;
        columns[Source.CLOSE.ordinal()] = close;
        columns[Source.VOLUME.ordinal()] = volume;
        this.arena = arena;
    }

    /**
     * Copies a bars range (chunks of the {@code bars} dataset, in time order) into contiguous buffers allocated in
     * {@code arena}. {@link IllegalArgumentException} when a chunk is not of the bars dataset or timestamps do not
     * increase across chunks.
     */
    public static BarSeries copyOf(List<Chunk> chunks, long intervalNanos, Arena arena) {
        long n = 0;
        for (Chunk c : chunks) {
            if (c.dataset() != Dataset.BARS && c.dataset() != Dataset.MARK_BARS)
                throw new IllegalArgumentException("expected bars chunks, got " + c.dataset().id());
            n += c.rows();
        }
        MemorySegment ts = alloc(arena, n);
        MemorySegment[] cols = new MemorySegment[5];
        String[] names = {"open", "high", "low", "close", "volume"};
        for (int k = 0; k < 5; k++) cols[k] = alloc(arena, n);
        long pos = 0, last = Long.MIN_VALUE;
        for (Chunk c : chunks) {
            long r = c.rows();
            if (r == 0) continue;
            long first = c.ts(0);
            if (first <= last)
                throw new IllegalArgumentException("bars chunks out of order: ts " + first + " after " + last + " (dataset row " + c.firstRow() + ")");
            last = c.ts(r - 1);
            MemorySegment.copy(c.column(0), 0, ts, pos * 8, r * 8);
            for (int k = 0; k < 5; k++) {
                if (c.dataset() == Dataset.MARK_BARS && k == 4) {
                    cols[k].asSlice(pos * 8, r * 8).fill((byte) 0);
                    continue;
                }
                MemorySegment.copy(c.column(names[k]), 0, cols[k], pos * 8, r * 8);
            }
            pos += r;
        }
        return new BarSeries(intervalNanos, n, ts, cols[0], cols[1], cols[2], cols[3], cols[4], arena);
    }

    /** A series from heap arrays (tests, synthetic data), copied into {@code arena}. {@code volume} may be null (zeros). */
    public static BarSeries of(long intervalNanos, long[] ts, double[] open, double[] high, double[] low, double[] close,
                               double[] volume, Arena arena) {
        int n = ts.length;
        for (double[] a : new double[][] {open, high, low, close})
            if (a.length != n) throw new IllegalArgumentException("column lengths differ: ts " + n + ", other " + a.length);
        if (volume != null && volume.length != n) throw new IllegalArgumentException("volume length " + volume.length + " != " + n);
        for (int i = 1; i < n; i++)
            if (ts[i] <= ts[i - 1]) throw new IllegalArgumentException("ts not strictly increasing at row " + i);
        MemorySegment t = alloc(arena, n);
        MemorySegment.copy(ts, 0, t, ValueLayout.JAVA_LONG, 0, n);
        return new BarSeries(intervalNanos, n, t, copy(open, arena), copy(high, arena), copy(low, arena), copy(close, arena),
                volume == null ? alloc(arena, n) : copy(volume, arena), arena);
    }

    /** Wraps existing native columns (no copy); used by the resampler. */
    static BarSeries wrap(long intervalNanos, long rows, MemorySegment ts, MemorySegment open, MemorySegment high,
                          MemorySegment low, MemorySegment close, MemorySegment volume, Arena arena) {
        return new BarSeries(intervalNanos, rows, ts, open, high, low, close, volume, arena);
    }

    static MemorySegment alloc(Arena arena, long n) {
        return arena.allocate(Math.max(1, n) * Double.BYTES, 64);
    }

    private static MemorySegment copy(double[] a, Arena arena) {
        MemorySegment s = alloc(arena, a.length);
        MemorySegment.copy(a, 0, s, ValueLayout.JAVA_DOUBLE, 0, a.length);
        return s;
    }

    public long rows() { return rows; }

    /** Bar length in ns (60e9 for 1m). */
    public long intervalNanos() { return intervalNanos; }

    /** Open times, epoch ns UTC. */
    public MemorySegment ts() { return ts; }

    public long ts(long i) { return ts.getAtIndex(ValueLayout.JAVA_LONG, i); }

    /** The column of {@code s}; derived sources are computed on first use. Read-only by contract. */
    public MemorySegment column(Source s) {
        MemorySegment c = columns[s.ordinal()];
        if (c != null && s.isColumn()) return c;
        synchronized (this) {
            c = columns[s.ordinal()];
            if (c == null || staleDerived.remove(s)) {
                if (c == null) c = alloc(arena, rows);
                Vec.derive(s, columns[Source.OPEN.ordinal()], columns[Source.HIGH.ordinal()], columns[Source.LOW.ordinal()],
                        columns[Source.CLOSE.ordinal()], c, rows);
                columns[s.ordinal()] = c;
            }
            return c;
        }
    }

    public double get(Source s, long i) { return column(s).getAtIndex(ValueLayout.JAVA_DOUBLE, i); }

    /**
     * Compensated prefix sums of a source: {@code [hi, lo]}, with {@code hi[k + PAD] + lo[k + PAD] = x[0] + ... + x[k-1]}
     * to about 1e-16 relative (see {@link Vec#prefixSum}). Computed once.
     */
    MemorySegment[] prefixSums(Source s) {
        synchronized (prefix) {
            MemorySegment[] p = prefix.get(s);
            if (p == null || stalePrefix.remove(s)) {
                if (p == null) p = new MemorySegment[] {alloc(arena, rows + Vec.L), alloc(arena, rows + Vec.L)};
                Vec.prefixSum(column(s), rows, p[0], p[1]);
                prefix.put(s, p);
            }
            return p;
        }
    }

    /** Block-restart prefix sums of {@code s} ({@link Vec#blockPrefix}), computed once. */
    MemorySegment blockSums(Source s) {
        synchronized (blocks) {
            MemorySegment r = blocks.get(s);
            if (r == null || staleBlocks.remove(s)) {
                if (r == null) r = alloc(arena, rows + Vec.L);
                Vec.blockPrefix(column(s), rows, r, null);
                blocks.put(s, r);
            }
            return r;
        }
    }

    /** The cached block sums of {@code s}, or null when not computed (or stale). */
    MemorySegment cachedBlockSums(Source s) {
        synchronized (blocks) {
            return staleBlocks.contains(s) ? null : blocks.get(s);
        }
    }

    /**
     * Marks derived sources and prefix sums stale, keeping their buffers, so that the next use recomputes them in place.
     * For benchmarks that time a first computation without allocating; must not run concurrently with readers.
     */
    public void resetDerived() {
        synchronized (this) {
            for (Source s : Source.values()) if (!s.isColumn() && columns[s.ordinal()] != null) staleDerived.add(s);
        }
        synchronized (prefix) {
            stalePrefix.addAll(prefix.keySet());
        }
        synchronized (blocks) {
            staleBlocks.addAll(blocks.keySet());
        }
    }

    /** The arena owning derived buffers of this series. */
    Arena arena() { return arena; }
}
