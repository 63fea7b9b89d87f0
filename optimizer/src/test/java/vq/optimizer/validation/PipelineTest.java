package vq.optimizer.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.margin.VenueSpec;
import vq.kernels.screen.BarSeries;
import vq.kernels.screen.ExecutionSpec;
import vq.kernels.screen.FundingSchedule;
import vq.kernels.screen.LaneParams;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;
import vq.kernels.screen.Sides;
import vq.kernels.screen.SignalBlock;
import vq.kernels.screen.SignalSource;
import vq.optimizer.stats.Cscv;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.stats.SharpeStatisticsTest;
import vq.optimizer.stats.SyntheticMarkets;

class PipelineTest {
    static final long DAY0 = 1_672_531_200_000_000_000L; // 2023-01-01

    @Test
    void planEdgesCoverEveryStatisticAndCoarseAccumulatorsGiveTheDailyAnswers() {
        double[] m = SyntheticMarkets.market(771, 0.03, 20, 0.25, 51);
        SegmentReturns daily = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(m, 40, 1, 4), 41);
        long from = daily.startNanos(0), to = daily.startNanos(daily.segments());
        AnalysisPlan plan = AnalysisPlan.defaults(from, to, 2);
        long[] edges = plan.edges();
        assertTrue(edges.length < 120, "coarse tiling, got " + edges.length + " edges for " + plan.days() + " days");
        SegmentReturns coarse = daily.coarsen(edges);

        WalkForward.Result a = WalkForward.run(daily, plan.walkForward(daily), WalkForward.Objective.SHARPE);
        WalkForward.Result b = WalkForward.run(coarse, plan.walkForward(coarse), WalkForward.Objective.SHARPE);
        assertArrayEquals(a.selected(), b.selected());
        assertArrayEquals(a.efficiency(), b.efficiency(), 1e-9);
        assertArrayEquals(a.oosSharpe(), b.oosSharpe(), 1e-9);
        assertEquals(a.stitchedSharpe(), b.stitchedSharpe(), 1e-9);

        PurgedKFold.Result ka = PurgedKFold.run(daily, plan.purgedFolds(daily));
        PurgedKFold.Result kb = PurgedKFold.run(coarse, plan.purgedFolds(coarse));
        assertArrayEquals(ka.meanSharpe(), kb.meanSharpe(), 1e-9);
        assertArrayEquals(ka.selected(), kb.selected());

        Cscv.Result ca = Cscv.run(daily, plan.cscvGroupEdges(daily), Cscv.Metric.SHARPE);
        Cscv.Result cb = Cscv.run(coarse, plan.cscvGroupEdges(coarse), Cscv.Metric.SHARPE);
        assertEquals(ca.pbo(), cb.pbo(), 0);
        assertArrayEquals(ca.logits(), cb.logits(), 1e-12);
    }

    @Test
    void funnelOnSyntheticTruth() {
        double[] noise = SyntheticMarkets.market(771, 0.03, 20, 0, 61);
        SegmentReturns rn = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(noise, 40, 1, 4), 41);
        AnalysisPlan plan = AnalysisPlan.defaults(rn.startNanos(0), rn.startNanos(rn.segments()), 2);
        List<String> all = OverfittingFilters.parse("dsr,wfa,pbo,pkfold");
        OverfittingFilters.Report n = OverfittingFilters.run(rn, null, null, plan, all, OverfittingFilters.Thresholds.defaults());
        assertEquals(40, n.funnel()[0]);
        assertEquals(0, n.funnel()[4], "no noise strategy may survive all filters: " + Arrays.toString(n.funnel()));
        assertTrue(n.funnel()[1] <= 2, "DSR lets at most a fluke through: " + Arrays.toString(n.funnel()));

        double[] edge = SyntheticMarkets.market(771, 0.03, 20, 0.25, 61);
        SegmentReturns re = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(edge, 40, 1, 4), 41);
        OverfittingFilters.Report e = OverfittingFilters.run(re, null, null, plan,
                all, new OverfittingFilters.Thresholds(0.95, 0.5, 0.5, 0.5, 0.5, 3.0));
        for (OverfittingFilters.Outcome o : e.outcomes()) assertTrue(o.passed()[19], o.filter() + " must pass the planted lag-20 edge");
        assertTrue(e.funnel()[4] >= 1 && e.funnel()[4] <= 3, "planted edge funnel " + Arrays.toString(e.funnel()));
        assertThrows(InputException.class, () -> OverfittingFilters.parse("dsr,foo"));
        assertThrows(InputException.class, () -> OverfittingFilters.parse("dsr,dsr"));
    }

    /** A real screen pass over a daily tiling: the recovered power sums reproduce the screen's own whole-span Sharpe. */
    @Test
    void screenTilingRoundTrip() {
        int days = 60, perDay = 24, n = days * perDay, sets = 12;
        long hour = Intervals.NANOS_PER_HOUR;
        SplittableRandom rnd = new SplittableRandom(77);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        double px = 30_000;
        for (int i = 0; i < n; i++) {
            ts[i] = DAY0 + i * hour;
            double next = px * Math.exp(0.006 * SharpeStatisticsTest.gaussian(rnd));
            o[i] = px; c[i] = next;
            h[i] = Math.max(px, next) * (1 + 0.001 * rnd.nextDouble());
            l[i] = Math.min(px, next) * (1 - 0.001 * rnd.nextDouble());
            px = next;
        }
        BarSeries bars = new BarSeries("BTCUSDT", hour, ts, o, h, l, c);
        SignalSource momentum = new SignalSource() {
            @Override public int parameterSets() { return sets; }

            @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
                out.clear(setTo - setFrom);
                for (int s = setFrom; s < setTo; s++) {
                    int lb = 2 + 3 * s;
                    for (int i = Math.max(barFrom, lb); i < barTo; i++) {
                        boolean up = c[i] > c[i - lb];
                        out.set(up ? out.enterLong : out.exitLong, s - setFrom, i - barFrom);
                        out.set(up ? out.exitShort : out.enterShort, s - setFrom, i - barFrom);
                    }
                }
            }
        };
        VenueSpec venue = VenueSpec.binanceFuturesUm();
        ExecutionSpec spec = new ExecutionSpec(10_000, 0.0005, 0.0002, venue.symbol("BTCUSDT").liquidationClearanceFeeRate(), venue.brackets("BTCUSDT"), Sides.BOTH);
        long[] edges = SegmentReturns.dailyBoundaries(DAY0, days);
        ScreenResult res = Screener.run(bars, FundingSchedule.none(bars), spec, LaneParams.uniform(sets, 2, 0.5, Double.NaN, Double.NaN),
                momentum, ScreenSegments.tiling(edges), new Screener.Options(1, 256), null);
        SegmentReturns r = ScreenSegments.fromScreen(res, edges);
        for (int s = 0; s < sets; s++) {
            Moments m = r.moments(s, 0, r.segments());
            assertEquals(res.metric(s, Metric.DAILY_RETURNS), m.count(), 0, "days of set " + s);
            assertEquals(res.metric(s, Metric.SHARPE), m.annualSharpe(), 1e-9 * Math.max(1, Math.abs(m.annualSharpe())), "Sharpe of set " + s);
        }
    }
}
