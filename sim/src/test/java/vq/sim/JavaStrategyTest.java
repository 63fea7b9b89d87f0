package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vq.kernels.margin.VenueSpec;
import vq.kernels.strategy.Bar;
import vq.kernels.strategy.Strategy;
import vq.kernels.strategy.StrategyContext;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.report.EventLog;
import vq.sim.strategy.JavaStrategyAdapter;

/** A Java strategy (kernels' Strategy API) driven by the simulator. */
class JavaStrategyTest {
    @Test
    void barStrategyTradesThroughTheSimulator() {
        SymbolFeed f = Bars.feed("BTCUSDT", new double[][] {{100, 101, 99, 100}, {101, 102, 100, 101}, {102, 103, 101, 102}, {103, 103, 102, 102}});
        Strategy s = new Strategy() {
            @Override public void onBar(Bar bar, StrategyContext ctx) {
                if (ctx.position() == 0 && bar.close() <= 100) ctx.submit(StrategyContext.OrderRequest.market(2));
                else if (ctx.position() > 0 && bar.close() >= 102) ctx.submit(StrategyContext.OrderRequest.market(-ctx.position()).asReduceOnly());
            }
        };
        SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), 1, 1.0, 10_000);
        RunResult r = RunResult.run(new Simulator(cfg, new SymbolFeed[] {f}, new JavaStrategyAdapter(s, 1), EventLog.NONE));
        assertEquals(1, r.trades().size);
        assertEquals(101, r.trades().entryPx[0], 0);   // signal at bar 0's close, fill at bar 1's open
        assertEquals(103, r.trades().exitPx[0], 0);    // exit signal at bar 2's close, fill at bar 3's open
        assertEquals(2, r.trades().qty[0], 0);
        assertTrue(r.metrics().fees() > 0);
    }
}
