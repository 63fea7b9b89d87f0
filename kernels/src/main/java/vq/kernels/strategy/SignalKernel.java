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
        clear(out, off, to - from);
        int i = from;
        if (i == 0) i = Math.min(L, to); // bar 0 has no previous bar: handled by the scalar head below
        int vecEnd = i + ((to - i) / L) * L;
        for (int h = from; h < i; h++) if (crossAt(a, above, b, h)) set(out, off, h - from);
        // i - from is a multiple of L (from = 0 → i = L; else i = from), so lanes never straddle a word
        if (above) {
            for (int j = i; j < vecEnd; j += L)
                put(out, off, j - from, a.load(j).compare(VectorOperators.GT, b.load(j))
                        .and(a.load(j - 1).compare(VectorOperators.LE, b.load(j - 1))).toLong());
        } else {
            for (int j = i; j < vecEnd; j += L)
                put(out, off, j - from, a.load(j).compare(VectorOperators.LT, b.load(j))
                        .and(a.load(j - 1).compare(VectorOperators.GE, b.load(j - 1))).toLong());
        }
        for (int j = Math.max(i, vecEnd); j < to; j++) if (crossAt(a, above, b, j)) set(out, off, j - from);
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

    static boolean crossAt(Input a, boolean above, Input b, long i) {
        if (i == 0) return false;
        double a0 = a.at(i - 1), b0 = b.at(i - 1), a1 = a.at(i), b1 = b.at(i);
        return above ? a0 <= b0 && a1 > b1 : a0 >= b0 && a1 < b1;
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
