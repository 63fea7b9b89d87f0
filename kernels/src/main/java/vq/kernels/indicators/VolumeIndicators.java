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
import vq.columnar.Intervals;

/** OBV, VWAP, volume SMA, MFI (see {@link Indicators}). */
final class VolumeIndicators {
    private VolumeIndicators() {}

    /**
     * OBV (TA-Lib ta_OBV.c): obv[0] = volume[0]; then ± volume[i] when close rises/falls, unchanged when equal. The
     * signed volumes are summed by a vector scan (a = 1): the association differs from TA-Lib's left-to-right sum, so
     * values agree to ~sqrt(n)·ulp of the running magnitude, not bit for bit.
     */
    static void obv(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        long n = bars.rows();
        if (n == 0) return;
        MemorySegment c = bars.column(Source.CLOSE), v = bars.column(Source.VOLUME), o = out[0];
        DoubleVector zero = DoubleVector.zero(S);
        long i = 1, upper = 1 + (n - 1) / L * L;
        for (; i < upper; i += L) {
            DoubleVector d = load(c, i).sub(load(c, i - 1)), vol = load(v, i);
            DoubleVector b = zero.blend(vol, d.compare(VectorOperators.GT, 0.0)).blend(vol.neg(), d.compare(VectorOperators.LT, 0.0));
            store(b, o, i);
        }
        for (; i < n; i++) {
            double d = get(c, i) - get(c, i - 1), vol = get(v, i);
            set(o, i, d > 0 ? vol : d < 0 ? -vol : 0.0);
        }
        double first = get(v, 0);
        set(o, 0, first);
        Vec.scan(o, o, 1, n, 1.0, 1.0, first);
    }

    /**
     * Session VWAP anchored at 00:00 UTC: vwap[i] = Σ tp·v / Σ v over the bars of i's UTC day up to i, tp = (h+l+c)/3.
     * NaN while the day's cumulative volume is 0. Sessions follow the bar open time; gaps need no special case.
     */
    static void vwap(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        long n = bars.rows();
        MemorySegment h = bars.column(Source.HIGH), l = bars.column(Source.LOW), c = bars.column(Source.CLOSE),
                v = bars.column(Source.VOLUME), o = out[0];
        long start = 0;
        while (start < n) {
            long nextDay = (Math.floorDiv(bars.ts(start), Intervals.NANOS_PER_DAY) + 1) * Intervals.NANOS_PER_DAY;
            long end = firstAtOrAfter(bars, start + 1, n, nextDay);
            vwapSession(h, l, c, v, start, end, o);
            start = end;
        }
    }

    /**
     * First bar in [from, to) whose open time is at or after {@code tsNanos}, else {@code to}: a binary search over the
     * sorted timestamps (a day boundary costs O(log n), not a scalar pass over every bar's timestamp).
     */
    private static long firstAtOrAfter(BarSeries bars, long from, long to, long tsNanos) {
        long lo = from, hi = to;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (bars.ts(mid) < tsNanos) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * One session in one pass: tp = (h+l+c)/3 (TA-Lib TYPPRICE order), running Σ tp·v and Σ v as lane scans with
     * scalar carries, vwap = Σ tp·v / Σ v, NaN while Σ v = 0.
     */
    private static void vwapSession(MemorySegment h, MemorySegment l, MemorySegment c, MemorySegment v, long from, long to, MemorySegment o) {
        DoubleVector nan = DoubleVector.broadcast(S, Double.NaN);
        double cpv = 0, cv = 0;
        long i = from, upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector vol = load(v, i);
            DoubleVector pv = load(h, i).add(load(l, i)).add(load(c, i)).div(3.0).mul(vol);
            DoubleVector spv = Vec.laneSums(pv), sv = Vec.laneSums(vol);
            DoubleVector cum = sv.add(cv);
            store(spv.add(cpv).div(cum).blend(nan, cum.compare(VectorOperators.EQ, 0.0)), o, i);
            cpv += spv.lane(L - 1);
            cv += sv.lane(L - 1);
        }
        if (i < to) { // zero-padded tail through the same steps (prefix-consistent)
            VectorMask<Double> m = S.indexInRange(i, to);
            DoubleVector vol = DoubleVector.fromMemorySegment(S, v, i * 8, Vec.LE, m);
            DoubleVector pv = DoubleVector.fromMemorySegment(S, h, i * 8, Vec.LE, m).add(DoubleVector.fromMemorySegment(S, l, i * 8, Vec.LE, m))
                    .add(DoubleVector.fromMemorySegment(S, c, i * 8, Vec.LE, m)).div(3.0).mul(vol);
            DoubleVector spv = Vec.laneSums(pv), sv = Vec.laneSums(vol);
            DoubleVector cum = sv.add(cv);
            spv.add(cpv).div(cum).blend(nan, cum.compare(VectorOperators.EQ, 0.0)).intoMemorySegment(o, i * 8, Vec.LE, m);
        }
    }

    static void volumeSma(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        MovingAverages.smaInto(bars, Source.VOLUME, p.getInt("period"), out[0]);
    }

    /**
     * MFI (TA-Lib ta_MFI.c): tp = (h+l+c)/3, flow = tp·volume counted positive when tp rose from the previous bar,
     * negative when it fell; P, N = flow sums over the last n bars (compensated prefix sums); mfi = 100·P/(P+N), 0 when
     * P+N &lt; 1 (TA-Lib's threshold, in volume·price units).
     */
    static void mfi(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment o = out[0];
        fillNaN(o, 0, Math.min(n, w));
        if (w >= n) return;
        MemorySegment tp = bars.column(Source.HLC3), v = bars.column(Source.VOLUME);
        Scratch sc = Scratch.get();
        MemorySegment pos = sc.buf(2, n), neg = sc.buf(3, n), ps = sc.buf(4, n), ns = sc.buf(5, n);
        set(pos, 0, 0.0);
        set(neg, 0, 0.0);
        DoubleVector zero = DoubleVector.zero(S);
        long i = 1, upper = 1 + (n - 1) / L * L;
        for (; i < upper; i += L) {
            DoubleVector t = load(tp, i), d = t.sub(load(tp, i - 1)), f = t.mul(load(v, i));
            store(zero.blend(f, d.compare(VectorOperators.GT, 0.0)), pos, i);
            store(zero.blend(f, d.compare(VectorOperators.LT, 0.0)), neg, i);
        }
        for (; i < n; i++) {
            double t = get(tp, i), d = t - get(tp, i - 1), f = t * get(v, i);
            set(pos, i, d > 0 ? f : 0.0);
            set(neg, i, d < 0 ? f : 0.0);
        }
        MemorySegment hi = sc.buf(0, n + Vec.L), lo = sc.buf(1, n + Vec.L);
        Vec.prefixSum(pos, n, hi, lo);
        Vec.sumFromPrefix(hi, lo, n, w, ps);
        Vec.prefixSum(neg, n, hi, lo);
        Vec.sumFromPrefix(hi, lo, n, w, ns);
        DoubleVector hundred = DoubleVector.broadcast(S, 100.0);
        i = w;
        upper = w + (n - w) / L * L;
        for (; i < upper; i += L) {
            DoubleVector pv = load(ps, i), tot = pv.add(load(ns, i));
            store(hundred.mul(pv.div(tot)).blend(zero, tot.compare(VectorOperators.LT, 1.0)), o, i);
        }
        for (; i < n; i++) {
            double pv = get(ps, i), tot = pv + get(ns, i);
            set(o, i, tot < 1.0 ? 0.0 : 100.0 * (pv / tot));
        }
    }
}
