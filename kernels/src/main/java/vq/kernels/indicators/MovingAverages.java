package vq.kernels.indicators;

import static vq.kernels.indicators.Vec.L;
import static vq.kernels.indicators.Vec.fillNaN;
import static vq.kernels.indicators.Vec.get;
import static vq.kernels.indicators.Vec.load;
import static vq.kernels.indicators.Vec.set;
import static vq.kernels.indicators.Vec.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;

/**
 * Moving averages (SMA, EMA, WMA, DEMA, TEMA) and the many-windows SMA pass. Formulas and conventions are TA-Lib's
 * (ta_SMA.c, ta_EMA.c, ta_WMA.c, ta_DEMA.c, ta_TEMA.c); see {@link Indicators} for the per-type documentation.
 */
public final class MovingAverages {
    private MovingAverages() {}

    /** TA-Lib's EMA smoothing factor {@code k = 2 / (period + 1)}. */
    static double emaK(int period) { return 2.0 / (period + 1); }

    /**
     * TA-Lib EMA of {@code x} whose first valid input is at {@code from}: the seed, at index {@code from + w − 1}, is the
     * arithmetic mean of {@code x[from .. from+w−1]} (summed in order, then divided by w); after it
     * {@code y[i] = y[i−1] + k·(x[i] − y[i−1])}, evaluated as {@code (1−k)·y[i−1] + k·x[i]} by {@link Vec#scan}.
     * {@code out} is NaN before the seed.
     */
    static void emaSeeded(MemorySegment x, long from, long n, int w, double k, MemorySegment out) {
        long seed = from + w - 1;
        fillNaN(out, 0, Math.min(n, seed));
        if (seed >= n) return;
        double sum = 0;
        for (long i = from; i <= seed; i++) sum += get(x, i);
        double prev = sum / w;
        set(out, seed, prev);
        Vec.scan(x, out, seed + 1, n, 1.0 - k, k, prev);
    }

    /**
     * SMA from block-restart prefix sums ({@link Vec#blockPrefix}; windows longer than {@value Vec#BLOCK} bars use
     * compensated prefix sums, {@link Vec#prefixSum}): the series' cached sums when a sweep has made them, else in one
     * pass. Bit-identical either way, and to {@link #smaMany}.
     */
    static void sma(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        smaInto(bars, src, p.getInt("period"), out[0]);
    }

    static void smaInto(BarSeries bars, Source src, int w, MemorySegment o) {
        long n = bars.rows();
        if (w <= Vec.BLOCK) {
            MemorySegment r = bars.cachedBlockSums(src);
            if (r != null) {
                Vec.meanFromBlocks(r, Math.max(0, (w - 1) / L * L), n, w, o, 0);
                Vec.fillNaN(o, 0, Math.min(n, w - 1));
            } else {
                Vec.smaBlocks(bars.column(src), n, w, Scratch.get().buf(0, n + L), o);
            }
        } else {
            MemorySegment[] pre = bars.prefixSums(src);
            Vec.meanFromPrefix(pre[0], pre[1], n, w, o);
        }
    }

    static void ema(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        emaSeeded(bars.column(src), 0, bars.rows(), w, emaK(w), out[0]);
    }

    static void dema(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        double k = emaK(w);
        Scratch sc = Scratch.get();
        MemorySegment e1 = sc.buf(2, n), e2 = sc.buf(3, n);
        emaSeeded(bars.column(src), 0, n, w, k, e1);
        emaSeeded(e1, w - 1, n, w, k, e2);
        long start = Math.min(n, 2L * (w - 1));
        fillNaN(out[0], 0, start);
        long i = start, upper = start + (n - start) / L * L;
        for (; i < upper; i += L) store(load(e1, i).mul(2.0).sub(load(e2, i)), out[0], i);
        for (; i < n; i++) set(out[0], i, 2.0 * get(e1, i) - get(e2, i));
    }

    static void tema(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        double k = emaK(w);
        Scratch sc = Scratch.get();
        MemorySegment e1 = sc.buf(2, n), e2 = sc.buf(3, n), e3 = sc.buf(4, n);
        emaSeeded(bars.column(src), 0, n, w, k, e1);
        emaSeeded(e1, w - 1, n, w, k, e2);
        emaSeeded(e2, 2L * (w - 1), n, w, k, e3);
        long start = Math.min(n, 3L * (w - 1));
        fillNaN(out[0], 0, start);
        long i = start, upper = start + (n - start) / L * L;
        for (; i < upper; i += L)
            store(load(e3, i).add(load(e1, i).mul(3.0).sub(load(e2, i).mul(3.0))), out[0], i);
        for (; i < n; i++) set(out[0], i, get(e3, i) + (3.0 * get(e1, i) - 3.0 * get(e2, i)));
    }

    /**
     * WMA (TA-Lib ta_WMA.c): {@code Σ_{j<w} (w−j)·x[i−j] / (w(w+1)/2)}, NaN before bar w − 1.
     *
     * <p>Running form, like TA-Lib's: with S[i] = x[i−w+1] + … + x[i] (plain window sum) and N[i] the weighted sum,
     * {@code S[i] = S[i−1] + x[i] − x[i−w]} and {@code N[i] = N[i−1] + w·x[i] − S[i−1]}. TA-Lib runs this over the
     * whole series in plain doubles, so N integrates the rounding of S (drift ∝ t^1.5·ulp, ~1e-9 relative after 1 M
     * bars). Here (1) both sums restart at fixed bars ({@link #wmaRestart}: every {@value Vec#BLOCK} bars for w ≤ 512,
     * at multiples of it, independent of the series length), where they are re-summed from the window (compensated);
     * (2) within an interval S is carried as {@code r + d}, r = S at the restart bar (fixed) and d the small running
     * change, and the increments {@code w·x[i] − S[i−1]} are formed as {@code fma(w, x[i], −r) − (ΔS + d)}: small
     * numbers with small roundings. Measured: within 2.4e-14 relative of the exact WMA on two years of BTC 1m closes
     * (TA-Lib itself drifts to ~1e-9), and truncating the data never changes an earlier value.
     *
     * <p>Vectorised over L consecutive bars i..i+L−1 with two in-register prefix sums: E = prefix sums of
     * e[k] = x[i+k] − x[i+k−w], so S[i+k−1] = S[i−1] + (E[k] − e[k]); then N[i+k] = N[i−1] + prefix sums of the
     * increments. The carries are updated in scalar code from lane L−1 (no cross-lane permute on the serial path).
     */
    static void wma(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment x = bars.column(src), o = out[0];
        fillNaN(o, 0, Math.min(n, w - 1));
        if (w - 1 >= n) return;
        double div = (double) w * (w + 1) / 2.0;
        long every = wmaRestart(w);
        for (long s = w - 1; s < n; ) {
            long e = Math.min(n, (s / every + 1) * every);
            wmaRun(x, s, e, w, div, o, s == w - 1);
            s = e;
        }
    }

    /**
     * Restart interval of the WMA's running sums: {@value Vec#BLOCK} bars for windows up to 512 bars, else the
     * multiple of it ≥ 8·w (re-summing the window costs a few scalar operations per window bar and restart).
     */
    static long wmaRestart(int w) {
        long blocks = Math.max(1, (8L * w + Vec.BLOCK - 1) / Vec.BLOCK);
        return blocks * Vec.BLOCK;
    }

    /**
     * WMA of bars [from, to) within one restart interval. S and N are re-summed from the window (oldest bar first, as
     * double-doubles: TwoSum of exact products) at bar {@code from} when {@code first} (from = w − 1, the first output,
     * written here), else at bar from − 1 (written by the previous interval), so the vector steps start at the
     * aligned restart bar.
     */
    private static void wmaRun(MemorySegment x, long from, long to, int w, double div, MemorySegment o, boolean first) {
        long at = first ? from : from - 1;
        double sh = 0, sl = 0, nh = 0, nl = 0;
        for (int j = 0; j < w; j++) {
            double v = get(x, at - w + 1 + j), t = sh + v;
            sl += twoSumErr(sh, v, t);
            sh = t;
            double q = (j + 1) * v;
            t = nh + q;
            nl += twoSumErr(nh, q, t) + Math.fma(j + 1, v, -q);
            nh = t;
        }
        if (first) set(o, from, (nh + nl) / div);
        wmaSteps(x, at + 1, to, w, div, o, sh, sl, nh + nl);
    }

    /** Knuth's TwoSum error of {@code t = a + b}: {@code a + b − t}, exactly. */
    private static double twoSumErr(double a, double b, double t) {
        double bp = t - a;
        return (a - (t - bp)) + (b - bp);
    }

    /**
     * Vector steps of one restart interval from bar {@code from}, given S[from−1] = r + d (r fixed for the interval,
     * d the small running change) and N[from−1] = nh. The increments w·x − S are formed against the fixed r
     * ({@code fma(w, x, −r)}, then minus the small parts), so the vector work does not wait for the carries; the
     * carries d and nh are updated in scalar code from lane L−1 with the operations lane L−1 performs.
     */
    private static void wmaSteps(MemorySegment x, long from, long to, int w, double div, MemorySegment o, double r, double d, double nh) {
        DoubleVector vw = DoubleVector.broadcast(Vec.S, (double) w), vdiv = DoubleVector.broadcast(Vec.S, div);
        DoubleVector negR = DoubleVector.broadcast(Vec.S, -r);
        long i = from, upper = from + Math.max(0, to - from) / L * L;
        for (; i < upper; i += L) {
            DoubleVector xv = load(x, i), ev = xv.sub(load(x, i - w));
            DoubleVector ep = Vec.laneSums(ev);
            // Σ_{m≤k} (w·x[i+m] − r − (E[m] − e[m])) = N[i+k] − N[i−1] + (k+1)·(S[i−1] − r)
            DoubleVector dp = Vec.laneSums(xv.fma(vw, negR).sub(ep.sub(ev)));
            store(IOTA1.fma(DoubleVector.broadcast(Vec.S, -d), dp).add(nh).div(vdiv), o, i);
            nh += Math.fma(L, -d, dp.lane(L - 1));
            d += ep.lane(L - 1);
        }
        if (i < to) {
            // zero-padded tail through the same vector steps: lane k only combines lanes ≤ k, so every value is
            // bit-identical to what a longer series gives at that bar
            VectorMask<Double> m = Vec.S.indexInRange(i, to);
            DoubleVector xv = DoubleVector.fromMemorySegment(Vec.S, x, i * 8, Vec.LE, m);
            DoubleVector ev = xv.sub(DoubleVector.fromMemorySegment(Vec.S, x, (i - w) * 8, Vec.LE, m));
            DoubleVector ep = Vec.laneSums(ev);
            DoubleVector dp = Vec.laneSums(xv.fma(vw, negR).sub(ep.sub(ev)));
            IOTA1.fma(DoubleVector.broadcast(Vec.S, -d), dp).add(nh).div(vdiv).intoMemorySegment(o, i * 8, Vec.LE, m);
        }
    }

    /** Lanes 1, 2, …, L. */
    private static final DoubleVector IOTA1 = DoubleVector.fromArray(Vec.S, java.util.stream.IntStream.rangeClosed(1, L).asDoubleStream().toArray(), 0);

    // ------------------------------------------------------------------------------------------------------------
    // many windows in one pass

    /** Receives one block of the many-windows SMA. */
    @FunctionalInterface
    public interface BlockConsumer {
        /**
         * @param fromRow first bar of the block
         * @param rows    bars in the block
         * @param block   {@code windows.length × stride} doubles: the SMA of window j at bar {@code fromRow + t} is at
         *                index {@code j·stride + t}; NaN before a window's warm-up. Valid only during the call.
         * @param stride  row stride of {@code block} in doubles (≥ rows)
         */
        void accept(long fromRow, int rows, MemorySegment block, int stride);
    }

    /**
     * SMA of {@code source} for every window in {@code windows} (bars, each in [1, 100000]) into {@code outs[j]}
     * (≥ rows doubles each). One pass of block-restart prefix sums over the source ({@link Vec#blockPrefix}, cached in
     * the series; compensated prefix sums for windows over {@value Vec#BLOCK} bars), then per window two loads, one
     * subtraction (plus a block-boundary correction) and a division per bar, blocked by {@value Vec#BLOCK} bars so
     * the prefix block stays in L1/L2 while all windows sweep it. Bit-identical to the {@code sma} indicator for each
     * window. Numerics: the sums restart every block, so a window sum carries only the roundings of the additions
     * inside it (relative error ~1e-14 on BTC closes; a plain running prefix sum over 1 M bars would reach ~1e-8).
     */
    public static void smaMany(BarSeries bars, Source source, int[] windows, MemorySegment[] outs) {
        checkWindows(windows);
        if (outs.length != windows.length) throw new IllegalArgumentException(outs.length + " outputs for " + windows.length + " windows");
        long n = bars.rows();
        for (MemorySegment o : outs) if (o.byteSize() < n * 8) throw new IllegalArgumentException("output buffer too small: " + o.byteSize() + " bytes for " + n + " bars");
        MemorySegment[] pre = needsCompensated(windows) ? bars.prefixSums(source) : null;
        MemorySegment r = bars.blockSums(source);
        for (long s = 0; s < n; s += Vec.BLOCK) {
            long e = Math.min(n, s + Vec.BLOCK);
            for (int j = 0; j < windows.length; j++) {
                if (windows[j] <= Vec.BLOCK) blocksWindow(r, s, e, windows[j], outs[j], 0);
                else windowBlock(pre[0], pre[1], s, e, windows[j], outs[j], 0);
            }
        }
    }

    /**
     * Streaming form of {@link #smaMany(BarSeries, Source, int[], MemorySegment[])}: computes blocks of
     * {@code blockRows} bars × all windows into one reusable buffer and hands each to {@code consumer}, so a screening
     * kernel can sweep all windows without materialising {@code windows.length × rows} doubles.
     */
    public static void smaMany(BarSeries bars, Source source, int[] windows, int blockRows, BlockConsumer consumer) {
        checkWindows(windows);
        if (blockRows < 1) throw new IllegalArgumentException("blockRows must be >= 1");
        long n = bars.rows();
        MemorySegment[] pre = needsCompensated(windows) ? bars.prefixSums(source) : null;
        MemorySegment r = bars.blockSums(source);
        int stride = (blockRows + L - 1) / L * L;
        MemorySegment block = Scratch.get().buf(5, (long) stride * windows.length);
        MemorySegment[] rows = new MemorySegment[windows.length]; // one slice per window, made once
        for (int j = 0; j < windows.length; j++) rows[j] = block.asSlice((long) j * stride * 8, (long) stride * 8);
        for (long s = 0; s < n; s += blockRows) {
            long e = Math.min(n, s + blockRows);
            for (int j = 0; j < windows.length; j++) {
                if (windows[j] <= Vec.BLOCK) blocksWindow(r, s, e, windows[j], rows[j], s);
                else windowBlock(pre[0], pre[1], s, e, windows[j], rows[j], s);
            }
            consumer.accept(s, (int) (e - s), block, stride);
        }
    }

    private static boolean needsCompensated(int[] windows) {
        for (int w : windows) if (w > Vec.BLOCK) return true;
        return false;
    }

    /** Block-sum means of one window for bars [from, to) into {@code out[i − base]}, NaN before w − 1. */
    private static void blocksWindow(MemorySegment r, long from, long to, int w, MemorySegment out, long base) {
        long start = from >= w - 1 ? from : Math.max(from, (w - 1) / L * L);
        if (start < to) Vec.meanFromBlocks(r, start, to, w, out, base);
        for (long k = from; k < Math.min(to, w - 1); k++) set(out, k - base, Double.NaN);
    }

    private static void checkWindows(int[] windows) {
        for (int w : windows) if (w < 1 || w > ParamSpec.MAX_PERIOD) throw new IllegalArgumentException("SMA window must be in [1, 100000], got " + w);
    }

    /** Window means for bars [from, to) into {@code out[i − base]}. */
    private static void windowBlock(MemorySegment hi, MemorySegment lo, long from, long to, int w, MemorySegment out, long base) {
        int pad = Vec.PAD;
        // start at from when valid, else at the aligned bar at or before w−1 (reads stay at prefix positions ≥ 0);
        // values before w−1 are overwritten with NaN below
        long start = from >= w - 1 ? from : Math.max(from, (w - 1) / L * L);
        DoubleVector vw = DoubleVector.broadcast(Vec.S, (double) w);
        long i = start, upper = start + Math.max(0, to - start) / L * L;
        for (; i < upper; i += L) {
            DoubleVector h = load(hi, i + 1 + pad).sub(load(hi, i + 1 - w + pad));
            DoubleVector l = load(lo, i + 1 + pad).sub(load(lo, i + 1 - w + pad));
            store(h.add(l).div(vw), out, i - base);
        }
        for (; i < to; i++)
            set(out, i - base, ((get(hi, i + 1 + pad) - get(hi, i + 1 - w + pad)) + (get(lo, i + 1 + pad) - get(lo, i + 1 - w + pad))) / w);
        for (long k = from; k < Math.min(to, w - 1); k++) set(out, k - base, Double.NaN);
    }
}
