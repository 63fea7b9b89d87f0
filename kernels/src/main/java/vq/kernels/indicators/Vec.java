package vq.kernels.indicators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
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
 * scalar FMA per L bars (the carry stays in a scalar register: a cross-lane broadcast on the critical path made the
 * scan 4× slower on Zen 4). Rounding differs from the sequential loop by a few ulps per step; for |a| < 1 such
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
    /**
     * Prefix-sum buffers hold prefix index k at element {@code k + PAD}: with PAD = L − 1 the vector that writes
     * indices i+1 .. i+L for an aligned bar i is itself aligned (no cache-line-split stores).
     */
    static final int PAD = L - 1;

    private static final VectorShuffle<Double> SH1 = shiftUp(1), SH2 = shiftUp(2), SH4 = shiftUp(4);
    private static final VectorMask<Double> M1 = above(1), M2 = above(2), M4 = above(4);

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
        double aL = pw[L - 1];
        long i = from;
        long upper = from + (to - from) / L * L;
        // The lane-local recurrence v does not depend on the carry, so the only serial dependency is the scalar
        // carry update prev = a^L·prev + v[L−1] (one FMA per L bars); keeping the carry out of vector registers
        // avoids a cross-lane permute on the critical path (4x faster on Zen 4).
        for (; i < upper; i += L) {
            DoubleVector v = laneScan(load(b, i).mul(vc), va1, va2, va4);
            store(DoubleVector.broadcast(S, prev).fma(apow, v), y, i);
            prev = Math.fma(aL, prev, v.lane(L - 1));
        }
        if (i < to) {
            // tail: the same vector steps on a zero-padded vector, so every value is bit-identical to what a longer
            // series gives at that index (lane j only combines lanes <= j): truncating the data never changes
            // earlier outputs
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector v = laneScan(DoubleVector.fromMemorySegment(S, b, i * 8, LE, m).mul(vc), va1, va2, va4);
            DoubleVector out = DoubleVector.broadcast(S, prev).fma(apow, v);
            out.intoMemorySegment(y, i * 8, LE, m);
            int last = (int) (to - 1 - i);
            return Math.fma(pw[last], prev, v.lane(last));
        }
        return prev;
    }

    /** Lane-local recurrence: lane j = Σ_{k≤j} a^(j−k)·v_k (log2(L) shift-and-FMA steps). */
    private static DoubleVector laneScan(DoubleVector v, DoubleVector va1, DoubleVector va2, DoubleVector va4) {
        if (L > 1) v = v.rearrange(SH1, M1).fma(va1, v);
        if (L > 2) v = v.rearrange(SH2, M2).fma(va2, v);
        if (L > 4) v = v.rearrange(SH4, M4).fma(va4, v);
        return v;
    }

    // ------------------------------------------------------------------------------------------------------------
    // compensated prefix sums

    /**
     * Compensated prefix sums of {@code x[0, n)}: {@code hi[0] = lo[0] = 0} and {@code hi[k] + lo[k] = x[0] + ... +
     * x[k-1]} for k in [1, n], stored at element {@code k + PAD} (buffers of n + L doubles). Lanes are summed in-register (uncompensated, L terms), then added to the running total
     * with Knuth's TwoSum, whose rounding error is accumulated in {@code lo}. The error of a window sum
     * {@code P[i] − P[i−w]} is then bounded by the in-register roundings inside the window (≈ sqrt(w/L)·ulp(L·|x|)),
     * independent of the series length — a plain prefix sum over 1 M BTC closes (P ≈ 3e10) would lose ~1e-8 relative
     * on a 20-bar window, more than the 1e-9 budget against TA-Lib.
     */
    static void prefixSum(MemorySegment x, long n, MemorySegment hi, MemorySegment lo) {
        prefixSum(x, n, hi, lo, null);
    }

    /** Called after each block [from, to) of prefix sums is written (entries from+1 .. to are final). */
    @FunctionalInterface
    interface PrefixHook {
        void block(MemorySegment hi, MemorySegment lo, long from, long to);
    }

    /**
     * {@link #prefixSum(MemorySegment, long, MemorySegment, MemorySegment)} that hands every finished block to
     * {@code hook} while it is still in cache (the SMA reads it right away: one pass over memory instead of two).
     */
    static void prefixSum(MemorySegment x, long n, MemorySegment hi, MemorySegment lo, PrefixHook hook) {
        set(hi, PAD, 0.0);
        set(lo, PAD, 0.0);
        double[] st = new double[2];
        for (long s = 0; s < n; s += BLOCK) {
            long e = Math.min(n, s + BLOCK);
            prefixBlock(x, s, e, hi, lo, st, -PAD);
            if (hook != null) hook.block(hi, lo, s, e);
        }
    }

    private static void prefixBlock(MemorySegment x, long from, long to, MemorySegment hi, MemorySegment lo, double[] st, long outBase) {
        double h = st[0], l = st[1];
        long i = from;
        long upper = from + (to - from) / L * L;
        // lane sums do not depend on the running total; the carry (h, l) is updated in scalar code from the last lane,
        // with exactly the operations lane L−1 performs, so no cross-lane permute sits on the serial path
        for (; i < upper; i += L) {
            DoubleVector v = laneSums(load(x, i));
            DoubleVector hb = DoubleVector.broadcast(S, h);
            DoubleVector s = hb.add(v);
            store(s, hi, i + 1 - outBase);
            store(DoubleVector.broadcast(S, l).add(twoSumErr(hb, v, s)), lo, i + 1 - outBase);
            double v7 = v.lane(L - 1), s7 = h + v7, bp = s7 - h;
            l += (h - (s7 - bp)) + (v7 - bp);
            h = s7;
        }
        if (i < to) {
            // zero-padded tail through the same vector steps: bit-identical to a longer series (see scanBlock)
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector v = laneSums(DoubleVector.fromMemorySegment(S, x, i * 8, LE, m));
            DoubleVector hb = DoubleVector.broadcast(S, h);
            DoubleVector s = hb.add(v);
            s.intoMemorySegment(hi, (i + 1 - outBase) * 8, LE, m);
            DoubleVector.broadcast(S, l).add(twoSumErr(hb, v, s)).intoMemorySegment(lo, (i + 1 - outBase) * 8, LE, m);
            double vl = v.lane((int) (to - 1 - i)), sl = h + vl, bp = sl - h;
            l += (h - (sl - bp)) + (vl - bp);
            h = sl;
        }
        st[0] = h;
        st[1] = l;
    }

    /** In-register inclusive prefix sum of the lanes. */
    static DoubleVector laneSums(DoubleVector v) {
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
        // start at an aligned bar (garbage before w−1 is overwritten with NaN below): aligned output stores
        long start = Math.max(0, (w - 1) / L * L);
        for (long s = start; s < n; s += BLOCK) meanBlock(hi, lo, s, Math.min(n, s + BLOCK), w, out);
        fillNaN(out, 0, Math.min(n, w - 1));
    }

    /** Means for bars [from, to); reads prefix positions i+1−w+PAD ≥ 0, so from ≥ w − L. */
    private static void meanBlock(MemorySegment hi, MemorySegment lo, long from, long to, int w, MemorySegment out) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hi, i + 1 + PAD).sub(load(hi, i + 1 - w + PAD));
            DoubleVector l = load(lo, i + 1 + PAD).sub(load(lo, i + 1 - w + PAD));
            store(h.add(l).div(vw), out, i);
        }
        for (; i < to; i++)
            set(out, i, ((get(hi, i + 1 + PAD) - get(hi, i + 1 - w + PAD)) + (get(lo, i + 1 + PAD) - get(lo, i + 1 - w + PAD))) / w);
    }

    /** Window sums from compensated prefix sums: {@code out[i] = Σ x[i−w+1 .. i]} for i in [w−1, n); NaN before. */
    static void sumFromPrefix(MemorySegment hi, MemorySegment lo, long n, int w, MemorySegment out) {
        long i = Math.max(0, (w - 1) / L * L), upper = i + Math.max(0, n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hi, i + 1 + PAD).sub(load(hi, i + 1 - w + PAD));
            DoubleVector l = load(lo, i + 1 + PAD).sub(load(lo, i + 1 - w + PAD));
            store(h.add(l), out, i);
        }
        for (; i < n; i++)
            set(out, i, (get(hi, i + 1 + PAD) - get(hi, i + 1 - w + PAD)) + (get(lo, i + 1 + PAD) - get(lo, i + 1 - w + PAD)));
        fillNaN(out, 0, Math.min(n, w - 1));
    }

    // ------------------------------------------------------------------------------------------------------------
    // block-restart prefix sums (the SMA path)

    /**
     * Block-restart prefix sums of {@code x[0, n)} into {@code r} (n + L doubles; prefix index k at element k + PAD):
     * for k in (s, e] of block [s, e) (blocks of {@value #BLOCK} bars from bar 0), {@code r[k] = x[s] + ... + x[k−1]};
     * so {@code r[s]} is the total of the previous block. Sums restart every block, so they stay small
     * (≤ BLOCK·|x|) and need no compensation: a window sum read from them carries only the roundings of the
     * additions inside the window (≈ sqrt(w)·ulp(BLOCK·|x|)), whatever the series length — where a plain prefix sum
     * over 1 M BTC closes (≈ 3e10) would lose ~1e-8 relative on a 20-bar window. {@code hook} (nullable) sees each
     * finished block while it is in cache.
     */
    static void blockPrefix(MemorySegment x, long n, MemorySegment r, PrefixHook hook) {
        set(r, PAD, 0.0);
        for (long s = 0; s < n; s += BLOCK) {
            long e = Math.min(n, s + BLOCK);
            blockPrefixBlock(x, s, e, r);
            if (hook != null) hook.block(r, r, s, e);
        }
    }

    private static void blockPrefixBlock(MemorySegment x, long from, long to, MemorySegment r) {
        double c = 0;
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector v = laneSums(load(x, i));
            store(v.add(c), r, i + 1 + PAD);
            c += v.lane(L - 1);
        }
        if (i < to) {
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector v = laneSums(DoubleVector.fromMemorySegment(S, x, i * 8, LE, m));
            v.add(c).intoMemorySegment(r, (i + 1 + PAD) * 8, LE, m);
        }
    }

    /**
     * Window means from block-restart prefix sums (w ≤ BLOCK) for bars [from, to) into {@code out[i − base]} (from
     * aligned or ≥ w − L): with
     * k1 = i+1−w, k2 = i+1 and s the start of i's block, the window sum is {@code r[k2] − r[k1]} when k1 &gt; s, else
     * {@code r[k2] + (r[s] − r[k1])} (r[s] = previous block's total; r[k1] relative to that block); mean = sum·(1/w)
     * (within 1 ulp of TA-Lib's sum/w).
     */
    static void meanFromBlocks(MemorySegment r, long from, long to, int w, MemorySegment out, long base) {
        double inv = 1.0 / w; // a multiply, not a divide: vdivpd is the bottleneck of a 100-window sweep
        DoubleVector vinv = DoubleVector.broadcast(S, inv);
        long i = from;
        long upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            long bs = i / BLOCK * BLOCK; // all lanes in one block when i is aligned (BLOCK is a multiple of L)
            if ((i + L - 1) / BLOCK * BLOCK != bs) { scalarMeanFromBlocks(r, i, i + L, w, out, base); continue; }
            DoubleVector a = load(r, i + 1 + PAD), b = load(r, i + 1 - w + PAD);
            DoubleVector sum = a.sub(b);
            long k1 = i + 1 - w;
            if (k1 <= bs) {
                VectorMask<Double> cross = S.indexInRange(0, bs - k1 + 1); // lanes j with k1 + j <= bs
                sum = sum.blend(a.add(DoubleVector.broadcast(S, get(r, bs + PAD)).sub(b)), cross);
            }
            store(sum.mul(vinv), out, i - base);
        }
        scalarMeanFromBlocks(r, i, to, w, out, base);
    }

    private static void scalarMeanFromBlocks(MemorySegment r, long from, long to, int w, MemorySegment out, long base) {
        double inv = 1.0 / w;
        for (long i = from; i < to; i++) {
            long bs = i / BLOCK * BLOCK, k1 = i + 1 - w;
            double a = get(r, i + 1 + PAD), b = get(r, k1 + PAD);
            double sum = k1 <= bs ? a + (get(r, bs + PAD) - b) : a - b;
            set(out, i - base, sum * inv);
        }
    }

    /** SMA (w ≤ BLOCK) of x into out in one pass: block-restart prefix sums into {@code r}, means while in cache. */
    static void smaBlocks(MemorySegment x, long n, int w, MemorySegment r, MemorySegment out) {
        long start = Math.max(0, (w - 1) / L * L);
        blockPrefix(x, n, r, (rr, unused, s, e) -> {
            long f = Math.max(s, start);
            if (f < e) meanFromBlocks(rr, f, e, w, out, 0);
        });
        fillNaN(out, 0, Math.min(n, w - 1));
    }

    /** Simple moving average of {@code x[0, n)} over {@code w} bars into {@code out} (NaN for i < w−1). */
    static void sma(MemorySegment x, long n, int w, MemorySegment out, Scratch scratch) {
        MemorySegment hi = scratch.buf(0, n + L), lo = scratch.buf(1, n + L);
        prefixSum(x, n, hi, lo);
        meanFromPrefix(hi, lo, n, w, out);
    }

    // ------------------------------------------------------------------------------------------------------------
    // sliding window max / min

    /** {@code out[i] = max(x[i−w+1 .. i])} for i in [w−1, n); NaN before. Exact (values are copied). */
    static void windowMax(MemorySegment x, long n, int w, MemorySegment out) {
        windowExtreme(x, n, w, out, true);
    }

    /** {@code out[i] = min(x[i−w+1 .. i])} for i in [w−1, n); NaN before. */
    static void windowMin(MemorySegment x, long n, int w, MemorySegment out) {
        windowExtreme(x, n, w, out, false);
    }

    private static void windowExtreme(MemorySegment x, long n, int w, MemorySegment out, boolean max) {
        if (w <= 64) {
            for (long s = w - 1; s < n; s += BLOCK) windowExtremeBlock(x, s, Math.min(n, s + BLOCK), w, out, max);
        } else {
            Scratch sc = Scratch.get();
            vanHerk(x, n, w, out, sc.buf(14, n), sc.buf(15, n), max);
        }
        fillNaN(out, 0, Math.min(n, w - 1));
    }

    /**
     * van Herk / Gil–Werman sliding extreme, 3 comparisons per bar whatever w: within consecutive blocks of w bars,
     * g = running extreme from the block start, h = running extreme to the block end; out[i] = ext(h[i−w+1], g[i]).
     * h[j] only spans bars up to the end of j's block, which is ≤ i, so truncating the data never changes earlier
     * values. Exact (values are copied).
     */
    private static void vanHerk(MemorySegment x, long n, int w, MemorySegment out, MemorySegment g, MemorySegment h, boolean max) {
        // Math.max/min compile branch-free; a data-dependent branch here mispredicts on half the bars of a random walk
        for (long s = 0; s < n; s += w) {
            long e = Math.min(n, s + w);
            double m = get(x, s);
            set(g, s, m);
            for (long i = s + 1; i < e; i++) {
                m = max ? Math.max(m, get(x, i)) : Math.min(m, get(x, i));
                set(g, i, m);
            }
            m = get(x, e - 1);
            set(h, e - 1, m);
            for (long i = e - 2; i >= s; i--) {
                m = max ? Math.max(m, get(x, i)) : Math.min(m, get(x, i));
                set(h, i, m);
            }
        }
        long i = w - 1, upper = i + Math.max(0, n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector a = load(h, i - w + 1), b = load(g, i);
            store(max ? a.max(b) : a.min(b), out, i);
        }
        for (; i < n; i++) set(out, i, max ? Math.max(get(h, i - w + 1), get(g, i)) : Math.min(get(h, i - w + 1), get(g, i)));
    }

    private static void windowExtremeBlock(MemorySegment x, long from, long to, int w, MemorySegment out, boolean max) {
        long i = from;
        long upper = from + (to - from) / L * L;
        // Non-negative doubles (prices, volumes) order like their bit patterns as signed longs, and a long max/min is
        // one instruction where DoubleVector.max/min is a NaN/−0.0-safe sequence (JAVA-STACK.md). Used only when the
        // whole input range of the block is ≥ +0.0 (checked here), else the double path.
        boolean bits = nonNegative(x, Math.max(0, from - w + 1), to);
        if (bits) {
            for (; i < upper; i += L) {
                LongVector m = load(x, i).reinterpretAsLongs(), m2 = load(x, i - 1 < 0 ? i : i - 1).reinterpretAsLongs();
                int j = 2;
                for (; j + 1 < w; j += 2) {
                    LongVector a = load(x, i - j).reinterpretAsLongs(), b = load(x, i - j - 1).reinterpretAsLongs();
                    m = max ? m.max(a) : m.min(a);
                    m2 = max ? m2.max(b) : m2.min(b);
                }
                if (j < w) { LongVector a = load(x, i - j).reinterpretAsLongs(); m = max ? m.max(a) : m.min(a); }
                if (w > 1) m = max ? m.max(m2) : m.min(m2);
                store(m.reinterpretAsDoubles(), out, i);
            }
        } else if (max) {
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

    /** Whether every x[from, to) has its sign bit clear and is not NaN (+0.0, positive, +inf). */
    static boolean nonNegative(MemorySegment x, long from, long to) {
        long i = from, upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            LongVector v = load(x, i).reinterpretAsLongs();
            // sign bit set (negative or −0.0) → v < 0; NaN → v > +inf bits
            if (v.compare(VectorOperators.LT, 0L).or(v.compare(VectorOperators.GT, 0x7ff0000000000000L)).anyTrue()) return false;
        }
        for (; i < to; i++) {
            long b = Double.doubleToRawLongBits(get(x, i));
            if (b < 0 || b > 0x7ff0000000000000L) return false;
        }
        return true;
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
