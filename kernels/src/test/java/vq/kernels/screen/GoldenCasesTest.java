package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vq.kernels.margin.VenueSpec;

/**
 * Hand-computed cases (numbers worked out in the comments, not by re-running the formulas) for the
 * rules of {@link ScreenKernel}; each is checked against the SIMD kernel and the scalar reference.
 * Binance VIP0 fees: taker 0.05 %, maker 0.02 %; BTCUSDT bracket 1: MMR 0.4 %, cum 0, notional &lt; 50,000.
 */
class GoldenCasesTest {
    static final long MIN = 60_000_000_000L, HOUR = 60 * MIN;
    static final VenueSpec VENUE = VenueSpec.binanceFuturesUm();

    static ExecutionSpec spec(Sides sides) {
        return new ExecutionSpec(10_000, 0.0005, 0.0002, 0.0125, VENUE.brackets("BTCUSDT"), sides);
    }

    static BarSeries bars(String startIso, long interval, double[][] ohlc) {
        long t0 = Instant.parse(startIso).toEpochMilli() * 1_000_000L;
        int n = ohlc.length;
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = t0 + i * interval;
            o[i] = ohlc[i][0]; h[i] = ohlc[i][1]; l[i] = ohlc[i][2]; c[i] = ohlc[i][3];
        }
        return new BarSeries("BTCUSDT", interval, ts, o, h, l, c);
    }

    static boolean[] at(int n, int... bars) {
        boolean[] b = new boolean[n];
        for (int i : bars) b[i] = true;
        return b;
    }

    record Both(ScreenResult simd, ReferenceScreen ref) {
        double m(Metric k) {
            double a = simd.metric(0, k), b = ref.metrics()[k.ordinal()];
            assertEquals(b, a, 1e-9 * Math.max(1, Math.abs(b)), "SIMD vs reference: " + k);
            return a;
        }
    }

    static Both run(BarSeries bars, FundingSchedule f, Sides sides, double lev, double frac, double sl, double tp,
                    boolean[] eL, boolean[] xL, boolean[] eS, boolean[] xS) {
        ExecutionSpec spec = spec(sides);
        ScreenResult r = Screener.run(bars, f, spec, LaneParams.uniform(1, lev, frac, sl, tp),
                ArraySignals.single(eL, xL, eS, xS), Windows.none(), new Screener.Options(1, 64, Screener.Kernel.WALK), null);
        ScreenResult lanes = Screener.run(bars, f, spec, LaneParams.uniform(1, lev, frac, sl, tp),
                ArraySignals.single(eL, xL, eS, xS), Windows.none(), new Screener.Options(1, 64, Screener.Kernel.LANES), null);
        org.junit.jupiter.api.Assertions.assertArrayEquals(lanes.metrics(), r.metrics(), "walk vs lanes kernel");
        ReferenceScreen ref = new ReferenceScreen(bars, f, spec, lev, frac, sl, tp, eL, xL, eS, xS).run();
        return new Both(r, ref);
    }

    @Test
    void longThatIsLiquidated() {
        // 10x, 40 % of 10,000 as margin: M = 4,000, notional 40,000 at open 100 -> qty 400, entry fee 20.
        // LP = (M + cum - Q*EP) / (Q*MMR - Q) = (4000 - 40000) / (1.6 - 400) = 90.36144578313254 (bracket 1).
        // Bar 2 trades down to 90 -> liquidated at LP. Price loss 400*(100-90.3614458) = 3855.42;
        // clearance 400*90.3614458*1.25% = 451.81; loss = min(M, 3855.42 + 451.81) = 4000 (the whole margin).
        // Wallet: 10,000 - 20 - 4,000 = 5,980; trade net = -4,020.
        BarSeries b = bars("2024-01-01T00:00:00Z", MIN, new double[][] {
                {100, 100, 100, 100}, {100, 101, 99, 100}, {100, 100, 90, 95}, {95, 96, 94, 95}, {95, 95, 95, 95}});
        int n = b.size();
        Both r = run(b, FundingSchedule.none(b), Sides.LONG, 10, 0.4, Double.NaN, Double.NaN, at(n, 0), at(n), at(n), at(n));
        assertEquals(1, r.m(Metric.LIQUIDATIONS));
        assertEquals(1, r.m(Metric.TRADES));
        assertEquals(5980.0, r.m(Metric.FINAL_EQUITY), 1e-9);
        assertEquals(-4020.0, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(90.36144578313254, r.ref.trades.getFirst().exitPrice(), 1e-12);
        assertEquals(20 + 144.57831325301504, r.m(Metric.FEES), 1e-9);
        // equity marks: after bar 1 close 10,000 - 20 = 9,980 (peak 10,000 at start); after bar 2 5,980
        assertEquals((10_000 - 5_980) / 10_000.0, r.m(Metric.MAX_DRAWDOWN), 1e-12);
        assertEquals(0.0, r.m(Metric.WIN_RATE));
        // exposure: position open at the close of bar 1 only (liquidated in bar 2) -> 1 / 5 bars
        assertEquals(0.2, r.m(Metric.EXPOSURE), 1e-12);
    }

    @Test
    void shortPayingNegativeFunding() {
        // 1h bars from 05:00. Short signal at 05:00's close -> sell at 06:00 open 100, 1x, 50 % margin:
        // notional 5,000, qty 50, fee 2.5. Funding at 08:00 with rate -0.01 % (shorts pay): mark = 08:00 open 102,
        // payment = qty*mark*|rate| = 50*102*0.0001 = 0.51. Exit signal at 08:00's close -> buy at 09:00 open 101:
        // price PnL -50, fee 50*101*0.0005 = 2.525. Net = -50 - 2.5 - 2.525 - 0.51 = -55.535.
        BarSeries b = bars("2024-01-01T05:00:00Z", HOUR, new double[][] {
                {100, 100, 100, 100}, {100, 101, 99, 100}, {100, 102, 99, 102}, {102, 103, 101, 101}, {101, 101, 100, 100}});
        long t8 = Instant.parse("2024-01-01T08:00:00.004Z").toEpochMilli() * 1_000_000L;
        FundingSchedule f = FundingSchedule.of(b, new long[] {t8}, new double[] {-0.0001}, null, null, "test");
        int n = b.size();
        Both r = run(b, f, Sides.BOTH, 1, 0.5, Double.NaN, Double.NaN, at(n), at(n), at(n, 0), at(n, 3));
        assertEquals(0.51, r.m(Metric.FUNDING), 1e-12);
        assertEquals(-55.535, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(10_000 - 55.535, r.m(Metric.FINAL_EQUITY), 1e-9);
        assertEquals(5.025, r.m(Metric.FEES), 1e-12);
        assertEquals(1, r.m(Metric.TRADES));
    }

    @Test
    void stopAndTakeProfitInOneBarStopWins() {
        // Long at open 100 (1x, 100 %: qty 100, fee 5). Stop 2 % -> 98, take 3 % -> 103. Bar 2 ranges 97..104:
        // the adverse extreme is visited first -> stop at 98 (taker fee 100*98*0.0005 = 4.9).
        // Net = -200 - 5 - 4.9 = -209.9.
        BarSeries b = bars("2024-01-01T00:00:00Z", MIN, new double[][] {
                {100, 100, 100, 100}, {100, 100.5, 99.5, 100}, {100, 104, 97, 101}, {101, 101, 101, 101}});
        int n = b.size();
        Both r = run(b, FundingSchedule.none(b), Sides.LONG, 1, 1, 0.02, 0.03, at(n, 0), at(n), at(n), at(n));
        assertEquals(1, r.m(Metric.STOP_LOSSES));
        assertEquals(0, r.m(Metric.TAKE_PROFITS));
        assertEquals(-209.9, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(10_000 - 209.9, r.m(Metric.FINAL_EQUITY), 1e-9);
        // the same trade as R multiple: risk = 100 * 2 = 200 -> -1.0495 R
        assertEquals(-209.9 / 200, r.m(Metric.AVG_R_MULTIPLE), 1e-12);
    }

    @Test
    void takeProfitFillsMakerWhenNoAdverseTouch() {
        // Long at 100, take 3 % -> 103; bar 2 ranges 99.5..104 -> take-profit at 103, maker fee 100*103*0.0002 = 2.06.
        // Net = 300 - 5 - 2.06 = 292.94.
        BarSeries b = bars("2024-01-01T00:00:00Z", MIN, new double[][] {
                {100, 100, 100, 100}, {100, 100.5, 99.5, 100}, {100, 104, 99.5, 101}, {101, 101, 101, 101}});
        int n = b.size();
        Both r = run(b, FundingSchedule.none(b), Sides.LONG, 1, 1, 0.02, 0.03, at(n, 0), at(n), at(n), at(n));
        assertEquals(1, r.m(Metric.TAKE_PROFITS));
        assertEquals(292.94, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(10_000 + 292.94, r.m(Metric.FINAL_EQUITY), 1e-9);
    }

    @Test
    void gapThroughStopFillsAtTheOpen() {
        // Long at 100, stop 2 % -> 98. Bar 2 opens at 95 (gap below the stop) -> stop fills at 95, not 98.
        // Net = -500 - 5 - 100*95*0.0005 (4.75) = -509.75.
        BarSeries b = bars("2024-01-01T00:00:00Z", MIN, new double[][] {
                {100, 100, 100, 100}, {100, 100.5, 99.5, 100}, {95, 96, 94, 95}, {95, 95, 95, 95}});
        int n = b.size();
        Both r = run(b, FundingSchedule.none(b), Sides.LONG, 1, 1, 0.02, Double.NaN, at(n, 0), at(n), at(n), at(n));
        assertEquals(95.0, r.ref.trades.getFirst().exitPrice());
        assertEquals(-509.75, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(10_000 - 509.75, r.m(Metric.FINAL_EQUITY), 1e-9);
    }

    @Test
    void tradeAcrossAFundingTime() {
        // 1h bars from 06:00; long 2x at 07:00 open 100 with 50 % margin: notional 10,000, qty 100, fee 5.
        // Funding stamped 08:00:00.015 (Binance jitter) at +0.03 % is charged at the 08:00 bar's open 104 (mark = bar
        // open, no mark bars): 100*104*0.0003 = 3.12 paid by the long. Exit signal at 08:00's close -> sell at 09:00
        // open 106: price PnL 600, fee 100*106*0.0005 = 5.3. Net = 600 - 5 - 5.3 - 3.12 = 586.58.
        BarSeries b = bars("2024-01-01T06:00:00Z", HOUR, new double[][] {
                {99, 100, 98, 100}, {100, 103, 99, 103}, {104, 105, 103, 105}, {106, 106, 105, 105}});
        long t8 = Instant.parse("2024-01-01T08:00:00.015Z").toEpochMilli() * 1_000_000L;
        FundingSchedule f = FundingSchedule.of(b, new long[] {t8}, new double[] {0.0003}, null, null, "test");
        int n = b.size();
        Both r = run(b, f, Sides.LONG, 2, 0.5, Double.NaN, Double.NaN, at(n, 0), at(n, 2), at(n), at(n));
        assertEquals(3.12, r.m(Metric.FUNDING), 1e-12);
        assertEquals(586.58, r.ref.trades.getFirst().netPnl(), 1e-9);
        assertEquals(10_000 + 586.58, r.m(Metric.FINAL_EQUITY), 1e-9);
        assertEquals(3.12, r.ref.trades.getFirst().funding(), 1e-12);
    }

    @Test
    void fundingDuringADataGapIsChargedAtTheNextBar() {
        // Bars at 07:00 and 09:00 (08:00 missing). Funding at 08:00 is charged at the 09:00 bar's open (before fills).
        BarSeries full = bars("2024-01-01T06:00:00Z", HOUR, new double[][] {
                {100, 100, 100, 100}, {100, 100, 100, 100}, {1, 1, 1, 1}, {110, 110, 110, 110}, {110, 110, 110, 110}});
        long[] ts = {full.tsNanos()[0], full.tsNanos()[1], full.tsNanos()[3], full.tsNanos()[4]};
        double[] p = {100, 100, 110, 110};
        BarSeries b = new BarSeries("BTCUSDT", HOUR, ts, p, p, p, p);
        long t8 = Instant.parse("2024-01-01T08:00:00Z").toEpochMilli() * 1_000_000L;
        FundingSchedule f = FundingSchedule.of(b, new long[] {t8}, new double[] {0.001}, null, null, "test");
        assertEquals(0.001, f.rate(2));
        assertEquals(110.0, f.mark(2));
        assertEquals(Double.NaN, f.rate(1));
    }
}
