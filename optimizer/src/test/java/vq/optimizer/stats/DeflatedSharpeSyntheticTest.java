package vq.optimizer.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DSR on synthetic truth: the best of 40 noise strategies is not significant; a planted edge is. */
class DeflatedSharpeSyntheticTest {

    @Test
    void bestNoiseStrategyIsDeflatedAwayAndThePlantedEdgeSurvives() {
        double[] noise = SyntheticMarkets.market(771, 0.03, 20, 0, 31);
        SegmentReturns rn = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(noise, 40, 1, 4), 41);
        double[] dsr = SharpeStatistics.deflatedSharpeAll(rn);
        double max = 0;
        int best = 0;
        for (int p = 0; p < dsr.length; p++) if (dsr[p] > max) { max = dsr[p]; best = p; }
        double bestPsr = 0; // the undeflated PSR(0) of the winner is flattering; the DSR is not
        Moments m = rn.moments(best, 0, rn.segments());
        bestPsr = SharpeStatistics.probabilisticSharpe(m.sharpe(), 0, m.count(), m.skewness(), m.kurtosis());
        assertTrue(max < 0.95, "noise: best DSR " + max);
        assertTrue(bestPsr > max, "PSR(0) " + bestPsr + " must exceed DSR " + max);

        double[] edge = SyntheticMarkets.market(771, 0.03, 20, 0.25, 31);
        SegmentReturns re = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(edge, 40, 1, 4), 41);
        double[] dsrEdge = SharpeStatistics.deflatedSharpeAll(re);
        assertTrue(dsrEdge[19] > 0.95, "planted edge DSR " + dsrEdge[19]);
        int passing = 0;
        for (double v : dsrEdge) if (v > 0.95) passing++;
        assertTrue(passing <= 3, "only the edge (and lags sharing it) may pass, got " + passing);
    }
}
