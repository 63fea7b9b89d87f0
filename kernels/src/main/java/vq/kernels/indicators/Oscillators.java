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
     * b mod n; we reproduce that order exactly and stay bit-compatible (each output is computed from its own window
     * only, so truncating the data never changes an earlier value). Vectorised across L consecutive outputs i..i+L−1:
     * slot s holds, for output i, the bar b of the window congruent to s mod n; outputs i+k with k ≥ b − i + n hold
     * bar b + n there instead. Only the L − 1 oldest bars of output i's window are replaced within the vector, so each
     * window pass is four runs of slots: broadcasts, except two short runs (≤ L − 1 slots in all) that blend in b + n.
     */
    static void cci(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment tp = bars.column(Source.HLC3), o = out[0];
        fillNaN(o, 0, Math.min(n, w - 1));
        double[] slots = Scratch.get().array((4 * w + 8) * L);
        for (long s = w - 1; s < n; s += Vec.BLOCK) cciBlock(tp, s, Math.min(n, s + Vec.BLOCK), w, o, slots);
    }

    /** Lane indices 0 .. L−1 (a lane mask "lanes ≥ k" is one compare against it). */
    private static final DoubleVector IOTA = DoubleVector.fromArray(S, java.util.stream.IntStream.range(0, L).asDoubleStream().toArray(), 0);

    private static void cciBlock(MemorySegment tp, long from, long to, int w, MemorySegment o, double[] slots) {
        long i = from;
        if (w >= L) { // windows shorter than a vector: scalar
            // four groups of L outputs per step: four independent accumulator chains hide the add latency
            int g = w * L;
            long upper4 = from + (to - from) / (4 * L) * (4 * L);
            for (; i < upper4; i += 4 * L) {
                cciSlots(tp, i, w, slots, 0);
                cciSlots(tp, i + L, w, slots, g);
                cciSlots(tp, i + 2 * L, w, slots, 2 * g);
                cciSlots(tp, i + 3 * L, w, slots, 3 * g);
                cciFour(tp, i, w, o, slots, g);
            }
            long upper = from + (to - from) / L * L;
            for (; i < upper; i += L) {
                cciSlots(tp, i, w, slots, 0);
                cciOne(tp, i, w, o, slots);
            }
        }
        cciScalar(tp, i, to, w, o);
    }

    /** CCI of outputs i..i+4L−1 from the slot vectors of four groups (group j at element j·g of {@code slots}). */
    private static void cciFour(MemorySegment tp, long i, int w, MemorySegment o, double[] slots, int g) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        // TA-Lib starts both sums at 0: 0 + v = v and 0 + |d| = |d| exactly, so starting at slot 0 is identical
        DoubleVector s0 = ld(slots, 0), s1 = ld(slots, g), s2 = ld(slots, 2 * g), s3 = ld(slots, 3 * g);
        for (int s = 1; s < w; s++) {
            int k = s * L;
            s0 = s0.add(ld(slots, k));
            s1 = s1.add(ld(slots, g + k));
            s2 = s2.add(ld(slots, 2 * g + k));
            s3 = s3.add(ld(slots, 3 * g + k));
        }
        DoubleVector a0 = s0.div(vw), a1 = s1.div(vw), a2 = s2.div(vw), a3 = s3.div(vw);
        DoubleVector m0 = ld(slots, 0).sub(a0).abs(), m1 = ld(slots, g).sub(a1).abs();
        DoubleVector m2 = ld(slots, 2 * g).sub(a2).abs(), m3 = ld(slots, 3 * g).sub(a3).abs();
        for (int s = 1; s < w; s++) {
            int k = s * L;
            m0 = m0.add(ld(slots, k).sub(a0).abs());
            m1 = m1.add(ld(slots, g + k).sub(a1).abs());
            m2 = m2.add(ld(slots, 2 * g + k).sub(a2).abs());
            m3 = m3.add(ld(slots, 3 * g + k).sub(a3).abs());
        }
        int t = 4 * g; // averages and deviations after the slots: the output step is one loop, outside this method
        a0.intoArray(slots, t);
        m0.intoArray(slots, t + L);
        a1.intoArray(slots, t + 2 * L);
        m1.intoArray(slots, t + 3 * L);
        a2.intoArray(slots, t + 4 * L);
        m2.intoArray(slots, t + 5 * L);
        a3.intoArray(slots, t + 6 * L);
        m3.intoArray(slots, t + 7 * L);
        cciOut(tp, i, 4, w, slots, t, o);
    }

    /** CCI of outputs i..i+L−1 from one group's slot vectors. */
    private static void cciOne(MemorySegment tp, long i, int w, MemorySegment o, double[] slots) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        DoubleVector sum = ld(slots, 0);
        for (int s = 1; s < w; s++) sum = sum.add(ld(slots, s * L));
        DoubleVector avg = sum.div(vw);
        DoubleVector md = ld(slots, 0).sub(avg).abs();
        for (int s = 1; s < w; s++) md = md.add(ld(slots, s * L).sub(avg).abs());
        int t = 4 * w * L;
        avg.intoArray(slots, t);
        md.intoArray(slots, t + L);
        cciOut(tp, i, 1, w, slots, t, o);
    }

    /**
     * Outputs i..i+groups·L−1: {@code (tp − avg)/(0.015·(md/w))}, 0 where tp − avg = 0 or md = 0 (TA-Lib's operation
     * order), with group j's avg and md sums at {@code a[t + 2jL]} and {@code a[t + (2j+1)L]}.
     */
    private static void cciOut(MemorySegment tp, long i, int groups, int w, double[] a, int t, MemorySegment o) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w);
        for (int j = 0; j < groups; j++) {
            DoubleVector avg = ld(a, t + 2 * j * L), md = ld(a, t + (2 * j + 1) * L);
            DoubleVector num = load(tp, i + (long) j * L).sub(avg);
            DoubleVector res = num.div(md.div(vw).mul(0.015));
            store(res.blend(0.0, num.compare(VectorOperators.EQ, 0.0).or(md.compare(VectorOperators.EQ, 0.0))), o, i + (long) j * L);
        }
    }

    /**
     * Slot vectors of outputs i..i+L−1 into {@code slots[base, base + w·L)} (in L1), so that both passes over the window
     * are plain loops with one accumulator. Slots 0..r hold bars i0..i (run A), slots r+1..w−1 bars i0+1−w+r .. i0−1
     * (run B); slot s of output i+k holds bar b + w instead of b when k ≥ k0 = b − i + w, i.e. only for the L − 1
     * oldest bars of the window: slots [0, a) of run A (when i0 is among them) and [r+1, c) of run B.
     */
    private static void cciSlots(MemorySegment tp, long i, int w, double[] slots, int base) {
        long r = i % w, i0 = i - r;
        int ri = (int) r;
        int a = (int) Math.min(r + 1, Math.max(0, r + L - w)), c = (int) Math.min(w, r + L);
        for (int s = 0; s < a; s++) mixed(tp, i0 + s, s - ri + w, w).intoArray(slots, base + s * L);
        for (int s = a; s <= ri; s++) DoubleVector.broadcast(S, get(tp, i0 + s)).intoArray(slots, base + s * L);
        for (int s = ri + 1; s < c; s++) mixed(tp, i0 + s - w, s - ri, w).intoArray(slots, base + s * L);
        for (int s = c; s < w; s++) DoubleVector.broadcast(S, get(tp, i0 + s - w)).intoArray(slots, base + s * L);
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

    /** Slot vector of bar b, whose lanes ≥ k0 (1 ≤ k0 < L) hold bar b + w instead. */
    private static DoubleVector mixed(MemorySegment tp, long b, int k0, int w) {
        return DoubleVector.broadcast(S, get(tp, b)).blend(get(tp, b + w), IOTA.compare(VectorOperators.GE, (double) k0));
    }

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
