package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.report.JsonlEventLog;
import vq.sim.risk.RiskLimits;
import vq.sim.sizing.Sizing;
import vq.sim.strategy.SignalStrategy;
import vq.sim.strategy.SignalStrategy.Exits;
import vq.sim.strategy.SignalStrategy.Signals;

/** Sizing modules and risk rules, by hand. */
class RiskSizingTest {
    static final VenueSpec V = VenueSpec.binanceFuturesUm();

    static SymbolFeed flat(int n, double px) {
        double[][] b = new double[n][];
        for (int i = 0; i < n; i++) b[i] = new double[] {px, px, px, px};
        return Bars.feed("BTCUSDT", b);
    }

    static RunResult run(SimConfig cfg, SymbolFeed f, boolean[] el, boolean[] xl, Exits ex, StringWriter w) {
        int n = el.length;
        var sig = new Signals(Signals.bits(el), Signals.bits(xl), Signals.bits(new boolean[n]), Signals.bits(new boolean[n]), null);
        return RunResult.run(new Simulator(cfg, new SymbolFeed[] {f}, new SignalStrategy(new Signals[] {sig}, ex), new JsonlEventLog(w)));
    }

    @Test
    void fixedFractionalRisksTheFractionToTheStop() {
        // risk 1% of 10,000 = 100 USDT to a 2% stop at 100 → qty = 100 / 2 = 50 (notional 5,000 within 5x leverage)
        SimConfig cfg = SimConfig.screening(V, 5, 1.0, 10_000).withFidelity(Fidelity.REALISTIC).withSlippage(SlippageModel.NONE)
                .withSizing(Sizing.parse("fixed_fractional:0.01", 1.0));
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.02, SignalStrategy.TakeKind.NONE, Double.NaN);
        RunResult r = run(cfg, flat(4, 100), Bars.at(4, 0), Bars.at(4, 2), ex, new StringWriter());
        assertEquals(50, r.trades().qty[0], 1e-9);
        assertEquals(50 * 2, r.trades().initialRisk[0], 1e-9);
    }

    @Test
    void sizingIsCappedByMaxLeverage() {
        // risk 10% to a 0.1% stop would be qty 10,000 (notional 1 M); max_leverage 3 caps notional at 30,000 → qty 300
        SimConfig cfg = SimConfig.screening(V, 5, 1.0, 10_000).withFidelity(Fidelity.REALISTIC).withSlippage(SlippageModel.NONE)
                .withSizing(Sizing.parse("fixed_fractional:0.1;max_leverage=3", 1.0));
        Exits ex = new Exits(SignalStrategy.StopKind.FIXED_PCT, 0.001, SignalStrategy.TakeKind.NONE, Double.NaN);
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, flat(4, 100), Bars.at(4, 0), Bars.at(4, 2), ex, w);
        assertEquals(300, r.trades().qty[0], 1e-9);
        assertTrue(w.toString().contains("\"rule\":\"sizing.cap\""), w.toString());
    }

    @Test
    void positionIsCappedAtBinancesMaximumForTheLeverage() {
        // 100x with 10,000 USDT margin = notional 1,000,000 at 100; BTCUSDT's brackets allow 100x only up to
        // 600,000 notional (bracket 2 cap) → qty cut from 10,000 to 6,000, logged with the rule
        SimConfig cfg = SimConfig.screening(V, 100, 1.0, 10_000).withFidelity(Fidelity.REALISTIC).withSlippage(SlippageModel.NONE)
                .withFeeTier(V.feeTier("VIP9"));
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, flat(4, 100), Bars.at(4, 0), Bars.at(4, 2), Exits.NONE, w);
        assertEquals(6_000, r.trades().qty[0], 1e-9);
        assertTrue(w.toString().contains("\"rule\":\"venue.max_position_at_leverage\"") && w.toString().contains("\"action\":\"resize\""),
                w.toString());
        // screening fidelity follows the screen, which has no such venue check
        RunResult sc = run(SimConfig.screening(V, 100, 1.0, 10_000), flat(4, 100), Bars.at(4, 0), Bars.at(4, 2), Exits.NONE, new StringWriter());
        assertEquals(10_000, sc.trades().qty[0], 1e-9);
    }

    @Test
    void exposureLimitResizesAndIsLogged() {
        // margin fraction 1 at 5x = notional 50,000; max_exposure=2 (x equity) allows 20,000 → resized to 40%
        SimConfig cfg = SimConfig.screening(V, 5, 1.0, 10_000).withRisk(RiskLimits.parse("max_exposure=2"));
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, flat(4, 100), Bars.at(4, 0), Bars.at(4, 2), Exits.NONE, w);
        assertEquals(200, r.trades().qty[0], 1e-9);
        assertTrue(w.toString().contains("\"action\":\"resize\"") && w.toString().contains("\"rule\":\"portfolio.total_exposure\""), w.toString());
    }

    @Test
    void drawdownHaltRejectsNewEntries() {
        // a 10x long loses 50% of equity on a 5% drop; dd_halt=0.3 then rejects the next entry (logged)
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {{100, 100, 100, 100}, {100, 100, 100, 100}, {100, 100, 95, 95},
                {95, 95, 95, 95}, {95, 95, 95, 95}, {95, 95, 95, 95}});
        SimConfig cfg = SimConfig.screening(V, 10, 1.0, 10_000).withRisk(RiskLimits.parse("dd_halt=0.3"));
        StringWriter w = new StringWriter();
        RunResult r = run(cfg, f, Bars.at(6, 0, 3), Bars.at(6, 2), Exits.NONE, w);
        assertEquals(1, r.trades().size);
        assertTrue(w.toString().contains("\"rule\":\"strategy.drawdown_halt\""), w.toString());
    }

    @Test
    void kellyUsesOnlyClosedTradesOfTheRun() {
        // before 2 closed trades Kelly falls back to the fraction (0.1); entries are sized at the fill
        SimConfig cfg = SimConfig.screening(V, 1, 1.0, 10_000).withSizing(new Sizing(Sizing.Method.KELLY, 0.1, Double.NaN, 0.5, 2,
                Double.NaN, 1.0, Double.NaN));
        RunResult r = run(cfg, flat(6, 100), Bars.at(6, 0), Bars.at(6, 2), Exits.NONE, new StringWriter());
        assertEquals(0.1 * 10_000 / 100, r.trades().qty[0], 1e-9);
    }

    @Test
    void riskAndSizingTextsParseOrFailClearly() {
        RiskLimits l = RiskLimits.parse("dd_scale=0.1:0.5,dd_halt=0.3,daily_loss=0.05,max_consec_losses=5,cooldown=4h,max_exposure=3");
        assertEquals(0.5, l.ddScaleDownFactor());
        assertEquals(4 * 3_600_000_000_000L, l.cooldownNanos());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RiskLimits.parse("max_exposure=x"));
        assertTrue(e.getMessage().contains("max_exposure=x"));
        assertEquals(Sizing.Method.ATR, Sizing.parse("atr:0.01,2", 1).method());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Sizing.parse("martingale", 1));
    }
}
