package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised comparisons over bars into bitsets. A <b>series</b> is a contiguous little-endian
 * {@code double} {@link MemorySegment} indexed by base bar (element i = bar i); a constant operand is a
 * {@code double}. Output bitsets are {@code long[]} with bit {@code (i - from)} for bar i (bit k lives in
 * word {@code k >>> 6} at position {@code k & 63}); bits past {@code to - from} are zero.
 *
 * <p>Semantics at bar i: {@code a > b} etc. compare the values at i; {@code a crosses_above b} is
 * {@code a[i-1] <= b[i-1] && a[i] > b[i]} and {@code crosses_below} is {@code a[i-1] >= b[i-1] && a[i] < b[i]}
 * (false at bar 0); {@code between} is {@code lo <= x && x <= hi}. Any comparison with NaN (warm-up) is false.
 * Vector lanes use {@link DoubleVector#SPECIES_PREFERRED} and {@code VectorMask.toLong()}; the bar block
 * ends are handled with scalar code that gives the identical result.
 */
public final class SignalKernel {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    static {
        if (64 % L != 0) throw new ExceptionInInitializerError("vector length " + L + " does not divide 64");
    }

    private SignalKernel() {}

    /** Number of {@code long} words for {@code bars} bits. */
    public static int words(int bars) { return (bars + 63) >>> 6; }

    /** An operand prepared for a bar loop: a series or a constant. */
    public record Input(MemorySegment series, double constant) {
        public static Input of(MemorySegment s) { return new Input(s, Double.NaN); }

        public static Input of(double c) { return new Input(null, c); }

        public boolean isConstant() { return series == null; }

        double at(long i) { return series == null ? constant : series.getAtIndex(D, i); }

        DoubleVector load(long i) {
            return series == null ? DoubleVector.broadcast(S, constant) : DoubleVector.fromMemorySegment(S, series, i * 8, LE);
        }
    }

    /** Comparison kinds for {@link #compare}. */
    public enum Cmp { GT, LT, GE, LE }

    /** out = bits of {@code a cmp b} over bars [from, to). {@code out} must have ≥ off + words(to-from) words. */
    public static void compare(Input a, Cmp cmp, Input b, int from, int to, long[] out, int off) {
        clear(out, off, to - from);
        int vecEnd = from + ((to - from) / L) * L;
        // one loop per operator: the Vector API intrinsifies compare() only for constant operators
        switch (cmp) {
            case GT -> { for (int i = from; i < vecEnd; i += L) put(out, off, i - from, a.load(i).compare(VectorOperators.GT, b.load(i)).toLong()); }
            case LT -> { for (int i = from; i < vecEnd; i += L) put(out, off, i - from, a.load(i).compare(VectorOperators.LT, b.load(i)).toLong()); }
            case GE -> { for (int i = from; i < vecEnd; i += L) put(out, off, i - from, a.load(i).compare(VectorOperators.GE, b.load(i)).toLong()); }
            case LE -> { for (int i = from; i < vecEnd; i += L) put(out, off, i - from, a.load(i).compare(VectorOperators.LE, b.load(i)).toLong()); }
        }
        for (int i = vecEnd; i < to; i++) if (test(cmp, a.at(i), b.at(i))) set(out, off, i - from);
    }

    /** out = bits of {@code a crosses_above b} (above = true) or {@code crosses_below} over [from, to). */
    public static void cross(Input a, boolean above, Input b, int from, int to, long[] out, int off) {
        if (above) crossWords(a, b, from, to, out, null, off);
        else crossWords(a, b, from, to, null, out, off);
    }

    /**
     * {@code a crosses_above b} into {@code above} and {@code a crosses_below b} into {@code below} (either may be
     * null) over [from, to), in one pass over the two series: bit for bit the definition in the class comment.
     * Per 64-bar word it compares {@code a > b} and {@code a < b} once per bar; when every bar of the word is one
     * or the other (no tie, no NaN: the common case), {@code a <= b} and {@code a >= b} are their complements,
     * else they are compared explicitly. The previous bar's relation comes from the previous word (or bar
     * {@code from − 1}), so block boundaries do not change any bit. Writes exactly {@code words(to − from)} words
     * of each output from {@code off}.
     */
    public static void crossBoth(Input a, Input b, int from, int to, long[] above, long[] below, int off) {
        if (a.series != null && b.series != null) crossSeries(a, b, from, to, above, below, off);
        else crossWords(a, b, from, to, above, below, off);
    }

    /**
     * {@link #crossWords} of two series into {@code above} and {@code below} (both non-null), with the same bits: whole
     * 64-bar words load straight from the segments, two vectors per step (the loads of one overlap the compares of
     * the other; a small method of its own compiles best). A last, partial word goes to {@link #crossWords}.
     * SignalMaskBench (sma_cross, four masks): 0.38 -> 0.24 ns per bar; with 8-lane vectors the word is written out
     * (eight vector pairs), so both bit sets stay in registers: 0.37-0.40 -> 0.26-0.29 ns per bar.
     */
    private static void crossSeries(Input a, Input b, int from, int to, long[] above, long[] below, int off) {
        final MemorySegment sa = a.series, sb = b.series;
        long carryLe = 0, carryGe = 0; // relation at the bar before the word's first bar (none before bar 0)
        if (from > 0) {
            double x = a.at(from - 1), y = b.at(from - 1);
            carryLe = x <= y ? 1 : 0;
            carryGe = x >= y ? 1 : 0;
        }
        int w = 0;
        for (int full = (to - from) >>> 6; w < full; w++) {
            int s = from + (w << 6);
            long gt = 0, lt = 0;
            if (L == 8) {
                // the word's eight vector pairs written out: the two bit sets stay in registers (the loop kept them on the stack)
                long o = (long) s * Double.BYTES;
                DoubleVector x0 = DoubleVector.fromMemorySegment(S, sa, o, LE), y0 = DoubleVector.fromMemorySegment(S, sb, o, LE);
                DoubleVector x1 = DoubleVector.fromMemorySegment(S, sa, o + 64, LE), y1 = DoubleVector.fromMemorySegment(S, sb, o + 64, LE);
                DoubleVector x2 = DoubleVector.fromMemorySegment(S, sa, o + 128, LE), y2 = DoubleVector.fromMemorySegment(S, sb, o + 128, LE);
                DoubleVector x3 = DoubleVector.fromMemorySegment(S, sa, o + 192, LE), y3 = DoubleVector.fromMemorySegment(S, sb, o + 192, LE);
                gt = x0.compare(VectorOperators.GT, y0).toLong() | x1.compare(VectorOperators.GT, y1).toLong() << 8
                        | x2.compare(VectorOperators.GT, y2).toLong() << 16 | x3.compare(VectorOperators.GT, y3).toLong() << 24;
                lt = x0.compare(VectorOperators.LT, y0).toLong() | x1.compare(VectorOperators.LT, y1).toLong() << 8
                        | x2.compare(VectorOperators.LT, y2).toLong() << 16 | x3.compare(VectorOperators.LT, y3).toLong() << 24;
                DoubleVector x4 = DoubleVector.fromMemorySegment(S, sa, o + 256, LE), y4 = DoubleVector.fromMemorySegment(S, sb, o + 256, LE);
                DoubleVector x5 = DoubleVector.fromMemorySegment(S, sa, o + 320, LE), y5 = DoubleVector.fromMemorySegment(S, sb, o + 320, LE);
                DoubleVector x6 = DoubleVector.fromMemorySegment(S, sa, o + 384, LE), y6 = DoubleVector.fromMemorySegment(S, sb, o + 384, LE);
                DoubleVector x7 = DoubleVector.fromMemorySegment(S, sa, o + 448, LE), y7 = DoubleVector.fromMemorySegment(S, sb, o + 448, LE);
                gt |= x4.compare(VectorOperators.GT, y4).toLong() << 32 | x5.compare(VectorOperators.GT, y5).toLong() << 40
                        | x6.compare(VectorOperators.GT, y6).toLong() << 48 | x7.compare(VectorOperators.GT, y7).toLong() << 56;
                lt |= x4.compare(VectorOperators.LT, y4).toLong() << 32 | x5.compare(VectorOperators.LT, y5).toLong() << 40
                        | x6.compare(VectorOperators.LT, y6).toLong() << 48 | x7.compare(VectorOperators.LT, y7).toLong() << 56;
            } else {
                for (int k = 0; k < 64; k += 2 * L) {
                    long o = (long) (s + k) * Double.BYTES, o2 = o + (long) L * Double.BYTES;
                    DoubleVector xa = DoubleVector.fromMemorySegment(S, sa, o, LE), ya = DoubleVector.fromMemorySegment(S, sb, o, LE);
                    DoubleVector xb = DoubleVector.fromMemorySegment(S, sa, o2, LE), yb = DoubleVector.fromMemorySegment(S, sb, o2, LE);
                    gt |= (xa.compare(VectorOperators.GT, ya).toLong() | xb.compare(VectorOperators.GT, yb).toLong() << L) << k;
                    lt |= (xa.compare(VectorOperators.LT, ya).toLong() | xb.compare(VectorOperators.LT, yb).toLong() << L) << k;
                }
            }
            boolean strict = (gt | lt) == -1L; // else ties or NaN in this word: compare them explicitly
            long le = strict ? ~gt : relation(a, b, s, s + 64, true), ge = strict ? ~lt : relation(a, b, s, s + 64, false);
            above[off + w] = gt & ((le << 1) | carryLe);
            below[off + w] = lt & ((ge << 1) | carryGe);
            carryLe = le >>> 63;
            carryGe = ge >>> 63;
        }
        if (from + (w << 6) < to) crossWords(a, b, from + (w << 6), to, above, below, off + w);
    }

    /** Bits {@code i - s} of {@code a <= b} ({@code le}) or {@code a >= b} over bars [s, e), one by one (NaN: 0). */
    private static long relation(Input a, Input b, int s, int e, boolean le) {
        long bits = 0;
        for (int i = s; i < e; i++) {
            double x = a.at(i), y = b.at(i);
            if (le ? x <= y : x >= y) bits |= 1L << (i - s);
        }
        return bits;
    }

    private static void crossWords(Input a, Input b, int from, int to, long[] above, long[] below, int off) {
        long carryLe = 0, carryGe = 0; // relation at the bar before the word's first bar (none before bar 0)
        if (from > 0) {
            double x = a.at(from - 1), y = b.at(from - 1);
            carryLe = x <= y ? 1 : 0;
            carryGe = x >= y ? 1 : 0;
        }
        for (int w = 0, words = words(to - from); w < words; w++) {
            int s = from + (w << 6), e = Math.min(to, s + 64), cnt = e - s;
            long valid = cnt == 64 ? -1L : (1L << cnt) - 1;
            int vecEnd = s + (cnt / L) * L;
            long gt = 0, lt = 0;
            int i = s;
            for (; i < vecEnd; i += L) {
                DoubleVector x = a.load(i), y = b.load(i);
                gt |= x.compare(VectorOperators.GT, y).toLong() << (i - s);
                lt |= x.compare(VectorOperators.LT, y).toLong() << (i - s);
            }
            for (; i < e; i++) {
                double x = a.at(i), y = b.at(i);
                if (x > y) gt |= 1L << (i - s);
                if (x < y) lt |= 1L << (i - s);
            }
            long le, ge;
            if ((gt | lt) == valid) {
                le = ~gt & valid;
                ge = ~lt & valid;
            } else { // ties or NaN in this word: compare explicitly
                le = 0;
                ge = 0;
                i = s;
                for (; i < vecEnd; i += L) {
                    DoubleVector x = a.load(i), y = b.load(i);
                    le |= x.compare(VectorOperators.LE, y).toLong() << (i - s);
                    ge |= x.compare(VectorOperators.GE, y).toLong() << (i - s);
                }
                for (; i < e; i++) {
                    double x = a.at(i), y = b.at(i);
                    if (x <= y) le |= 1L << (i - s);
                    if (x >= y) ge |= 1L << (i - s);
                }
            }
            if (above != null) above[off + w] = gt & ((le << 1) | carryLe);
            if (below != null) below[off + w] = lt & ((ge << 1) | carryGe);
            carryLe = le >>> 63;
            carryGe = ge >>> 63;
        }
    }

    /** ORs the L lane bits of bar offset k (a multiple of L) into the bitset. */
    private static void put(long[] out, int off, int k, long bits) {
        out[off + (k >>> 6)] |= bits << (k & 63);
    }

    /** out = bits of {@code lo <= x && x <= hi} over [from, to). */
    public static void between(Input x, Input lo, Input hi, int from, int to, long[] out, int off) {
        clear(out, off, to - from);
        int i = from;
        int vecEnd = from + ((to - from) / L) * L;
        for (; i < vecEnd; i += L) {
            DoubleVector v = x.load(i);
            long bits = v.compare(VectorOperators.GE, lo.load(i)).and(v.compare(VectorOperators.LE, hi.load(i))).toLong();
            int k = i - from;
            out[off + (k >>> 6)] |= bits << (k & 63);
        }
        for (; i < to; i++) {
            double v = x.at(i);
            if (lo.at(i) <= v && v <= hi.at(i)) set(out, off, i - from);
        }
    }

    static boolean test(Cmp c, double x, double y) {
        return switch (c) {
            case GT -> x > y;
            case LT -> x < y;
            case GE -> x >= y;
            case LE -> x <= y;
        };
    }

    /** Zeroes the words covering {@code bars} bits from word {@code off}. */
    static void clear(long[] out, int off, int bars) {
        java.util.Arrays.fill(out, off, off + words(bars), 0L);
    }

    static void set(long[] out, int off, int k) { out[off + (k >>> 6)] |= 1L << (k & 63); }

    /** Whether bit k is set. */
    public static boolean get(long[] bits, int k) { return (bits[k >>> 6] & (1L << (k & 63))) != 0; }

    /** acc[off..] &= x[0..] over {@code bars} bits. */
    static void and(long[] acc, int off, long[] x, int bars) {
        for (int w = 0, n = words(bars); w < n; w++) acc[off + w] &= x[w];
    }

    /** acc[off..] |= x[0..] over {@code bars} bits. */
    static void or(long[] acc, int off, long[] x, int bars) {
        for (int w = 0, n = words(bars); w < n; w++) acc[off + w] |= x[w];
    }
}
