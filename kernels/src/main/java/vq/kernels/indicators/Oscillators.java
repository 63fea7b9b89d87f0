package vq.kernels.indicators;

import static vq.kernels.indicators.Vec.L;
import static vq.kernels.indicators.Vec.S;
import static vq.kernels.indicators.Vec.fillNaN;
import static vq.kernels.indicators.Vec.get;
import static vq.kernels.indicators.Vec.load;
import static vq.kernels.indicators.Vec.set;
import static vq.kernels.indicators.Vec.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** RSI, MACD, Stochastic, CCI, Williams %R, ROC (TA-Lib conventions, see {@link Indicators}). */
final class Oscillators {
    /** TA-Lib's TA_IS_ZERO threshold. */
    static final double EPS = 1e-8;

    private Oscillators() {}

    /**
     * RSI (TA-Lib ta_RSI.c, Wilder, no Metastock mode): gains/losses of x[1..n] averaged, then
     * {@code avg = (avg·(n−1) + x)/n} (vector scan with a = (n−1)/n, c = 1/n); rsi = 100·G/(G+L), 0 if |G+L| < 1e-8.
     */
    static void rsi(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment x = bars.column(src), o = out[0];
        fillNaN(o, 0, Math.min(n, w));
        if (w >= n) return;
        Scratch sc = Scratch.get();
        MemorySegment g = sc.buf(2, n), l = sc.buf(3, n);
        // gains and losses of bar i (change from i-1), i >= 1
        long i = 1, upper = 1 + (n - 1) / L * L;
        DoubleVector zero = DoubleVector.zero(S);
        for (; i < upper; i += L) {
            DoubleVector d = load(x, i).sub(load(x, i - 1));
            store(d.max(zero), g, i);
            store(d.neg().max(zero), l, i);
        }
        for (; i < n; i++) {
            double d = get(x, i) - get(x, i - 1);
            set(g, i, d > 0 ? d : 0.0);
            set(l, i, d < 0 ? -d : 0.0);
        }
        double sg = 0, sl = 0;
        for (long j = 1; j <= w; j++) { sg += get(g, j); sl += get(l, j); }
        double ag = sg / w, al = sl / w;
        set(g, w, ag);
        set(l, w, al);
        double a = (w - 1.0) / w, c = 1.0 / w;
        Vec.scan(g, g, w + 1, n, a, c, ag);
        Vec.scan(l, l, w + 1, n, a, c, al);
        ratio100(g, l, w, n, o);
    }

    /** {@code out[i] = 100·(a/(a+b))}, 0 where |a+b| < 1e-8, for i in [from, n). */
    static void ratio100(MemorySegment a, MemorySegment b, long from, long n, MemorySegment o) {
        DoubleVector hundred = DoubleVector.broadcast(S, 100.0), zero = DoubleVector.zero(S);
        long i = from, upper = from + Math.max(0, n - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector va = load(a, i), s = va.add(load(b, i));
            VectorMask<Double> tiny = s.abs().compare(VectorOperators.LT, EPS);
            store(hundred.mul(va.div(s)).blend(zero, tiny), o, i);
        }
        for (; i < n; i++) {
            double va = get(a, i), s = va + get(b, i);
            set(o, i, Math.abs(s) < EPS ? 0.0 : 100.0 * (va / s));
        }
    }

    static int macdLookback(Params p) {
        int fast = p.getInt("fast"), slow = p.getInt("slow");
        return Math.max(fast, slow) - 1 + p.getInt("signal") - 1;
    }

    /**
     * MACD (TA-Lib ta_MACD.c): periods swapped if slow &lt; fast; slow EMA seeded on x[0..slow−1], fast EMA seeded
     * on x[slow−fast .. slow−1] so both start at index slow−1; line = fast − slow; signal = EMA(signal) of the line
     * seeded on its first {@code signal} values; all three outputs start at (slow−1)+(signal−1).
     */
    static void macd(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int fast = p.getInt("fast"), slow = p.getInt("slow"), sig = p.getInt("signal");
        if (slow < fast) { int t = slow; slow = fast; fast = t; }
        long n = bars.rows();
        MemorySegment x = bars.column(src);
        int lb = slow - 1 + sig - 1;
        for (MemorySegment o : out) fillNaN(o, 0, Math.min(n, lb));
        if (lb >= n) return;
        Scratch sc = Scratch.get();
        MemorySegment ef = sc.buf(2, n), es = sc.buf(3, n), line = sc.buf(4, n);
        MovingAverages.emaSeeded(x, slow - fast, n, fast, MovingAverages.emaK(fast), ef);
        MovingAverages.emaSeeded(x, 0, n, slow, MovingAverages.emaK(slow), es);
        long i = slow - 1, upper = i + (n - i) / L * L;
        for (; i < upper; i += L) store(load(ef, i).sub(load(es, i)), line, i);
        for (; i < n; i++) set(line, i, get(ef, i) - get(es, i));
        MemorySegment signal = out[1];
        MovingAverages.emaSeeded(line, slow - 1, n, sig, MovingAverages.emaK(sig), signal);
        MemorySegment m = out[0], h = out[2];
        i = lb;
        upper = i + (n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector lv = load(line, i);
            store(lv, m, i);
            store(lv.sub(load(signal, i)), h, i);
        }
        for (; i < n; i++) {
            double lv = get(line, i);
            set(m, i, lv);
            set(h, i, lv - get(signal, i));
        }
        // TA-Lib outputs the signal from lb on, like the line (its seed index is lb itself)
    }

    /**
     * Stochastic (TA-Lib ta_STOCH.c, SMA smoothing): fast %K[i] = (c − LL)/((HH − LL)/100), 0 when HH = LL, over
     * k_period bars including i; k = SMA(fast %K, k_smooth); d = SMA(k, d_period); both NaN before the total lookback.
     */
    static void stoch(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int kp = p.getInt("k_period"), ks = p.getInt("k_smooth"), dp = p.getInt("d_period");
        long n = bars.rows();
        int lb = kp - 1 + ks - 1 + dp - 1;
        Scratch sc = Scratch.get();
        MemorySegment hh = sc.buf(2, n), ll = sc.buf(3, n), fk = sc.buf(4, n);
        MemorySegment c = bars.column(Source.CLOSE);
        Vec.windowMax(bars.column(Source.HIGH), n, kp, hh);
        Vec.windowMin(bars.column(Source.LOW), n, kp, ll);
        long from = Math.min(n, kp - 1);
        DoubleVector hundred = DoubleVector.broadcast(S, 100.0), zero = DoubleVector.zero(S);
        long i = from, upper = from + (n - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector lo = load(ll, i), diff = load(hh, i).sub(lo).div(hundred);
            store(load(c, i).sub(lo).div(diff).blend(zero, diff.compare(VectorOperators.EQ, 0.0)), fk, i);
        }
        for (; i < n; i++) {
            double lo = get(ll, i), diff = (get(hh, i) - lo) / 100.0;
            set(fk, i, diff != 0.0 ? (get(c, i) - lo) / diff : 0.0);
        }
        // k = SMA over fast %K valid from kp-1; d = SMA over k valid from kp-1+ks-1
        smaFrom(fk, kp - 1, n, ks, out[0], sc);
        smaFrom(out[0], kp - 1 + ks - 1, n, dp, out[1], sc);
        fillNaN(out[0], 0, Math.min(n, lb));
    }

    /** SMA of {@code x} valid from {@code from}: out NaN before {@code from + w − 1}. Uses scratch slots 0–1. */
    static void smaFrom(MemorySegment x, long from, long n, int w, MemorySegment out, Scratch sc) {
        if (from >= n) { fillNaN(out, 0, n); return; }
        long m = n - from;
        MemorySegment hi = sc.buf(0, m + Vec.L), lo = sc.buf(1, m + Vec.L);
        Vec.prefixSum(x.asSlice(from * 8), m, hi, lo);
        fillNaN(out, 0, from);
        Vec.meanFromPrefix(hi, lo, m, w, out.asSlice(from * 8));
    }

    /**
     * CCI (TA-Lib ta_CCI.c): tp = (h+l+c)/3; avg = mean of the last n tp; md = Σ|tp − avg|/n;
     * cci = (tp − avg)/(0.015·md), 0 when tp − avg = 0 or md = 0.
     *
     * <p>CCI is ill-conditioned when the window is nearly flat (tp − avg and md are tiny differences of prices ~3e4),
     * so the summation order shows in the 9th digit. TA-Lib sums a circular buffer in slot order, bar b living in slot
     * b mod n; we reproduce that order exactly and stay bit-identical to TA-Lib (each output is computed from its own
     * window only, so truncating the data never changes an earlier value).
     *
     * <p>Vectorised across L outputs that share their slot layout: the bars are taken in chunks of L·n, and lane k of
     * row j is the output at bar {@code c + k·n + j} (c the chunk start). Its slot s holds bar {@code c + k·n + s} for
     * s ≤ j and {@code c + (k−1)·n + s} for s &gt; j, so with the chunk transposed once (two stride-n gathers per slot)
     * into {@code T[s][k] = tp[c + k·n + s]} and {@code U[s][k] = tp[c + (k−1)·n + s]}, every slot of every row is one
     * vector load of T[s] or U[s], no blends or broadcasts; four rows run as independent accumulator chains, and the
     * results are scattered back to bar order. The partial last chunk is computed one bar at a time in the same order.
     * Working set per chunk: ~2.1·L·n doubles in a reused per-thread heap array (L1-resident for usual periods).
     */
    static void cci(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment tp = bars.column(Source.HLC3), o = out[0];
        long chunk = (long) w * L, full = n / chunk * chunk;
        if (full > 0) {
            Scratch sc = Scratch.get();
            double[] a = sc.array(Math.toIntExact(2 * chunk + 9L * L + 17L * w));
            int[] idx = sc.ints(L);
            for (int k = 0; k < L; k++) idx[k] = k * w;
            for (long c = 0; c < full; c += chunk) {
                cciTranspose(tp, c, w, a, idx);
                int j = 0;
                for (; j + 3 < w; j += 4) {
                    cciRows4(a, w, j);
                    cciDevs4(a, w, j);
                    cciDevsTail4(a, w, j);
                    cciFinish(a, w, j, 4, idx);
                }
                for (; j < w; j++) {
                    cciRow(a, w, j);
                    cciFinish(a, w, j, 1, idx);
                }
                MemorySegment.copy(a, cciOut(w), o, Vec.D, c * 8, Math.toIntExact(chunk));
            }
        }
        cciScalar(tp, Math.max(w - 1, full), n, w, o);
        fillNaN(o, 0, Math.min(n, w - 1)); // the first chunk's lane 0 wrote placeholders there
    }

    /**
     * Layout of the CCI work array: a pad of L, then T and U (n rows of L each), four (avg, md) vector pairs, the
     * chunk's bars with the n before it (9n), and the chunk's results in bar order (8n). T[s] lane k = tp[c + k·n + s]
     * and U[s] lane k = tp[c + (k−1)·n + s] (lane 0 reads the n bars before the chunk: zeros in the first chunk, where
     * only warm-up outputs use them); both are gathers with stride n from the copied bars.
     */
    private static void cciTranspose(MemorySegment tp, long c, int w, double[] a, int[] idx) {
        int wl = w * L, t = L, u = L + wl, g = cciIn(w);
        if (c >= w) {
            MemorySegment.copy(tp, Vec.D, (c - w) * 8, a, g, 9 * w);
        } else {
            java.util.Arrays.fill(a, g, g + w, 0.0);
            MemorySegment.copy(tp, Vec.D, c * 8, a, g + w, 8 * w);
        }
        for (int s = 0; s < w; s++) {
            DoubleVector.fromArray(S, a, g + w + s, idx, 0).intoArray(a, t + s * L);
            DoubleVector.fromArray(S, a, g + s, idx, 0).intoArray(a, u + s * L);
        }
    }

    /** Start of the copied bars in the CCI work array. */
    private static int cciIn(int w) { return L + 2 * w * L + 8 * L; }

    /** Start of the chunk's results (bar order) in the CCI work array. */
    private static int cciOut(int w) { return cciIn(w) + 9 * w; }

    /**
     * Sums of CCI rows j .. j+3 of the current chunk (j + 3 < w), in TA-Lib's order: slot s of row r is T[s] when
     * s ≤ j + r, else U[s]; so slots 1..j are T[s] for all four rows (one load feeds four accumulators), slots j+1..j+3
     * mix T and U, and slots from j+4 on are U[s] for all. Writes the four averages for {@link #cciDevs4};
     * the passes are separate methods so each stays within C2's inlining budget (an op left out of line boxes its vectors).
     */
    private static void cciRows4(double[] a, int w, int j) {
        int wl = w * L, t = L, u = L + wl, am = L + 2 * wl;
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        // TA-Lib starts both sums at 0: 0 + v = v and 0 + |d| = |d| exactly, so starting at slot 0 (always T) is identical
        DoubleVector first = ld(a, t);
        DoubleVector s0 = first, s1 = first, s2 = first, s3 = first;
        for (int s = 1; s <= j; s++) {
            DoubleVector v = ld(a, t + s * L);
            s0 = s0.add(v);
            s1 = s1.add(v);
            s2 = s2.add(v);
            s3 = s3.add(v);
        }
        int k1 = (j + 1) * L, k2 = k1 + L, k3 = k2 + L;
        DoubleVector t1 = ld(a, t + k1), t2 = ld(a, t + k2), t3 = ld(a, t + k3), u1 = ld(a, u + k1), u2 = ld(a, u + k2), u3 = ld(a, u + k3);
        s0 = s0.add(u1).add(u2).add(u3);
        s1 = s1.add(t1).add(u2).add(u3);
        s2 = s2.add(t1).add(t2).add(u3);
        s3 = s3.add(t1).add(t2).add(t3);
        for (int s = j + 4; s < w; s++) {
            DoubleVector v = ld(a, u + s * L);
            s0 = s0.add(v);
            s1 = s1.add(v);
            s2 = s2.add(v);
            s3 = s3.add(v);
        }
        s0.div(vw).intoArray(a, am);
        s1.div(vw).intoArray(a, am + 2 * L);
        s2.div(vw).intoArray(a, am + 4 * L);
        s3.div(vw).intoArray(a, am + 6 * L);
    }

    /** Mean-deviation sums of rows j .. j+3 over slots 0 .. j+3 (order as in {@link #cciRows4}), from the averages it wrote. */
    private static void cciDevs4(double[] a, int w, int j) {
        int wl = w * L, t = L, u = L + wl, am = L + 2 * wl;
        int k1 = (j + 1) * L, k2 = k1 + L, k3 = k2 + L;
        DoubleVector first = ld(a, t);
        DoubleVector t1 = ld(a, t + k1), t2 = ld(a, t + k2), t3 = ld(a, t + k3), u1 = ld(a, u + k1), u2 = ld(a, u + k2), u3 = ld(a, u + k3);
        DoubleVector a0 = ld(a, am), a1 = ld(a, am + 2 * L), a2 = ld(a, am + 4 * L), a3 = ld(a, am + 6 * L);
        DoubleVector m0 = first.sub(a0).abs(), m1 = first.sub(a1).abs(), m2 = first.sub(a2).abs(), m3 = first.sub(a3).abs();
        for (int s = 1; s <= j; s++) {
            DoubleVector v = ld(a, t + s * L);
            m0 = m0.add(v.sub(a0).abs());
            m1 = m1.add(v.sub(a1).abs());
            m2 = m2.add(v.sub(a2).abs());
            m3 = m3.add(v.sub(a3).abs());
        }
        m0 = m0.add(u1.sub(a0).abs()).add(u2.sub(a0).abs()).add(u3.sub(a0).abs());
        m1 = m1.add(t1.sub(a1).abs()).add(u2.sub(a1).abs()).add(u3.sub(a1).abs());
        m2 = m2.add(t1.sub(a2).abs()).add(t2.sub(a2).abs()).add(u3.sub(a2).abs());
        m3 = m3.add(t1.sub(a3).abs()).add(t2.sub(a3).abs()).add(t3.sub(a3).abs());
        m0.intoArray(a, am + L);
        m1.intoArray(a, am + 3 * L);
        m2.intoArray(a, am + 5 * L);
        m3.intoArray(a, am + 7 * L);
    }

    /** The remaining slots j+4 .. w−1 (U[s] for all four rows) of the deviation sums {@link #cciDevs4} began. */
    private static void cciDevsTail4(double[] a, int w, int j) {
        int wl = w * L, u = L + wl, am = L + 2 * wl;
        DoubleVector a0 = ld(a, am), a1 = ld(a, am + 2 * L), a2 = ld(a, am + 4 * L), a3 = ld(a, am + 6 * L);
        DoubleVector m0 = ld(a, am + L), m1 = ld(a, am + 3 * L), m2 = ld(a, am + 5 * L), m3 = ld(a, am + 7 * L);
        for (int s = j + 4; s < w; s++) {
            DoubleVector v = ld(a, u + s * L);
            m0 = m0.add(v.sub(a0).abs());
            m1 = m1.add(v.sub(a1).abs());
            m2 = m2.add(v.sub(a2).abs());
            m3 = m3.add(v.sub(a3).abs());
        }
        m0.intoArray(a, am + L);
        m1.intoArray(a, am + 3 * L);
        m2.intoArray(a, am + 5 * L);
        m3.intoArray(a, am + 7 * L);
    }

    /** {@link #cciRows4} for the single row j. */
    private static void cciRow(double[] a, int w, int j) {
        int wl = w * L, t = L, am = L + 2 * wl;
        DoubleVector first = ld(a, t), sum = first;
        for (int s = 1; s < w; s++) sum = sum.add(ld(a, t + s * L + ((j - s) >>> 31) * wl));
        DoubleVector avg = sum.div((double) w), md = first.sub(avg).abs();
        for (int s = 1; s < w; s++) md = md.add(ld(a, t + s * L + ((j - s) >>> 31) * wl).sub(avg).abs());
        avg.intoArray(a, am);
        md.intoArray(a, am + L);
    }

    /**
     * Rows j .. j+rows−1 of the chunk's results: {@code (tp − avg)/(0.015·(md/w))}, 0 where tp − avg = 0 or md = 0
     * (TA-Lib's order), scattered to bar order (lane k of row r is bar k·n + r of the chunk).
     */
    private static void cciFinish(double[] a, int w, int j, int rows, int[] idx) {
        int wl = w * L, t = L, am = L + 2 * wl, out = cciOut(w);
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        for (int q = 0; q < rows; q++) {
            DoubleVector avg = ld(a, am + 2 * q * L), md = ld(a, am + (2 * q + 1) * L);
            DoubleVector num = ld(a, t + (j + q) * L).sub(avg); // the row's own bar is slot j + q, in T
            DoubleVector res = num.div(md.div(vw).mul(0.015));
            res.blend(0.0, num.compare(VectorOperators.EQ, 0.0).or(md.compare(VectorOperators.EQ, 0.0))).intoArray(a, out + j + q, idx, 0);
        }
    }

    /** CCI of bars [from, to), one at a time in TA-Lib's slot order (vector tails and windows shorter than L). */
    private static void cciScalar(MemorySegment tp, long from, long to, int w, MemorySegment o) {
        for (long i = from; i < to; i++) {
            long r = i % w, i0 = i - r;
            double sum = 0;
            for (int s = 0; s < w; s++) sum += get(tp, s <= r ? i0 + s : i0 + s - w);
            double avg = sum / w, md = 0;
            for (int s = 0; s < w; s++) md += Math.abs(get(tp, s <= r ? i0 + s : i0 + s - w) - avg);
            double num = get(tp, i) - avg;
            set(o, i, num != 0.0 && md != 0.0 ? num / (0.015 * (md / w)) : 0.0);
        }
    }

    private static DoubleVector ld(double[] a, int k) { return DoubleVector.fromArray(S, a, k); }

    /** Williams %R (TA-Lib ta_WILLR.c): (HH − c)/((HH − LL)/−100), 0 when HH = LL. */
    static void willr(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        Scratch sc = Scratch.get();
        MemorySegment hh = sc.buf(2, n), ll = sc.buf(3, n), c = bars.column(Source.CLOSE), o = out[0];
        Vec.windowMax(bars.column(Source.HIGH), n, w, hh);
        Vec.windowMin(bars.column(Source.LOW), n, w, ll);
        fillNaN(o, 0, Math.min(n, w - 1));
        DoubleVector zero = DoubleVector.zero(S);
        long from = Math.min(n, w - 1);
        long i = from, upper = from + (n - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hh, i), diff = h.sub(load(ll, i)).div(-100.0);
            store(h.sub(load(c, i)).div(diff).blend(zero, diff.compare(VectorOperators.EQ, 0.0)), o, i);
        }
        for (; i < n; i++) {
            double h = get(hh, i), diff = (h - get(ll, i)) / -100.0;
            set(o, i, diff != 0.0 ? (h - get(c, i)) / diff : 0.0);
        }
    }

    /** ROC (TA-Lib ta_ROC.c): ((x / x[i−n]) − 1)·100, 0 when x[i−n] = 0. */
    static void roc(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment x = bars.column(src), o = out[0];
        fillNaN(o, 0, Math.min(n, w));
        DoubleVector zero = DoubleVector.zero(S), one = DoubleVector.broadcast(S, 1.0), hundred = DoubleVector.broadcast(S, 100.0);
        long from = Math.min(n, w);
        long i = from, upper = from + (n - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector prev = load(x, i - w);
            store(load(x, i).div(prev).sub(one).mul(hundred).blend(zero, prev.compare(VectorOperators.EQ, 0.0)), o, i);
        }
        for (; i < n; i++) {
            double prev = get(x, i - w);
            set(o, i, prev != 0.0 ? ((get(x, i) / prev) - 1.0) * 100.0 : 0.0);
        }
    }
}
