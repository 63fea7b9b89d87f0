package vq.optimizer.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.stats.SharpeStatisticsTest;
import vq.optimizer.stats.SyntheticMarkets;

class WalkForwardTest {
    static final long DAY0 = 1_672_531_200_000_000_000L; // 2023-01-01

    @Test
    void seedPlanGivesThirteenWindowsOnTwoYears() {
        SegmentReturns r = new SegmentReturns(SegmentReturns.dailyBoundaries(DAY0, 730), 1);
        List<WalkForward.Window> w = WalkForward.rolling(r, 270, 90, 30);
        assertEquals(13, w.size());
        assertEquals(new WalkForward.Window(0, 0, 270, 270, 360, 300), w.get(0));
        assertEquals(new WalkForward.Window(12, 360, 630, 630, 720, 720), w.get(12));
        List<WalkForward.Window> a = WalkForward.anchored(r, 270, 90, 30);
        assertEquals(13, a.size());
        assertEquals(new WalkForward.Window(12, 0, 630, 630, 720, 720), a.get(12));
        assertThrows(InputException.class, () -> WalkForward.rolling(r, 700, 90, 30));
        assertThrows(InputException.class, () -> WalkForward.rolling(r, 270, 0, 30));
    }

    /** Every output against a plain re-computation from the daily matrix (the reference implementation). */
    @Test
    void agreesWithANaiveRecomputationFromDailyReturns() {
        int days = 200, sets = 7;
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] d = new double[days][sets];
        for (double[] row : d) for (int p = 0; p < sets; p++) row[p] = 0.0005 * (p - 3) + 0.01 * SharpeStatisticsTest.gaussian(rnd);
        SegmentReturns r = SegmentReturns.ofDaily(d, SegmentReturns.dailyBoundaries(DAY0, days));
        List<WalkForward.Window> windows = WalkForward.rolling(r, 60, 30, 20);
        WalkForward.Result res = WalkForward.run(r, windows, WalkForward.Objective.SHARPE);
        int nw = windows.size();
        double selIs = 0, selOos = 0, eq = 1;
        int eqAt = 0;
        double[] stitchedDaily = new double[days];
        int stitchedCount = 0;
        for (int w = 0; w < nw; w++) {
            WalkForward.Window win = windows.get(w);
            int best = -1;
            double bestSharpe = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < sets; p++) {
                double[] is = column(d, p, win.trainFrom(), win.trainTo()), oos = column(d, p, win.testFrom(), win.testTo());
                assertEquals(mean(is) * 365, res.isRate()[w][p], 1e-12);
                assertEquals(mean(oos) * 365, res.oosRate()[w][p], 1e-12);
                double s = Moments.of(is).sharpe();
                if (s > bestSharpe) { bestSharpe = s; best = p; }
            }
            assertEquals(best, res.selected()[w]);
            selIs += mean(column(d, best, win.trainFrom(), win.trainTo())) * 365;
            selOos += mean(column(d, best, win.testFrom(), win.testTo())) * 365;
            for (int t = win.testFrom(); t < win.stitchTo(); t++) {
                eq *= 1 + d[t][best];
                assertEquals(eq, res.stitchedEquity()[eqAt], 1e-12);
                assertEquals(DAY0 + (t + 1) * 86_400_000_000_000L, res.stitchedEquityEndNanos()[eqAt]);
                eqAt++;
                stitchedDaily[stitchedCount++] = d[t][best];
            }
        }
        assertEquals(eqAt, res.stitchedEquity().length);
        assertEquals(selOos / selIs, res.selectionEfficiency(), 1e-12);
        double[] st = java.util.Arrays.copyOf(stitchedDaily, stitchedCount);
        assertEquals(Moments.of(st).annualSharpe(), res.stitchedSharpe(), 1e-9);
        for (int p = 0; p < sets; p++) {
            double mi = 0, mo = 0, prof = 0;
            double[] pooled = new double[days];
            int pc = 0;
            for (WalkForward.Window win : windows) {
                mi += mean(column(d, p, win.trainFrom(), win.trainTo())) * 365;
                mo += mean(column(d, p, win.testFrom(), win.testTo())) * 365;
                double g = 1;
                for (double x : column(d, p, win.testFrom(), win.testTo())) g *= 1 + x;
                if (g > 1) prof++;
                for (int t = win.testFrom(); t < win.stitchTo(); t++) pooled[pc++] = d[t][p];
            }
            assertEquals(mi > 0 ? mo / mi : Double.NaN, res.efficiency()[p], 1e-12);
            assertEquals(prof / nw, res.profitableShare()[p], 1e-15);
            assertEquals(Moments.of(java.util.Arrays.copyOf(pooled, pc)).annualSharpe(), res.oosSharpe()[p], 1e-9);
        }
    }

    @Test
    void randomWalkHasNoWalkForwardEfficiencyAndAPlantedEdgeKeepsIt() {
        int days = 730 + 41, maxLag = 40;
        double effSum = 0;
        int seeds = 6;
        for (int seed = 0; seed < seeds; seed++) {
            double[] m = SyntheticMarkets.market(days, 0.03, 20, 0, 100 + seed);
            SegmentReturns r = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(m, maxLag, 1, 4), 41);
            WalkForward.Result res = WalkForward.run(r, WalkForward.rolling(r, 270, 90, 30), WalkForward.Objective.SHARPE);
            effSum += res.selectionEfficiency();
        }
        double meanEff = effSum / seeds;
        assertTrue(Math.abs(meanEff) < 0.35, "random-walk WF efficiency should be ~0, got " + meanEff);

        double[] m = SyntheticMarkets.market(days, 0.03, 20, 0.25, 7);
        SegmentReturns r = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(m, maxLag, 1, 4), 41);
        WalkForward.Result res = WalkForward.run(r, WalkForward.rolling(r, 270, 90, 30), WalkForward.Objective.SHARPE);
        int[] all19 = new int[res.selected().length];
        java.util.Arrays.fill(all19, 19); // lag 20 is set index 19
        assertArrayEquals(all19, res.selected());
        assertTrue(res.selectionEfficiency() > 0.5, "planted edge efficiency " + res.selectionEfficiency());
        assertTrue(res.selectionProfitableShare() > 0.5);
        assertTrue(res.stitchedSharpe() > 2, "stitched OOS Sharpe " + res.stitchedSharpe());
        assertTrue(res.efficiency()[19] > 0.5 && res.profitableShare()[19] > 0.5);
    }

    static double[] column(double[][] d, int p, int from, int to) {
        double[] out = new double[to - from];
        for (int t = from; t < to; t++) out[t - from] = d[t][p];
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
