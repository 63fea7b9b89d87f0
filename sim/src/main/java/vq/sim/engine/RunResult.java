package vq.sim.engine;

import vq.sim.report.RunMetrics;
import vq.sim.report.TradeBook;

/**
 * What one simulation produced.
 *
 * @param symbols   symbol names in feed order
 * @param trades    round-trip trades
 * @param equityTs  equity sample times (bar closes), epoch ns
 * @param equity    equity at each sample, USDT
 * @param metrics   DESIGN.md §7 metrics
 */
public record RunResult(String[] symbols, TradeBook trades, long[] equityTs, double[] equity, RunMetrics metrics) {

    /** Runs {@code sim} and collects its result. */
    public static RunResult run(Simulator sim) {
        sim.run();
        long[] ts = sim.equityTs();
        long[] labels = sim.equityLabels();
        double[] eq = sim.equityCurve();
        long first = Long.MAX_VALUE, lastClose = Long.MIN_VALUE;
        for (int s = 0; s < sim.symbols(); s++) {
            var f = sim.feed(s);
            if (f.bars() > 0) {
                first = Math.min(first, f.barTs()[0]);
                lastClose = Math.max(lastClose, f.barTs()[f.bars() - 1] + f.intervalNanos());
            } else {
                if (f.quoteTs().length > 0) { first = Math.min(first, f.quoteTs()[0]); lastClose = Math.max(lastClose, f.quoteTs()[f.quoteTs().length - 1]); }
                if (f.tradeTs().length > 0) { first = Math.min(first, f.tradeTs()[0]); lastClose = Math.max(lastClose, f.tradeTs()[f.tradeTs().length - 1]); }
            }
        }
        var a = sim.account();
        RunMetrics m = RunMetrics.compute(labels, eq, labels.length, sim.config().initialEquity(), Math.max(0, lastClose - first),
                sim.trades(), sim.barsInPosition(), sim.barsSeen(), a.feesPaid + a.clearanceFeesPaid, a.fundingPaid,
                sim.slippagePaid(), sim.liquidations());
        return new RunResult(sim.symbolNames(), sim.trades(), ts, eq, m);
    }
}
