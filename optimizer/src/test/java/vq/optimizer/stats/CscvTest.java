package vq.optimizer.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;

class CscvTest {

    /**
     * Hand-checked: S = 4 groups of one day, N = 3 sets, performance = mean return.
     * <pre>
     *          A   B   C
     * day 0    3   1   2
     * day 1    3   1   2
     * day 2   −1   2   0
     * day 3   −1   2   0
     * </pre>
     * Combinations of 2 groups in lexicographic order: {0,1} picks A in sample (3), out of sample A is worst
     * (−1): rank 1, ω = 1/4, λ = ln(1/3). {0,2},{0,3},{1,2},{1,3}: in sample = out of sample = (1, 1.5, 1),
     * B is best in both: rank 3, ω = 3/4, λ = ln 3. {2,3} picks B (2), out of sample B is worst (1): λ = ln(1/3).
     * PBO = 2/6.
     */
    @Test
    void handCheckedExample() {
        double[][] r = {{3, 1, 2}, {3, 1, 2}, {-1, 2, 0}, {-1, 2, 0}};
        // scale to plausible daily returns; ranks are scale-free
        for (double[] row : r) for (int i = 0; i < row.length; i++) row[i] /= 100;
        SegmentReturns sr = SegmentReturns.ofDaily(r, SegmentReturns.dailyBoundaries(0, 4));
        Cscv.Result res = Cscv.run(sr, 4, Cscv.Metric.MEAN_RETURN);
        assertEquals(6, res.combinations());
        double lo = Math.log(1.0 / 3), hi = Math.log(3);
        assertArrayEquals(new double[] {lo, hi, hi, hi, hi, lo}, res.logits(), 1e-12);
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1}, res.selected());
        assertEquals(2.0 / 6, res.pbo(), 1e-15);
        assertEquals(0.01, res.oosPerformance()[5], 1e-15);
        assertEquals(1.0 / 6, res.probabilityOfLoss(), 1e-15); // only {0,1}: A earns −1 % out of sample
    }

    @Test
    void noiseStrategiesAreOverfitAndAPlantedEdgeIsNot() {
        int days = 730, maxL = 40;
        double[] noise = SyntheticMarkets.market(days, 0.03, 20, 0, 11);
        Cscv.Result rw = Cscv.run(SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(noise, maxL, 1, 4), maxL + 1), 16, Cscv.Metric.SHARPE);
        assertEquals(12870, rw.combinations());
        // no set has an edge: the in-sample winner lands anywhere out of sample, PBO near 1/2 or above
        assertTrue(rw.pbo() > 0.3, "random walk PBO " + rw.pbo());

        double[] edge = SyntheticMarkets.market(days, 0.03, 20, 0.25, 11);
        Cscv.Result pe = Cscv.run(SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(edge, maxL, 1, 4), maxL + 1), 16, Cscv.Metric.SHARPE);
        assertTrue(pe.pbo() < 0.1, "planted edge PBO " + pe.pbo());
        assertTrue(pe.pbo() < rw.pbo());
    }

    @Test
    void rejectsBadInput() {
        SegmentReturns sr = SegmentReturns.ofDaily(new double[][] {{0.01, 0.02}, {0.0, 0.01}}, SegmentReturns.dailyBoundaries(0, 2));
        assertThrows(InputException.class, () -> Cscv.run(sr, 3, Cscv.Metric.SHARPE));
        assertThrows(InputException.class, () -> Cscv.run(sr, 4, Cscv.Metric.SHARPE));
    }

    @Property(tries = 40)
    void pboIsAProbabilityAndEveryCombinationIsCounted(@ForAll @IntRange(min = 1, max = 4) int halfS,
                                                       @ForAll @IntRange(min = 2, max = 30) int sets,
                                                       @ForAll long seed) {
        int s = 2 * halfS, days = s * 5;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] r = new double[days][sets];
        for (double[] row : r) for (int p = 0; p < sets; p++) row[p] = 0.01 * SharpeStatisticsTest.gaussian(rnd);
        Cscv.Result res = Cscv.run(SegmentReturns.ofDaily(r, SegmentReturns.dailyBoundaries(0, days)), s, Cscv.Metric.SHARPE);
        assertEquals(Cscv.binomial(s, halfS), res.combinations());
        assertTrue(res.pbo() >= 0 && res.pbo() <= 1);
        for (double l : res.logits()) assertTrue(Double.isFinite(l));
    }
}
