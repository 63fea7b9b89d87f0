package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import vq.kernels.margin.Liquidation;
import vq.kernels.margin.MarginBrackets;
import vq.kernels.margin.VenueSpec;
import vq.sim.account.Account;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.order.Orders;
import vq.sim.report.EventLog;
import vq.sim.report.JsonlEventLog;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/** Order types, time in force, latency and cross margin, checked by hand. */
class OrderTypesTest {
    static final VenueSpec V = VenueSpec.binanceFuturesUm();

    static SymbolFeed quotes(double[][] bidAsk, double size) {
        int n = bidAsk.length;
        long[] ts = new long[n];
        double[] b = new double[n], a = new double[n], bs = new double[n], as = new double[n];
        for (int i = 0; i < n; i++) { ts[i] = Bars.T0 + i * 1_000_000L; b[i] = bidAsk[i][0]; a[i] = bidAsk[i][1]; bs[i] = size; as[i] = size; }
        return SymbolFeed.ofTicks("BTCUSDT").withQuotes(ts, b, bs, a, as);
    }

    /** Runs {@code onFirst} at the first quote; returns the JSONL log. */
    static String run(SimConfig cfg, SymbolFeed f, java.util.function.Consumer<SimContext> onFirst) {
        StringWriter w = new StringWriter();
        SimStrategy st = new SimStrategy() {
            boolean done;
            @Override public void onQuote(SimContext ctx, int s, int row) {
                if (!done) { done = true; onFirst.accept(ctx); }
            }
        };
        new Simulator(cfg, new SymbolFeed[] {f}, st, new JsonlEventLog(w)).run();
        return w.toString();
    }

    static SimConfig realistic(Latency l) {
        return SimConfig.screening(V, 5, 1.0, 10_000).withFidelity(Fidelity.REALISTIC).withLatency(l).withSlippage(SlippageModel.NONE);
    }

    @Test
    void marketOrderWaitsForLatencyThenTakesTheAsk() {
        // quotes every 1 ms; domestic latency 20 ms: the order reaches the venue at t0 + 20 ms, before that instant's
        // quote (arrivals precede quotes at equal times), so it takes the book then standing: ask 100.19 (not 100.00)
        double[][] q = new double[40][];
        for (int i = 0; i < 40; i++) q[i] = new double[] {99.99 + i * 0.01, 100.00 + i * 0.01};
        String log = run(realistic(Latency.DOMESTIC), quotes(q, 10), ctx -> ctx.order().symbol(0).buy().market().qty(1).submit());
        assertTrue(log.contains("\"type\":\"fill\",\"symbol\":\"BTCUSDT\",\"order_id\":0,\"action\":\"fill\",\"side\":\"buy\",\"order_type\":null,\"qty\":1.0,\"price\":100.19,"), log);
        assertTrue(log.contains("\"ts_ns\":" + (Bars.T0 + 20_000_000L) + ",\"time\":\"2024-01-01T00:00:00.020Z\",\"type\":\"fill\""), log);
    }

    @Test
    void postOnlyLimitThatWouldTakeIsRejected() {
        String log = run(realistic(Latency.NONE), quotes(new double[][] {{100, 100.1}, {100, 100.1}}, 5),
                ctx -> ctx.order().symbol(0).buy().limit(100.1).postOnly().qty(1).submit());
        assertTrue(log.contains("post-only order would take liquidity"), log);
    }

    @Test
    void iocTakesWhatIsShownAndCancelsTheRest() {
        String log = run(realistic(Latency.NONE), quotes(new double[][] {{100, 100.1}, {100, 100.1}}, 2),
                ctx -> ctx.order().symbol(0).buy().limit(100.5).ioc().qty(5).submit());
        assertTrue(log.contains("\"qty\":2.0,\"price\":100.1"), log);
        assertTrue(log.contains("IOC remainder"), log);
    }

    @Test
    void fokWithTooLittleSizeExpiresUnfilled() {
        String log = run(realistic(Latency.NONE), quotes(new double[][] {{100, 100.1}, {100, 100.1}}, 2),
                ctx -> ctx.order().symbol(0).buy().limit(100.5).fok().qty(5).submit());
        assertTrue(log.contains("FOK: displayed size too small"), log);
        assertTrue(!log.contains("\"type\":\"fill\""), log);
    }

    @Test
    void stopLimitOnBarsTriggersThenRestsAsLimit() {
        // buy stop-limit: stop 105, limit 104. Bar 1 (100→106 high) triggers it (not marketable: 104 < 105);
        // bar 2 comes back down to 103 and fills the resting limit at 104 (maker).
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {{100, 100, 100, 100}, {100, 106, 100, 105.5}, {105.5, 105.5, 103, 104}});
        SimConfig cfg = SimConfig.screening(V, 1, 1.0, 10_000);
        StringWriter w = new StringWriter();
        new Simulator(cfg, new SymbolFeed[] {f}, new SimStrategy() {
            @Override public void onBar(SimContext ctx, int s, int bar) {
                if (bar == 0) ctx.order().symbol(0).buy().stopLimit(105, 104).qty(1).submit();
            }
        }, new JsonlEventLog(w)).run();
        String log = w.toString();
        assertTrue(log.contains("\"action\":\"triggered\""), log);
        assertTrue(log.contains("\"action\":\"fill\",\"side\":\"buy\",\"order_type\":null,\"qty\":1.0,\"price\":104.0"), log);
        assertTrue(log.contains("\"maker\":true"), log);
    }

    @Test
    void cancelAndModifyTakeEffectAfterLatency() {
        double[][] q = new double[60][];
        for (int i = 0; i < 60; i++) q[i] = new double[] {100, 100.1};
        String log = run(realistic(Latency.DOMESTIC), quotes(q, 5), ctx -> {
            int id = ctx.order().symbol(0).buy().limit(99).qty(1).submit();
            ctx.modify(id, Double.NaN, 98, Double.NaN);
            ctx.cancel(id);
        });
        assertTrue(log.indexOf("\"action\":\"accept\"") < log.indexOf("\"action\":\"modify\""));
        assertTrue(log.indexOf("\"action\":\"modify\"") < log.indexOf("\"action\":\"cancel\""));
        assertTrue(log.contains("\"ts_ns\":" + (Bars.T0 + 20_000_000L) + ",\"time\":\"2024-01-01T00:00:00.020Z\",\"type\":\"order\""), log);
    }

    @Test
    void reduceOnlyNeverOpensAPosition() {
        String log = run(realistic(Latency.NONE), quotes(new double[][] {{100, 100.1}, {100, 100.1}}, 5),
                ctx -> ctx.order().symbol(0).sell().market().qty(1).reduceOnly().submit());
        assertTrue(log.contains("reduce-only order would not reduce the position"), log);
    }

    @Test
    void crossAccountLiquidationPriceUsesTheOtherPositions() {
        MarginBrackets btc = V.brackets("BTCUSDT"), eth = V.brackets("ETHUSDT");
        Account a = new Account(MarginMode.CROSS, 20_000, new MarginBrackets[] {btc, eth}, new double[] {20, 20});
        a.fill(0, 1.0, 60_000, 0.0005);
        a.fill(1, 10.0, 3_000, 0.0005);
        a.mark[0] = 59_000;
        a.mark[1] = 2_900;
        double tmmOthers = eth.maintenanceMargin(10 * 2_900);
        double upnlOthers = 10 * (2_900 - 3_000.0);
        double expected = Liquidation.formula(a.wallet, tmmOthers, upnlOthers, btc.cum(btc.bracketOf(1 * 50_000)), 1, 1.0, 60_000,
                btc.mmr(btc.bracketOf(50_000)));
        double lp = a.liquidationPrice(0);
        assertEquals(Liquidation.cross(btc, a.wallet, tmmOthers, upnlOthers, 1, 1.0, 60_000), lp, 1e-9);
        assertTrue(Math.abs(expected - lp) < 1e-6 || btc.bracketOf(lp) != btc.bracketOf(50_000));
        assertTrue(lp > 0 && lp < 60_000);
        // a loss on ETH moves BTC's liquidation price up (the shared wallet backs both)
        a.mark[1] = 2_500;
        assertTrue(a.liquidationPrice(0) > lp);
    }

    @Test
    void crossMultiSymbolRunSharesOneAccount() {
        SymbolFeed b = Bars.feed("BTCUSDT", new double[][] {{60_000, 60_000, 60_000, 60_000}, {60_000, 60_100, 59_900, 60_050}, {60_050, 60_100, 60_000, 60_000}});
        SymbolFeed e = Bars.feed("ETHUSDT", new double[][] {{3_000, 3_000, 3_000, 3_000}, {3_000, 3_010, 2_990, 3_005}, {3_005, 3_010, 3_000, 3_000}});
        SimConfig cfg = SimConfig.screening(V, 2, 0.25, 10_000).withMarginMode(MarginMode.CROSS);
        Simulator sim = new Simulator(cfg, new SymbolFeed[] {b, e}, new SimStrategy() {
            @Override public void onBar(SimContext ctx, int s, int bar) {
                if (bar == 0) ctx.order().symbol(s).buy().market().marginFraction(0.25).submit();
            }
        }, EventLog.NONE);
        sim.run();
        assertEquals(2, sim.trades().size);
        // one equity curve for both symbols, one sample per close time (3 bars) plus the final one
        assertEquals(4, sim.equityTs().length);
        assertTrue(sim.account().feesPaid > 0);
    }
}
