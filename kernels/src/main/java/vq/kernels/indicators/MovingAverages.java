package vq.kernels.indicators;

import static vq.kernels.indicators.Vec.L;
import static vq.kernels.indicators.Vec.fillNaN;
import static vq.kernels.indicators.Vec.get;
import static vq.kernels.indicators.Vec.load;
import static vq.kernels.indicators.Vec.set;
import static vq.kernels.indicators.Vec.store;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;

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
     * WMA: {@code Σ_{j<w} (w−j)·x[i−j] / (w(w+1)/2)}. Windows up to 64 bars are a direct SIMD convolution (w FMAs per
     * L outputs, no drift); longer windows use the running form {@code W[i] = W[i−1] + w·x[i] − S[i−1]} (S = simple
     * sum of the previous w bars, from compensated prefix sums) as a vector scan, like TA-Lib's running sums.
     */
    static void wma(BarSeries bars, Params p, Source src, MemorySegment[] out) {
        int w = p.getInt("period");
        long n = bars.rows();
        MemorySegment x = bars.column(src), o = out[0];
        double div = (double) w * (w + 1) / 2.0;
        fillNaN(o, 0, Math.min(n, w - 1));
        if (w - 1 >= n) return;
        if (w <= 64) {
            for (long s = w - 1; s < n; s += Vec.BLOCK) wmaBlock(x, s, Math.min(n, s + Vec.BLOCK), w, div, o);
            return;
        }
        MemorySegment[] pre = bars.prefixSums(src);
        MemorySegment hi = pre[0], lo = pre[1];
        double w0 = 0;
        for (int j = 0; j < w; j++) w0 += (j + 1) * get(x, j);
        // b[i] = w*x[i] - (P[i] - P[i-w]) for i >= w, into o, then scanned in place with a = 1
        set(o, w - 1, w0);
        long i = w, upper = w + (n - w) / L * L;
        DoubleVector vw = DoubleVector.broadcast(Vec.S, (double) w);
        for (; i < upper; i += L) {
            DoubleVector sPrev = load(hi, i + Vec.PAD).sub(load(hi, i - w + Vec.PAD)).add(load(lo, i + Vec.PAD).sub(load(lo, i - w + Vec.PAD)));
            store(load(x, i).mul(vw).sub(sPrev), o, i);
        }
        for (; i < n; i++) set(o, i, w * get(x, i) - ((get(hi, i + Vec.PAD) - get(hi, i - w + Vec.PAD)) + (get(lo, i + Vec.PAD) - get(lo, i - w + Vec.PAD))));
        Vec.scan(o, o, w, n, 1.0, 1.0, w0);
        i = w - 1;
        upper = i + (n - i) / L * L;
        DoubleVector vd = DoubleVector.broadcast(Vec.S, div);
        for (; i < upper; i += L) store(load(o, i).div(vd), o, i);
        for (; i < n; i++) set(o, i, get(o, i) / div);
    }

    private static void wmaBlock(MemorySegment x, long from, long to, int w, double div, MemorySegment o) {
        DoubleVector vd = DoubleVector.broadcast(Vec.S, div);
        long i = from, upper = from + (to - from) / L * L;
        for (; i < upper; i += L) {
            // four independent FMA chains (j mod 4) so the loop is bound by FMA throughput, not by its latency
            DoubleVector a0 = load(x, i).mul((double) w);
            DoubleVector a1 = DoubleVector.zero(Vec.S), a2 = DoubleVector.zero(Vec.S), a3 = DoubleVector.zero(Vec.S);
            int j = 1;
            for (; j + 3 < w; j += 4) {
                a1 = load(x, i - j).fma(DoubleVector.broadcast(Vec.S, (double) (w - j)), a1);
                a2 = load(x, i - j - 1).fma(DoubleVector.broadcast(Vec.S, (double) (w - j - 1)), a2);
                a3 = load(x, i - j - 2).fma(DoubleVector.broadcast(Vec.S, (double) (w - j - 2)), a3);
                a0 = load(x, i - j - 3).fma(DoubleVector.broadcast(Vec.S, (double) (w - j - 3)), a0);
            }
            for (; j < w; j++) a1 = load(x, i - j).fma(DoubleVector.broadcast(Vec.S, (double) (w - j)), a1);
            store(a0.add(a1).add(a2.add(a3)).div(vd), o, i);
        }
        for (; i < to; i++) { // the same four chains and the same final additions as the vector lanes
            double a0 = get(x, i) * w, a1 = 0, a2 = 0, a3 = 0;
            int j = 1;
            for (; j + 3 < w; j += 4) {
                a1 = Math.fma(get(x, i - j), (double) (w - j), a1);
                a2 = Math.fma(get(x, i - j - 1), (double) (w - j - 1), a2);
                a3 = Math.fma(get(x, i - j - 2), (double) (w - j - 2), a3);
                a0 = Math.fma(get(x, i - j - 3), (double) (w - j - 3), a0);
            }
            for (; j < w; j++) a1 = Math.fma(get(x, i - j), (double) (w - j), a1);
            set(o, i, ((a0 + a1) + (a2 + a3)) / div);
        }
    }

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
        for (long s = 0; s < n; s += blockRows) {
            long e = Math.min(n, s + blockRows);
            for (int j = 0; j < windows.length; j++) {
                MemorySegment row = block.asSlice((long) j * stride * 8, (long) stride * 8);
                if (windows[j] <= Vec.BLOCK) blocksWindow(r, s, e, windows[j], row, s);
                else windowBlock(pre[0], pre[1], s, e, windows[j], row, s);
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
