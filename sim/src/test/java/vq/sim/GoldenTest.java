package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import vq.kernels.margin.Liquidation;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.order.Orders;
import vq.sim.report.EventLog;
import vq.sim.report.JsonlEventLog;
import vq.sim.strategy.SignalStrategy;
import vq.sim.strategy.SignalStrategy.Exits;
import vq.sim.strategy.SignalStrategy.Signals;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/** Hand-computed cases of the DESIGN.md §6 rules. Fees: Binance VIP0, maker 2 bp, taker 5 bp. */
class GoldenTest {
    static final VenueSpec V = VenueSpec.binanceFuturesUm();
    static final double TAKER = 0.0005, MAKER = 0.0002;

    static RunResult run(SimConfig cfg, SymbolFeed f, boolean[] el, boolean[] xl, boolean[] es, boolean[] xs, Exits ex, EventLog log) {
        var sig = new Signals(Signals.bits(el), Signals.bits(xl), Signals.bits(es), Signals.bits(xs), null);
        return RunResult.run(new Simulator(cfg, new SymbolFeed[] {f}, new SignalStrategy(new Signals[] {sig}, ex), log));
    }

    @Test
    void marketEntryFillsAtNextOpenWithTakerFee() {
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {100, 101, 99, 100}, {102, 103, 101, 102}, {102, 104, 101, 103}, {103, 103, 100, 101}});
        int n = 4;
        SimConfig cfg = SimConfig.screening(V, 2, 0.5, 10_000);
        RunResult r = run(cfg, f, Bars.at(n, 0), Bars.at(n, 2), new boolean[n], new boolean[n], Exits.NONE, EventLog.NONE);
        assertEquals(1, r.trades().size);
        // signal at close of bar 0 → fill at open of bar 1 = 102; margin 5,000 × 2 = 10,000 notional
        assertEquals(Bars.T0 + Bars.MIN, r.trades().entryTs[0]);
        assertEquals(102, r.trades().entryPx[0]);
        double qty = 10_000 / 102.0;
        assertEquals(qty, r.trades().qty[0], 1e-12);
        // exit signal at close of bar 2 → fill at open of bar 3 = 103
        assertEquals(103, r.trades().exitPx[0]);
        assertEquals(Orders.R_SIGNAL, r.trades().exitReason[0]);
        double fees = qty * 102 * TAKER + qty * 103 * TAKER;
        assertEquals(fees, r.trades().fees[0], 1e-9);
        assertEquals(qty * 1 - fees, r.trades().net[0], 1e-9);
        assertEquals(10_000 + qty - fees, r.metrics().finalEquity(), 1e-9);
    }

    @Test
    void ocoStopAndTakeInOneBarStopWinsForLong() {
        // entry at 100 (open of bar 1); stop 2% → 98, take 3% → 103; bar 2 spans 97..104: adverse first → stop
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {100, 100, 100, 100}, {100, 101, 99, 100}, {100, 104, 97, 101}, {101, 101, 101, 101}});
        int n = 4;
        SimConfig cfg = SimConfig.screening(V, 1, 1.0, 10_000);
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.02, SignalStrategy.TakeKind.FIXED_PCT, 0.03);
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, f, Bars.at(n, 0), new boolean[n], new boolean[n], new boolean[n], ex, new JsonlEventLog(w));
        assertEquals(1, r.trades().size);
        assertEquals(Orders.R_STOP_LOSS, r.trades().exitReason[0]);
        assertEquals(98, r.trades().exitPx[0], 1e-12);
        // bar 1 (the fill bar) touched 99 and 101 but protection is live only from bar 2
        assertEquals(Bars.T0 + 2 * Bars.MIN, r.trades().exitTs[0]);
        double q = 100.0;
        assertEquals(q * 100 * TAKER + q * 98 * TAKER, r.trades().fees[0], 1e-9);
        assertTrue(w.toString().contains("\"action\":\"cancel\""), "take-profit leg cancelled");
        assertTrue(w.toString().contains("OCO peer filled"));
    }

    @Test
    void ocoShortChecksHighFirst() {
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {100, 100, 100, 100}, {100, 100, 100, 100}, {100, 104, 96, 99}, {99, 99, 99, 99}});
        int n = 4;
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.02, SignalStrategy.TakeKind.FIXED_PCT, 0.03);
        RunResult r = run(SimConfig.screening(V, 1, 1.0, 10_000), f, new boolean[n], new boolean[n], Bars.at(n, 0), new boolean[n], ex, EventLog.NONE);
        assertEquals(Orders.R_STOP_LOSS, r.trades().exitReason[0]);
        assertEquals(102, r.trades().exitPx[0], 1e-12);
    }

    @Test
    void takeProfitPaysMakerAndGapFillsAtOpen() {
        // take 3% → 103; bar 2 opens at 105 (gap through the level) → filled at the open, maker fee
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {100, 100, 100, 100}, {100, 100, 100, 100}, {105, 106, 104, 105}, {105, 105, 105, 105}});
        int n = 4;
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.02, SignalStrategy.TakeKind.FIXED_PCT, 0.03);
        RunResult r = run(SimConfig.screening(V, 1, 1.0, 10_000), f, Bars.at(n, 0), new boolean[n], new boolean[n], new boolean[n], ex, EventLog.NONE);
        assertEquals(Orders.R_TAKE_PROFIT, r.trades().exitReason[0]);
        assertEquals(105, r.trades().exitPx[0], 1e-12);
        double q = 100.0;
        assertEquals(q * 100 * TAKER + q * 105 * MAKER, r.trades().fees[0], 1e-9);
    }

    @Test
    void fundingSignAndTiming() {
        // 1h bars; funding at 08:00:00.015 (Binance jitter) charged at the open of the 08:00 bar, before fills there
        long H = 3_600_000_000_000L;
        int n = 12;
        long[] ts = new long[n];
        double[] o = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) { ts[i] = Bars.T0 + i * H; o[i] = 100; c[i] = 100; v[i] = 1; }
        long t8 = Bars.T0 + 8 * H + 15_000_000L;
        SymbolFeed f = SymbolFeed.ofBars("BTCUSDT", H, ts, o, o.clone(), o.clone(), c, v)
                .withFunding(new long[] {t8}, new double[] {0.0001});
        SimConfig cfg = SimConfig.screening(V, 1, 1.0, 10_000);
        // long from the 01:00 open → pays qty × 100 × 0.0001 = 10,000 × 1e-4 = 1 USDT
        StringWriter w = new StringWriter();
        RunResult longR = run(cfg, f, Bars.at(n, 0), new boolean[n], new boolean[n], new boolean[n], Exits.NONE, new JsonlEventLog(w));
        assertEquals(1.0, longR.trades().funding[0], 1e-9);
        assertTrue(w.toString().contains("\"type\":\"funding\",\"symbol\":\"BTCUSDT\""));
        assertTrue(w.toString().contains("\"ts_ns\":" + (Bars.T0 + 8 * H) + ",\"time\":\"2024-01-01T08:00:00Z\",\"type\":\"funding\""));
        RunResult shortR = run(cfg, f, new boolean[n], new boolean[n], Bars.at(n, 0), new boolean[n], Exits.NONE, EventLog.NONE);
        assertEquals(-1.0, shortR.trades().funding[0], 1e-9);
        // a long that enters exactly at the 08:00 open (signal at the 07:00 bar close) pays nothing
        RunResult late = run(cfg, f, Bars.at(n, 7), new boolean[n], new boolean[n], new boolean[n], Exits.NONE, EventLog.NONE);
        assertEquals(0.0, late.trades().funding[0], 0.0);
        // a long exiting at the 08:00 open (signal at the 07:00 close) still pays: funding comes first
        RunResult exitAt8 = run(cfg, f, Bars.at(n, 0), Bars.at(n, 7), new boolean[n], new boolean[n], Exits.NONE, EventLog.NONE);
        assertEquals(1.0, exitAt8.trades().funding[0], 1e-9);
    }

    @Test
    void isolatedLongLiquidationLosesItsMargin() {
        // 10x long 1 BTC-equivalent at 60,000: Binance LP = (6000 + 50 − 60000)/(0.005 − 1) = 54,221.11
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {60_000, 60_000, 60_000, 60_000}, {60_000, 60_100, 59_900, 60_000}, {60_000, 60_000, 54_000, 55_000},
                {55_000, 55_000, 55_000, 55_000}});
        int n = 4;
        SimConfig cfg = SimConfig.screening(V, 10, 0.6, 10_000); // margin 6,000 → notional 60,000 → qty 1
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, f, Bars.at(n, 0), new boolean[n], new boolean[n], new boolean[n], Exits.NONE, new JsonlEventLog(w));
        assertEquals(1, r.trades().size);
        assertEquals(Orders.R_LIQUIDATION, r.trades().exitReason[0]);
        double lp = Liquidation.isolatedAtLeverage(V.brackets("BTCUSDT"), 10, 1, 1.0, 60_000);
        assertEquals(54_221.105527638, lp, 1e-6);
        assertEquals(lp, r.trades().exitPx[0], 1e-6);
        // loss = the isolated margin (6,000): move to LP (−5,778.89) + clearance fee capped at the rest (221.11)
        double entryFee = 60_000 * TAKER;
        assertEquals(-6_000, r.trades().gross[0] - (r.trades().fees[0] - entryFee), 1e-6);
        assertEquals(10_000 - 6_000 - entryFee, r.metrics().finalEquity(), 1e-6);
        assertEquals(1, r.metrics().liquidations());
        assertTrue(w.toString().contains("\"type\":\"liquidation\""));
    }

    @Test
    void shortLiquidationAboveEntry() {
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {60_000, 60_000, 60_000, 60_000}, {60_000, 60_000, 60_000, 60_000}, {60_000, 67_000, 60_000, 66_000}});
        int n = 3;
        RunResult r = run(SimConfig.screening(V, 10, 0.6, 10_000), f, new boolean[n], new boolean[n], Bars.at(n, 0), new boolean[n], Exits.NONE, EventLog.NONE);
        assertEquals(Orders.R_LIQUIDATION, r.trades().exitReason[0]);
        assertEquals((6_000 + 50 + 60_000) / 1.005, r.trades().exitPx[0], 1e-6);
    }

    @Test
    void stopAboveLiquidationFiresFirst() {
        // 10x long, stop 5% → 57,000 (above LP 54,221): the bar reaching 54,000 stops out, no liquidation
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {
                {60_000, 60_000, 60_000, 60_000}, {60_000, 60_000, 60_000, 60_000}, {60_000, 60_000, 54_000, 55_000}});
        int n = 3;
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.05, SignalStrategy.TakeKind.NONE, Double.NaN);
        RunResult r = run(SimConfig.screening(V, 10, 0.6, 10_000), f, Bars.at(n, 0), new boolean[n], new boolean[n], new boolean[n], ex, EventLog.NONE);
        assertEquals(Orders.R_STOP_LOSS, r.trades().exitReason[0]);
        assertEquals(57_000, r.trades().exitPx[0], 1e-9);
        assertEquals(0, r.metrics().liquidations());
    }

    @Test
    void partialFillsOfALimitOnTrades() {
        // ticks only: a resting buy limit at 100 for 5 units; prints: 101 (no), 99.5 × 2 (fill 2), 100 × 10 (p=1: fill 3)
        SymbolFeed f = SymbolFeed.ofTicks("BTCUSDT").withTrades(
                new long[] {Bars.T0 + 1, Bars.T0 + 2, Bars.T0 + 3, Bars.T0 + 4},
                new double[] {101, 99.5, 100, 102}, new double[] {1, 2, 10, 1}, new byte[] {1, -1, -1, 1});
        SimConfig cfg = SimConfig.screening(V, 1, 1.0, 10_000).withFidelity(Fidelity.REALISTIC);
        final int[] id = {-1};
        final double[] fills = new double[4];
        final int[] nf = {0};
        SimStrategy st = new SimStrategy() {
            @Override public void onTrade(SimContext ctx, int s, int row) {
                if (row == 0) id[0] = ctx.order().symbol(0).buy().limit(100).qty(5).submit();
            }
            @Override public void onFill(SimContext ctx, int oid, double q, double px) {
                if (oid == id[0]) fills[nf[0]++] = q;
            }
        };
        new Simulator(cfg, new SymbolFeed[] {f}, st, EventLog.NONE).run();
        assertEquals(2, nf[0]);
        assertEquals(2, fills[0], 0);
        assertEquals(3, fills[1], 0);
    }
}
