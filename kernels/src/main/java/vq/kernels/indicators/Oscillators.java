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
     * b mod n; we reproduce that order exactly and stay bit-compatible. Vectorised across 8 consecutive outputs: for
     * slot s the lanes hold bar b or b + n (a blend of two broadcasts), 2n such steps per 8 outputs.
     */
    static void cci(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment tp = bars.column(Source.HLC3), o = out[0];
        fillNaN(o, 0, Math.min(n, w - 1));
        for (long s = w - 1; s < n; s += Vec.BLOCK) cciBlock(tp, s, Math.min(n, s + Vec.BLOCK), w, o);
    }

    /** Lane indices 0 .. L−1 (a lane mask "lanes ≥ k" is one compare against it). */
    private static final DoubleVector IOTA = DoubleVector.fromArray(S, java.util.stream.IntStream.range(0, L).asDoubleStream().toArray(), 0);

    private static void cciBlock(MemorySegment tp, long from, long to, int w, MemorySegment o) {
        DoubleVector vw = DoubleVector.broadcast(S, (double) w), zero = DoubleVector.zero(S);
        long i = from, upper = w < L ? from : from + (to - from) / L * L; // windows shorter than a vector: scalar
        for (; i < upper; i += L) {
            // slot s of output i holds bar b = i − ((i − s) mod w); lanes k ≥ b − i + w hold bar b + w instead
            long r = i % w, i0 = i - r; // slot of bar i; bar of slot s is i0 + s (s <= r) or i0 + s − w (s > r)
            DoubleVector sum = null;
            for (int s = 0; s < w; s++) {
                long b = s <= r ? i0 + s : i0 + s - w;
                int k0 = (int) Math.min(L, b - i + w);
                DoubleVector x = k0 >= L ? DoubleVector.broadcast(S, get(tp, b))
                        : DoubleVector.broadcast(S, get(tp, b)).blend(get(tp, b + w), IOTA.compare(VectorOperators.GE, (double) k0));
                sum = sum == null ? x : sum.add(x);
            }
            DoubleVector avg = sum.div(vw);
            DoubleVector md = zero;
            for (int s = 0; s < w; s++) {
                long b = s <= r ? i0 + s : i0 + s - w;
                int k0 = (int) Math.min(L, b - i + w);
                DoubleVector x = k0 >= L ? DoubleVector.broadcast(S, get(tp, b))
                        : DoubleVector.broadcast(S, get(tp, b)).blend(get(tp, b + w), IOTA.compare(VectorOperators.GE, (double) k0));
                md = md.add(x.sub(avg).abs());
            }
            DoubleVector num = load(tp, i).sub(avg);
            DoubleVector res = num.div(md.div(vw).mul(0.015));
            VectorMask<Double> z = num.compare(VectorOperators.EQ, 0.0).or(md.compare(VectorOperators.EQ, 0.0));
            store(res.blend(zero, z), o, i);
        }
        for (; i < to; i++) {
            long r = i % w, i0 = i - r;
            double sum = 0;
            for (int s = 0; s < w; s++) sum += get(tp, s <= r ? i0 + s : i0 + s - w);
            double avg = sum / w, md = 0;
            for (int s = 0; s < w; s++) md += Math.abs(get(tp, s <= r ? i0 + s : i0 + s - w) - avg);
            double num = get(tp, i) - avg;
            set(o, i, num != 0.0 && md != 0.0 ? num / (0.015 * (md / w)) : 0.0);
        }
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
