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
import jdk.incubator.vector.VectorOperators;

/** ATR, Bollinger Bands, Keltner and Donchian channels (see {@link Indicators}). */
final class Volatility {
    private Volatility() {}

    /** True range of bar i ≥ 1 (TA-Lib TRANGE): max(h − l, |c₋₁ − h|, |l − c₋₁|), into {@code tr[i]}. */
    static void trueRange(MemorySegment h, MemorySegment l, MemorySegment c, long n, MemorySegment tr) {
        long i = 1, upper = 1 + Math.max(0, n - 1) / L * L;
        for (; i < upper; i += L) {
            DoubleVector hv = load(h, i), lv = load(l, i), pc = load(c, i - 1);
            DoubleVector g = hv.sub(lv).max(pc.sub(hv).abs()).max(lv.sub(pc).abs());
            store(g, tr, i);
        }
        for (; i < n; i++) {
            double hv = get(h, i), lv = get(l, i), pc = get(c, i - 1);
            set(tr, i, Math.max(Math.max(hv - lv, Math.abs(pc - hv)), Math.abs(lv - pc)));
        }
    }

    /**
     * ATR (TA-Lib ta_ATR.c) into {@code out}: NaN for i &lt; w, out[w] = mean(TR[1..w]), then Wilder smoothing
     * {@code (prev·(w−1) + TR)/w} as a vector scan. Uses scratch slot {@code slot}.
     */
    static void atrInto(BarSeries bars, int w, MemorySegment out, int slot) {
        long n = bars.rows();
        fillNaN(out, 0, Math.min(n, w));
        if (w >= n) return;
        MemorySegment tr = Scratch.get().buf(slot, n);
        trueRange(bars.column(Source.HIGH), bars.column(Source.LOW), bars.column(Source.CLOSE), n, tr);
        double sum = 0;
        for (long i = 1; i <= w; i++) sum += get(tr, i);
        double prev = sum / w;
        set(out, w, prev);
        Vec.scan(tr, out, w + 1, n, (w - 1.0) / w, 1.0 / w, prev);
    }

    static void atr(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        atrInto(bars, p.getInt("period"), out[0], 2);
    }

    /**
     * Bollinger Bands (TA-Lib ta_BBANDS.c with SMA, TA_INT_stddev_using_precalc_ma): the SMA and the running sum of
     * squares are evaluated in exactly TA-Lib's sequential order, so middle/upper/lower are bit-identical to TA-Lib.
     * This matters: σ² = E[x²] − E[x]² cancels catastrophically (BTC: E[x²] ≈ 1e9 against σ² ≈ 10..100), so any other
     * summation order moves σ by more than 1e-9 relative. σ = 0 when σ² &lt; 1e-8 (TA-Lib).
     */
    static void bbands(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        double dev = p.get("stddev");
        long n = bars.rows();
        MemorySegment x = bars.column(src);
        MemorySegment up = out[0], mid = out[1], lo = out[2], width = out[3];
        for (MemorySegment o : out) fillNaN(o, 0, Math.min(n, w - 1));
        if (w - 1 >= n) return;
        MemorySegment var = Scratch.get().buf(2, n);
        double total = 0, total2 = 0;
        for (int i = 0; i < w - 1; i++) {
            double v = get(x, i);
            total += v;
            total2 += v * v;
        }
        for (long i = w - 1, t = 0; i < n; i++, t++) {
            double v = get(x, i);
            total += v;
            double m = total / w;
            double old = get(x, t);
            total -= old;
            total2 += v * v;
            double mean2 = total2 / w;
            total2 -= old * old;
            set(mid, i, m);
            set(var, i, mean2 - m * m);
        }
        DoubleVector vdev = DoubleVector.broadcast(S, dev), zero = DoubleVector.zero(S);
        long i = w - 1, upper = i + (n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector v = load(var, i), m = load(mid, i);
            DoubleVector sd = v.sqrt().blend(zero, v.compare(VectorOperators.LT, 1e-8)).mul(vdev);
            DoubleVector u = m.add(sd), l = m.sub(sd);
            store(u, up, i);
            store(l, lo, i);
            store(u.sub(l).div(m), width, i);
        }
        for (; i < n; i++) {
            double v = get(var, i), m = get(mid, i);
            double sd = (v < 1e-8 ? 0.0 : Math.sqrt(v)) * dev;
            double u = m + sd, l = m - sd;
            set(up, i, u);
            set(lo, i, l);
            set(width, i, (u - l) / m);
        }
    }

    /** Keltner: middle = EMA(close, period) (TA-Lib EMA), bands = middle ± multiplier·ATR(atr_period) (TA-Lib ATR). */
    static void keltner(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period"), aw = p.getInt("atr_period");
        double mult = p.get("multiplier");
        long n = bars.rows();
        MemorySegment mid = out[1], up = out[0], lo = out[2];
        MovingAverages.emaSeeded(bars.column(Source.CLOSE), 0, n, w, MovingAverages.emaK(w), mid);
        MemorySegment atr = Scratch.get().buf(3, n);
        atrInto(bars, aw, atr, 2);
        int lb = Math.max(w - 1, aw);
        fillNaN(up, 0, Math.min(n, lb));
        fillNaN(lo, 0, Math.min(n, lb));
        fillNaN(mid, 0, Math.min(n, lb));
        DoubleVector vm = DoubleVector.broadcast(S, mult);
        long i = Math.min(n, lb), upper = i + (n - i) / L * L;
        for (; i < upper; i += L) {
            DoubleVector m = load(mid, i), d = load(atr, i).mul(vm);
            store(m.add(d), up, i);
            store(m.sub(d), lo, i);
        }
        for (; i < n; i++) {
            double m = get(mid, i), d = get(atr, i) * mult;
            set(up, i, m + d);
            set(lo, i, m - d);
        }
    }

    /** Donchian: upper = MAX(high, n), lower = MIN(low, n) including the current bar (TA-Lib MAX/MIN), middle = (u+l)/2. */
    static void donchian(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment up = out[0], mid = out[1], lo = out[2];
        Vec.windowMax(bars.column(Source.HIGH), n, w, up);
        Vec.windowMin(bars.column(Source.LOW), n, w, lo);
        fillNaN(mid, 0, Math.min(n, w - 1));
        long i = Math.min(n, w - 1), upper = i + (n - i) / L * L;
        for (; i < upper; i += L) store(load(up, i).add(load(lo, i)).div(2.0), mid, i);
        for (; i < n; i++) set(mid, i, (get(up, i) + get(lo, i)) / 2.0);
    }
}
