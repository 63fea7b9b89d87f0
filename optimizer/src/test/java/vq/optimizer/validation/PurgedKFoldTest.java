package vq.optimizer.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.stats.SharpeStatisticsTest;
import vq.optimizer.stats.SyntheticMarkets;

class PurgedKFoldTest {

    @Test
    void purgeAndEmbargoRemoveTheRightSegments() {
        List<PurgedKFold.Fold> f = PurgedKFold.folds(20, 4, 2, 1);
        assertEquals(4, f.size());
        PurgedKFold.Fold second = f.get(1); // test [5, 10)
        assertEquals(5, second.testFrom());
        assertEquals(10, second.testTo());
        boolean[] expected = new boolean[20];
        for (int s = 0; s < 20; s++) expected[s] = s < 3 || s >= 13; // purge 3,4 before; purge 10,11 + embargo 12 after
        assertArrayEquals(expected, second.train());
        boolean[] first = new boolean[20];
        for (int s = 0; s < 20; s++) first[s] = s >= 8; // test [0,5), purge 5,6, embargo 7
        assertArrayEquals(first, f.get(0).train());
        assertThrows(InputException.class, () -> PurgedKFold.folds(20, 1, 0, 0));
        assertThrows(InputException.class, () -> PurgedKFold.folds(4, 2, 5, 0));
    }

    @Test
    void purgeIsTheLookbackInSegments() {
        // 200 one-minute bars are less than a day: one daily segment; 1,441 minutes reach into a second day
        assertEquals(1, PurgedKFold.purgeSegments(200, Intervals.NANOS_PER_MINUTE, Intervals.NANOS_PER_DAY));
        assertEquals(2, PurgedKFold.purgeSegments(1441, Intervals.NANOS_PER_MINUTE, Intervals.NANOS_PER_DAY));
        assertEquals(0, PurgedKFold.purgeSegments(0, Intervals.NANOS_PER_MINUTE, Intervals.NANOS_PER_DAY));
    }

    @Test
    void agreesWithANaiveRecomputation() {
        int days = 120, sets = 5;
        SplittableRandom rnd = new SplittableRandom(9);
        double[][] d = new double[days][sets];
        for (double[] row : d) for (int p = 0; p < sets; p++) row[p] = 0.001 * p + 0.01 * SharpeStatisticsTest.gaussian(rnd);
        SegmentReturns r = SegmentReturns.ofDaily(d, SegmentReturns.dailyBoundaries(0, days));
        List<PurgedKFold.Fold> folds = PurgedKFold.folds(days, 5, 3, 2);
        PurgedKFold.Result res = PurgedKFold.run(r, folds);
        for (int k = 0; k < 5; k++) {
            PurgedKFold.Fold f = folds.get(k);
            int best = -1;
            double bestS = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < sets; p++) {
                assertEquals(Moments.of(WalkForwardTest.column(d, p, f.testFrom(), f.testTo())).annualSharpe(), res.foldSharpe()[k][p], 1e-9);
                double[] train = new double[f.trainSegments()];
                int c = 0;
                for (int s = 0; s < days; s++) if (f.train()[s]) train[c++] = d[s][p];
                double sh = Moments.of(train).sharpe();
                if (sh > bestS) { bestS = sh; best = p; }
            }
            assertEquals(best, res.selected()[k]);
        }
        for (int p = 0; p < sets; p++) {
            double s = 0, ss = 0;
            for (int k = 0; k < 5; k++) { s += res.foldSharpe()[k][p]; ss += res.foldSharpe()[k][p] * res.foldSharpe()[k][p]; }
            assertEquals(s / 5, res.meanSharpe()[p], 1e-12);
            assertEquals(Math.sqrt((ss - s * s / 5) / 4), res.stdSharpe()[p], 1e-9);
        }
    }

    @Test
    void plantedEdgeIsPickedInEveryFoldAndNoiseIsNot() {
        double[] m = SyntheticMarkets.market(771, 0.03, 20, 0.25, 21);
        SegmentReturns r = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(m, 40, 1, 4), 41);
        int purge = PurgedKFold.purgeSegments(40 * 1440, Intervals.NANOS_PER_MINUTE, Intervals.NANOS_PER_DAY);
        PurgedKFold.Result res = PurgedKFold.run(r, PurgedKFold.folds(r.segments(), 5, purge, 1));
        for (int s : res.selected()) assertEquals(19, s);
        assertTrue(res.meanSharpe()[19] > 2, "edge mean fold Sharpe " + res.meanSharpe()[19]);

        double[] noise = SyntheticMarkets.market(771, 0.03, 20, 0, 21);
        SegmentReturns rn = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(noise, 40, 1, 4), 41);
        PurgedKFold.Result rw = PurgedKFold.run(rn, PurgedKFold.folds(rn.segments(), 5, purge, 1));
        double mean = 0;
        for (double v : rw.selectedTestSharpe()) mean += v / 5;
        assertTrue(mean < 1.0, "noise: the training winner's test Sharpe should be ~0, got " + mean);
    }
}
