package vq.kernels.indicators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD building blocks shared by the indicator kernels (jdk.incubator.vector, {@code SPECIES_PREFERRED}: 8 doubles
 * on AVX-512). All buffers are native little-endian f64 segments indexed by bar.
 *
 * <p><b>Scans.</b> First-order linear recurrences {@code y[i] = a·y[i-1] + c·b[i]} (EMA, Wilder smoothing, running
 * sums, OBV) are vectorised as an in-register prefix scan: within a vector of L lanes, log2(L) steps of
 * "shift up by k lanes and fused-multiply-add with a^k" build the lane-local recurrence, then the carry from the
 * previous vector enters as {@code a^(j+1)·carry}. The serial dependency shrinks from one multiply-add per bar to one
 * permute + one FMA per L bars. Rounding differs from the sequential loop by a few ulps per step; for |a| < 1 such
 * differences decay geometrically, for a = 1 (sums) they add up like any running sum (≈ sqrt(n)·ulp).
 *
 * <p>Hot loops run in methods called once per block of {@value #BLOCK} bars, so they are compiled normally rather
 * than only on-stack-replaced (OSR-compiled vector loops box their vectors; JAVA-STACK.md).
 */
final class Vec {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final int BLOCK = 4096;

    private static final VectorShuffle<Double> SH1 = shiftUp(1), SH2 = shiftUp(2), SH4 = shiftUp(4);
    private static final VectorMask<Double> M1 = above(1), M2 = above(2), M4 = above(4);
    private static final VectorShuffle<Double> LAST = VectorShuffle.fromOp(S, j -> L - 1);

    static {
        if (L > 8) throw new ExceptionInInitializerError("vector species with more than 8 double lanes not supported");
    }

    private Vec() {}

    private static VectorShuffle<Double> shiftUp(int k) {
        return VectorShuffle.fromOp(S, j -> Math.max(j - k, 0));
    }

    private static VectorMask<Double> above(int k) {
        return VectorMask.fromLong(S, (-1L << k) & ((1L << L) - 1));
    }

    static double get(MemorySegment s, long i) { return s.getAtIndex(D, i); }

    static void set(MemorySegment s, long i, double v) { s.setAtIndex(D, i, v); }

    static DoubleVector load(MemorySegment s, long i) { return DoubleVector.fromMemorySegment(S, s, i * 8, LE); }

    static void store(DoubleVector v, MemorySegment s, long i) { v.intoMemorySegment(s, i * 8, LE); }

    /** Sets {@code out[from, to)} to NaN. */
    static void fillNaN(MemorySegment out, long from, long to) {
        for (long i = from; i < to; i++) set(out, i, Double.NaN);
    }

    // ------------------------------------------------------------------------------------------------------------
    // linear recurrence scan

    /**
     * {@code y[i] = a·y[i-1] + c·b[i]} for i in [from, to) with {@code y[from-1] = prev}; returns {@code y[to-1]}
     * (prev if the range is empty). {@code b} and {@code y} may be the same buffer.
     */
    static double scan(MemorySegment b, MemorySegment y, long from, long to, double a, double c, double prev) {
        for (long s = from; s < to; s += BLOCK) prev = scanBlock(b, y, s, Math.min(to, s + BLOCK), a, c, prev);
        return prev;
    }

    private static double scanBlock(MemorySegment b, MemorySegment y, long from, long to, double a, double c, double prev) {
        double a2 = a * a, a4 = a2 * a2;
        DoubleVector va1 = DoubleVector.broadcast(S, a), va2 = DoubleVector.broadcast(S, a2), va4 = DoubleVector.broadcast(S, a4);
        DoubleVector vc = DoubleVector.broadcast(S, c);
        double[] pw = new double[L];
        double p = a;
        for (int j = 0; j < L; j++) { pw[j] = p; p *= a; }
        DoubleVector apow = DoubleVector.fromArray(S, pw, 0);
        DoubleVector carry = DoubleVector.broadcast(S, prev);
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector v = scanStep(load(b, i).mul(vc), carry, va1, va2, va4, apow);
            store(v, y, i);
            carry = v.rearrange(LAST);
        }
        if (i < to) {
            // tail: the same vector steps on a zero-padded vector, so every value is bit-identical to what a longer
            // series would give at that index (lane j only sums lanes <= j). Truncating the data never changes
            // earlier outputs.
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector v = scanStep(DoubleVector.fromMemorySegment(S, b, i * 8, LE, m).mul(vc), carry, va1, va2, va4, apow);
            v.intoMemorySegment(y, i * 8, LE, m);
            return v.lane((int) (to - 1 - i));
        }
        return carry.lane(0);
    }

    private static DoubleVector scanStep(DoubleVector v, DoubleVector carry, DoubleVector va1, DoubleVector va2, DoubleVector va4,
                                         DoubleVector apow) {
        if (L > 1) v = v.rearrange(SH1, M1).fma(va1, v);
        if (L > 2) v = v.rearrange(SH2, M2).fma(va2, v);
        if (L > 4) v = v.rearrange(SH4, M4).fma(va4, v);
        return carry.fma(apow, v);
    }

    // ------------------------------------------------------------------------------------------------------------
    // compensated prefix sums

    /**
     * Compensated prefix sums of {@code x[0, n)}: {@code hi[0] = lo[0] = 0} and {@code hi[k] + lo[k] = x[0] + ... +
     * x[k-1]} for k in [1, n]. Lanes are summed in-register (uncompensated, L terms), then added to the running total
     * with Knuth's TwoSum, whose rounding error is accumulated in {@code lo}. The error of a window sum
     * {@code P[i] − P[i−w]} is then bounded by the in-register roundings inside the window (≈ sqrt(w/L)·ulp(L·|x|)),
     * independent of the series length — a plain prefix sum over 1 M BTC closes (P ≈ 3e10) would lose ~1e-8 relative
     * on a 20-bar window, more than the 1e-9 budget against TA-Lib.
     */
    static void prefixSum(MemorySegment x, long n, MemorySegment hi, MemorySegment lo) {
        set(hi, 0, 0.0);
        set(lo, 0, 0.0);
        double[] st = new double[2];
        for (long s = 0; s < n; s += BLOCK) prefixBlock(x, s, Math.min(n, s + BLOCK), hi, lo, st);
    }

    private static void prefixBlock(MemorySegment x, long from, long to, MemorySegment hi, MemorySegment lo, double[] st) {
        DoubleVector hb = DoubleVector.broadcast(S, st[0]), lb = DoubleVector.broadcast(S, st[1]);
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector v = laneSums(load(x, i));
            DoubleVector s = hb.add(v);
            DoubleVector lv = lb.add(twoSumErr(hb, v, s));
            store(s, hi, i + 1);
            store(lv, lo, i + 1);
            hb = s.rearrange(LAST);
            lb = lv.rearrange(LAST);
        }
        if (i < to) {
            // zero-padded tail through the same vector steps: bit-identical to a longer series (see scanBlock)
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector v = laneSums(DoubleVector.fromMemorySegment(S, x, i * 8, LE, m));
            DoubleVector s = hb.add(v);
            DoubleVector lv = lb.add(twoSumErr(hb, v, s));
            s.intoMemorySegment(hi, (i + 1) * 8, LE, m);
            lv.intoMemorySegment(lo, (i + 1) * 8, LE, m);
            int last = (int) (to - 1 - i);
            st[0] = s.lane(last);
            st[1] = lv.lane(last);
            return;
        }
        st[0] = hb.lane(0);
        st[1] = lb.lane(0);
    }

    /** In-register inclusive prefix sum of the lanes. */
    private static DoubleVector laneSums(DoubleVector v) {
        if (L > 1) v = v.add(v.rearrange(SH1, M1));
        if (L > 2) v = v.add(v.rearrange(SH2, M2));
        if (L > 4) v = v.add(v.rearrange(SH4, M4));
        return v;
    }

    /** Knuth's TwoSum error of {@code s = a + b}: {@code a + b − s}, exactly. */
    private static DoubleVector twoSumErr(DoubleVector a, DoubleVector b, DoubleVector s) {
        DoubleVector bp = s.sub(a);
        return a.sub(s.sub(bp)).add(b.sub(bp));
    }

    /**
     * Window mean from compensated prefix sums: {@code out[i] = ((hi[i+1]−hi[i+1−w]) + (lo[i+1]−lo[i+1−w])) / w} for
     * i in [w−1, n); NaN before.
     */
    static void meanFromPrefix(MemorySegment hi, MemorySegment lo, long n, int w, MemorySegment out) {
        fillNaN(out, 0, Math.min(n, w - 1));
        for (long s = w - 1; s < n; s += BLOCK) meanBlock(hi, lo, s, Math.min(n, s + BLOCK), w, out);
    }

    private static void meanBlock(MemorySegment hi, MemorySegment lo, long from, long to, int w, MemorySegment out) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hi, i + 1).sub(load(hi, i + 1 - w));
            DoubleVector l = load(lo, i + 1).sub(load(lo, i + 1 - w));
            store(h.add(l).div(vw), out, i);
        }
        for (; i < to; i++)
            set(out, i, ((get(hi, i + 1) - get(hi, i + 1 - w)) + (get(lo, i + 1) - get(lo, i + 1 - w))) / w);
    }

    /** Window sums from compensated prefix sums: {@code out[i] = Σ x[i−w+1 .. i]} for i in [w−1, n); NaN before. */
    static void sumFromPrefix(MemorySegment hi, MemorySegment lo, long n, int w, MemorySegment out) {
        fillNaN(out, 0, Math.min(n, w - 1));
        long i = w - 1, upper = i + Math.max(0, n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hi, i + 1).sub(load(hi, i + 1 - w));
            DoubleVector l = load(lo, i + 1).sub(load(lo, i + 1 - w));
            store(h.add(l), out, i);
        }
        for (; i < n; i++) set(out, i, (get(hi, i + 1) - get(hi, i + 1 - w)) + (get(lo, i + 1) - get(lo, i + 1 - w)));
    }

    /** Simple moving average of {@code x[0, n)} over {@code w} bars into {@code out} (NaN for i < w−1). */
    static void sma(MemorySegment x, long n, int w, MemorySegment out, Scratch scratch) {
        MemorySegment hi = scratch.buf(0, n + 1), lo = scratch.buf(1, n + 1);
        prefixSum(x, n, hi, lo);
        meanFromPrefix(hi, lo, n, w, out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // sliding window max / min

    /** {@code out[i] = max(x[i−w+1 .. i])} for i in [w−1, n); NaN before. Exact (values are copied). */
    static void windowMax(MemorySegment x, long n, int w, MemorySegment out) {
        fillNaN(out, 0, Math.min(n, w - 1));
        if (w <= 64) {
            for (long s = w - 1; s < n; s += BLOCK) windowExtremeBlock(x, s, Math.min(n, s + BLOCK), w, out, true);
        } else {
            windowExtremeDeque(x, n, w, out, true);
        }
    }

    /** {@code out[i] = min(x[i−w+1 .. i])} for i in [w−1, n); NaN before. */
    static void windowMin(MemorySegment x, long n, int w, MemorySegment out) {
        fillNaN(out, 0, Math.min(n, w - 1));
        if (w <= 64) {
            for (long s = w - 1; s < n; s += BLOCK) windowExtremeBlock(x, s, Math.min(n, s + BLOCK), w, out, false);
        } else {
            windowExtremeDeque(x, n, w, out, false);
        }
    }

    private static void windowExtremeBlock(MemorySegment x, long from, long to, int w, MemorySegment out, boolean max) {
        long i = from;
        long upper = from + (to - from) / L * L;
        if (max) {
            for (; i < upper; i += L) {
                DoubleVector m = load(x, i), m2 = load(x, i - 1 < 0 ? i : i - 1);
                int j = 2;
                for (; j + 1 < w; j += 2) {
                    m = m.max(load(x, i - j));
                    m2 = m2.max(load(x, i - j - 1));
                }
                if (j < w) m = m.max(load(x, i - j));
                store(w > 1 ? m.max(m2) : m, out, i);
            }
        } else {
            for (; i < upper; i += L) {
                DoubleVector m = load(x, i), m2 = load(x, i - 1 < 0 ? i : i - 1);
                int j = 2;
                for (; j + 1 < w; j += 2) {
                    m = m.min(load(x, i - j));
                    m2 = m2.min(load(x, i - j - 1));
                }
                if (j < w) m = m.min(load(x, i - j));
                store(w > 1 ? m.min(m2) : m, out, i);
            }
        }
        for (; i < to; i++) {
            double m = get(x, i);
            for (int j = 1; j < w; j++) m = max ? Math.max(m, get(x, i - j)) : Math.min(m, get(x, i - j));
            set(out, i, m);
        }
    }

    /** Monotonic-deque sliding extreme, O(n), for long windows. */
    private static void windowExtremeDeque(MemorySegment x, long n, int w, MemorySegment out, boolean max) {
        int cap = w + 1;
        long[] dq = new long[cap];
        int head = 0, size = 0;
        for (long i = 0; i < n; i++) {
            double v = get(x, i);
            while (size > 0) {
                double b = get(x, dq[(head + size - 1) % cap]);
                if (max ? b <= v : b >= v) size--;
                else break;
            }
            dq[(head + size) % cap] = i;
            size++;
            if (dq[head] <= i - w) { head = (head + 1) % cap; size--; }
            if (i >= w - 1) set(out, i, get(x, dq[head]));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // derived sources

    /** Fills {@code out} with a derived source (hl2, hlc3, ohlc4) in TA-Lib's operation order. */
    static void derive(Source s, MemorySegment o, MemorySegment h, MemorySegment l, MemorySegment c, MemorySegment out, long n) {
        long i = 0, upper = n / L * L;
        switch (s) {
            case HL2 -> {
                for (; i < upper; i += L) store(load(h, i).add(load(l, i)).div(2.0), out, i);
                for (; i < n; i++) set(out, i, (get(h, i) + get(l, i)) / 2.0);
            }
            case HLC3 -> {
                for (; i < upper; i += L) store(load(h, i).add(load(l, i)).add(load(c, i)).div(3.0), out, i);
                for (; i < n; i++) set(out, i, (get(h, i) + get(l, i) + get(c, i)) / 3.0);
            }
            case OHLC4 -> {
                for (; i < upper; i += L) store(load(o, i).add(load(h, i)).add(load(l, i)).add(load(c, i)).div(4.0), out, i);
                for (; i < n; i++) set(out, i, (get(o, i) + get(h, i) + get(l, i) + get(c, i)) / 4.0);
            }
            default -> throw new IllegalArgumentException(s + " is not derived");
        }
    }
}
