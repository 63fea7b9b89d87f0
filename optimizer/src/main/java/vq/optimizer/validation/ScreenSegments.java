package vq.optimizer.validation;

import vq.columnar.InputException;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.WindowMetric;
import vq.kernels.screen.Windows;
import vq.optimizer.stats.SegmentReturns;

/**
 * Bridge from the SIMD screen ({@code vq.kernels.screen}) to the statistics: the screen is run once with a
 * <b>tiling</b> of disjoint windows (one per segment of {@link AnalysisPlan#edges()}), and its per-window
 * statistics become {@link SegmentReturns}.
 *
 * <p>Per window the screen reports days n, mean daily return m and annualized Sharpe S of the daily returns
 * (sample std) and the equity return R. The power sums follow exactly: Σr = n·m,
 * Σr² = (n−1)·sd² + (Σr)²/n with sd = m·√365/S (sd = 0 when the screen reports no Sharpe because the
 * deviation is zero, and for n = 1), Σ ln(1+r) is taken as ln(1+R). Σr³ and Σr⁴ are not reported per window,
 * so they are NaN: the skewness and kurtosis for the DSR come from the screen's whole-span
 * {@code skewness}/{@code kurtosis} metrics ({@link #skewness}, {@link #kurtosis}). A window whose mean is
 * exactly 0 while its deviation is not (Sharpe 0) cannot be inverted: its Σr² is NaN and every union
 * containing it has an undefined Sharpe.
 */
public final class ScreenSegments {
    private ScreenSegments() {}

    /** The tiling to hand to the screen: window i = {@code [edges[i], edges[i+1])}. */
    public static Windows tiling(long[] edges) {
        if (edges.length < 2) throw new InputException("a tiling needs at least 2 edges");
        long[] s = new long[edges.length - 1], e = new long[edges.length - 1];
        for (int i = 0; i < s.length; i++) { s[i] = edges[i]; e[i] = edges[i + 1]; }
        return new Windows(s, e);
    }

    /**
     * Accumulators from a screen run over {@link #tiling(long[])} of {@code edges}.
     *
     * @throws InputException if the result's window count does not match the edges
     */
    public static SegmentReturns fromScreen(ScreenResult result, long[] edges) {
        int segs = edges.length - 1;
        if (result.windowCount() != segs) throw new InputException("screen result has " + result.windowCount() + " windows, the tiling has " + segs + " segments");
        SegmentReturns r = new SegmentReturns(edges, result.sets());
        double q = Math.sqrt(365.0);
        for (int p = 0; p < result.sets(); p++) {
            for (int w = 0; w < segs; w++) {
                double n = result.window(p, w, WindowMetric.DAYS);
                if (!(n > 0)) continue;
                double m = result.window(p, w, WindowMetric.MEAN_DAILY_RETURN);
                double sharpe = result.window(p, w, WindowMetric.SHARPE);
                double s1 = n * m;
                double s2;
                if (n < 2 || Double.isNaN(sharpe)) s2 = s1 * s1 / n;
                else if (sharpe == 0) s2 = Double.NaN;
                else {
                    double sd = m * q / sharpe;
                    s2 = (n - 1) * sd * sd + s1 * s1 / n;
                }
                double total = result.window(p, w, WindowMetric.TOTAL_RETURN);
                r.addSums(w, p, n, s1, s2, Double.NaN, Double.NaN, Math.log1p(total));
            }
        }
        return r;
    }

    /** Whole-span skewness γ₃ per set from the screen. */
    public static double[] skewness(ScreenResult result) { return column(result, Metric.SKEWNESS); }

    /** Whole-span kurtosis γ₄ (non-excess) per set from the screen. */
    public static double[] kurtosis(ScreenResult result) { return column(result, Metric.KURTOSIS); }

    private static double[] column(ScreenResult result, Metric m) {
        double[] out = new double[result.sets()];
        for (int p = 0; p < out.length; p++) out[p] = result.metric(p, m);
        return out;
    }
}
