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

/** ADX/+DI/−DI and Ichimoku (see {@link Indicators}). */
final class Trend {
    private static final double EPS = Oscillators.EPS;

    private Trend() {}

    /**
     * ADX, +DI, −DI (TA-Lib ta_ADX.c, ta_PLUS_DI.c, ta_MINUS_DI.c). Per bar i ≥ 1: up = h − h₋₁, down = l₋₁ − l;
     * +DM = up if up &gt; 0 and up &gt; down, −DM = down if down &gt; 0 and down &gt; up; TR as TRANGE. Wilder sums: the
     * first n−1 bars (1..n−1) summed, then S = S − S/n + x from bar n on (vector scan, a = 1 − 1/n).
     * DI = 100·DM/TR (0 when |TR| &lt; 1e-8); DX = 100·|−DI − +DI|/(−DI + +DI), skipped when TR or the DI sum is
     * ≈ 0; ADX[2n−1] = Σ DX[n..2n−1]/n (skipped DX count as 0), then ADX = (ADX·(n−1) + DX)/n, held on skipped bars.
     */
    static void adx(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment adx = out[0], pdi = out[1], mdi = out[2];
        fillNaN(pdi, 0, Math.min(n, w));
        fillNaN(mdi, 0, Math.min(n, w));
        fillNaN(adx, 0, Math.min(n, 2L * w - 1));
        if (w >= n) return;
        MemorySegment h = bars.column(Source.HIGH), l = bars.column(Source.LOW), c = bars.column(Source.CLOSE);
        Scratch sc = Scratch.get();
        MemorySegment pdm = sc.buf(2, n), mdm = sc.buf(3, n), tr = sc.buf(4, n), dx = sc.buf(5, n);
        for (long b = 1; b < n; b += Vec.BLOCK) directional(h, l, b, Math.min(n, b + Vec.BLOCK), pdm, mdm);
        Volatility.trueRange(h, l, c, n, tr);
        double sp = 0, sm = 0, st = 0;
        for (long j = 1; j < w; j++) { sp += get(pdm, j); sm += get(mdm, j); st += get(tr, j); }
        double a = 1.0 - 1.0 / w;
        Vec.scan(pdm, pdm, w, n, a, 1.0, sp);
        Vec.scan(mdm, mdm, w, n, a, 1.0, sm);
        Vec.scan(tr, tr, w, n, a, 1.0, st);
        // DI and DX; dx = NaN marks a skipped bar
        boolean skips = false;
        for (long b = w; b < n; b += Vec.BLOCK) skips |= directionalIndex(pdm, mdm, tr, b, Math.min(n, b + Vec.BLOCK), pdi, mdi, dx);
        long first = 2L * w - 1;
        if (first >= n) return;
        double sumDx = 0;
        for (long j = w; j <= first; j++) {
            double d = get(dx, j);
            if (!Double.isNaN(d)) sumDx += d;
        }
        double prev = sumDx / w;
        set(adx, first, prev);
        // Wilder smoothing by vector scans over the runs between skipped bars (held values); run boundaries depend only
        // on earlier bars, so truncating the data never changes earlier values
        long j = first + 1;
        while (j < n) {
            long e = j;
            if (skips) while (e < n && !Double.isNaN(get(dx, e))) e++;
            else e = n;
            prev = Vec.scan(dx, adx, j, e, (w - 1.0) / w, 1.0 / w, prev);
            if (e < n) set(adx, e, prev);
            j = e + 1;
        }
    }

    /**
     * +DM and −DM of bars [from, to) (from ≥ 1). The vector loops of ADX run in per-block methods: inside the
     * once-per-call {@code adx} they were only OSR-compiled and boxed their vectors (~84 MB of garbage per 1 M bars).
     */
    private static void directional(MemorySegment h, MemorySegment l, long from, long to, MemorySegment pdm, MemorySegment mdm) {
        DoubleVector zero = DoubleVector.zero(S);
        long i = from, upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector up = load(h, i).sub(load(h, i - 1)), down = load(l, i - 1).sub(load(l, i));
            VectorMask<Double> isP = up.compare(VectorOperators.GT, 0.0).and(up.compare(VectorOperators.GT, down));
            VectorMask<Double> isM = down.compare(VectorOperators.GT, 0.0).and(down.compare(VectorOperators.GT, up));
            store(zero.blend(up, isP), pdm, i);
            store(zero.blend(down, isM), mdm, i);
        }
        for (; i < to; i++) {
            double up = get(h, i) - get(h, i - 1), down = get(l, i - 1) - get(l, i);
            set(pdm, i, up > 0 && up > down ? up : 0.0);
            set(mdm, i, down > 0 && down > up ? down : 0.0);
        }
    }

    /** +DI, −DI and DX (NaN where skipped) of bars [from, to) from the Wilder sums; whether any bar was skipped. */
    private static boolean directionalIndex(MemorySegment pdm, MemorySegment mdm, MemorySegment tr, long from, long to,
                                            MemorySegment pdi, MemorySegment mdi, MemorySegment dx) {
        DoubleVector hundred = DoubleVector.broadcast(S, 100.0), nan = DoubleVector.broadcast(S, Double.NaN), zero = DoubleVector.zero(S);
        boolean skips = false;
        long i = from, upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector t = load(tr, i);
            VectorMask<Double> tz = t.abs().compare(VectorOperators.LT, EPS);
            DoubleVector m = hundred.mul(load(mdm, i).div(t)), pl = hundred.mul(load(pdm, i).div(t));
            store(pl.blend(zero, tz), pdi, i);
            store(m.blend(zero, tz), mdi, i);
            DoubleVector sum = m.add(pl);
            VectorMask<Double> skip = tz.or(sum.abs().compare(VectorOperators.LT, EPS));
            skips |= skip.anyTrue();
            store(hundred.mul(m.sub(pl).abs().div(sum)).blend(nan, skip), dx, i);
        }
        for (; i < to; i++) {
            double t = get(tr, i);
            boolean tz = Math.abs(t) < EPS;
            double m = 100.0 * (get(mdm, i) / t), pl = 100.0 * (get(pdm, i) / t);
            set(pdi, i, tz ? 0.0 : pl);
            set(mdi, i, tz ? 0.0 : m);
            double sum = m + pl;
            boolean skip = tz || Math.abs(sum) < EPS;
            skips |= skip;
            set(dx, i, skip ? Double.NaN : 100.0 * (Math.abs(m - pl) / sum));
        }
        return skips;
    }

    static int[] ichimokuWarmup(Params p) {
        int t = p.getInt("tenkan"), k = p.getInt("kijun"), s = p.getInt("senkou_b"), d = p.getInt("displacement");
        return new int[] {t - 1, k - 1, Math.max(t, k) - 1 + d, s - 1 + d, d};
    }

    /**
     * Ichimoku (Hosoda): mid(k)[i] = (max(high[i−k+1..i]) + min(low[i−k+1..i]))/2; tenkan = mid(tenkan),
     * kijun = mid(kijun), senkou_a[i] = (tenkan[i−d] + kijun[i−d])/2, senkou_b[i] = mid(senkou_b)[i−d],
     * chikou[i] = close[i−d]. Every field at bar i uses only bars ≤ i (no lookahead).
     */
    static void ichimoku(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int t = p.getInt("tenkan"), k = p.getInt("kijun"), s = p.getInt("senkou_b"), d = p.getInt("displacement");
        long n = bars.rows();
        MemorySegment tenkan = out[0], kijun = out[1], sa = out[2], sb = out[3], chikou = out[4];
        Scratch sc = Scratch.get();
        MemorySegment hh = sc.buf(2, n), ll = sc.buf(3, n), midS = sc.buf(4, n);
        midpoint(bars, t, tenkan, hh, ll);
        midpoint(bars, k, kijun, hh, ll);
        midpoint(bars, s, midS, hh, ll);
        int[] wu = ichimokuWarmup(p);
        fillNaN(sa, 0, Math.min(n, wu[2]));
        for (long i = wu[2]; i < n; i++) set(sa, i, (get(tenkan, i - d) + get(kijun, i - d)) / 2.0);
        fillNaN(sb, 0, Math.min(n, wu[3]));
        if (wu[3] < n) MemorySegment.copy(midS, (wu[3] - d) * 8L, sb, wu[3] * 8L, (n - wu[3]) * 8);
        fillNaN(chikou, 0, Math.min(n, d));
        if (d < n) MemorySegment.copy(bars.column(Source.CLOSE), 0, chikou, d * 8L, (n - d) * 8);
    }

    private static void midpoint(BarSeries bars, int w, MemorySegment out, MemorySegment hh, MemorySegment ll) {
        long n = bars.rows();
        Vec.windowMax(bars.column(Source.HIGH), n, w, hh);
        Vec.windowMin(bars.column(Source.LOW), n, w, ll);
        fillNaN(out, 0, Math.min(n, w - 1));
        long i = Math.min(n, w - 1), upper = i + (n - i) / L * L;
        for (; i < upper; i += L) store(load(hh, i).add(load(ll, i)).div(2.0), out, i);
        for (; i < n; i++) set(out, i, (get(hh, i) + get(ll, i)) / 2.0);
    }
}
