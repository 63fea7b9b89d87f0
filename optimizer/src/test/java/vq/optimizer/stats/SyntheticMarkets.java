package vq.optimizer.stats;

import java.util.SplittableRandom;

/**
 * Synthetic truth for the overfitting statistics: a daily market and a family of trend-following
 * strategies over it, with or without a planted edge.
 *
 * <p>Market: daily returns r_t = σ·ε_t (a random walk in log price, no edge anywhere) or, with a planted
 * edge at lag H, r_t = κ·σ·sign(r_{t−H}) + σ·ε_t: the sign of the move H days ago predicts today's.
 * Strategy (L, w) (lag L ≥ 1, width w ≥ 1) holds (1/w)·Σ_{i=0..w−1} sign(r_{t−L−i}) on day t and earns
 * that times r_t, minus {@code costBps} per unit of position change. Only sets whose lag window
 * [L, L+w−1] covers H share the edge (diluted by 1/w): a planted region in the (L, w) plane. With κ = 0 no
 * set has any edge.
 */
public final class SyntheticMarkets {
    private SyntheticMarkets() {}

    /** Daily market returns (length {@code days}). */
    public static double[] market(int days, double sigma, int edgeHorizon, double kappa, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] r = new double[days];
        for (int t = 0; t < days; t++) {
            double drift = kappa != 0 && t >= edgeHorizon ? kappa * sigma * Math.signum(r[t - edgeHorizon]) : 0;
            r[t] = drift + sigma * SharpeStatisticsTest.gaussian(rnd);
        }
        return r;
    }

    /**
     * Strategy returns {@code [day][set]} for lags 1..maxLag and widths 1..maxWidth, set index
     * {@code (L−1)·maxWidth + (w−1)}; the first {@code maxLag + maxWidth} days are flat (warm-up).
     */
    public static double[][] lagStrategies(double[] market, int maxLag, int maxWidth, double costBps) {
        int days = market.length, warm = maxLag + maxWidth;
        double[][] out = new double[days][maxLag * maxWidth];
        for (int l = 1; l <= maxLag; l++) {
            for (int w = 1; w <= maxWidth; w++) {
                int set = (l - 1) * maxWidth + (w - 1);
                double prev = 0;
                for (int t = warm; t < days; t++) {
                    double pos = 0;
                    for (int i = 0; i < w; i++) pos += Math.signum(market[t - l - i]);
                    pos /= w;
                    out[t][set] = pos * market[t] - Math.abs(pos - prev) * costBps * 1e-4;
                    prev = pos;
                }
            }
        }
        return out;
    }

    /** The same strategies as accumulators with one segment per day starting 2023-01-01 UTC, warm-up days dropped. */
    public static SegmentReturns dailySegments(double[][] strategyReturns, int warmup) {
        int days = strategyReturns.length - warmup;
        double[][] rows = new double[days][];
        System.arraycopy(strategyReturns, warmup, rows, 0, days);
        return SegmentReturns.ofDaily(rows, SegmentReturns.dailyBoundaries(1_672_531_200_000_000_000L, days));
    }
}
