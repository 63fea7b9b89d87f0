package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import vq.kernels.margin.VenueSpec;
import vq.kernels.screen.BarSeries;
import vq.kernels.screen.ExecutionSpec;
import vq.kernels.screen.FundingSchedule;
import vq.kernels.screen.LaneParams;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;
import vq.kernels.screen.SignalBlock;
import vq.kernels.screen.SignalSource;
import vq.kernels.screen.Sides;
import vq.kernels.screen.Windows;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.report.EventLog;
import vq.sim.report.RunMetrics;
import vq.sim.strategy.SignalStrategy;

/**
 * The test that ties the two engines (issue #5 "Exactness"): in screening fidelity the event simulator
 * reproduces {@code vq screen} on real Binance BTCUSDT 1m bars with real funding rates, for random
 * SMA-crossover parameters, leverage, margin fraction and stop/take-profit: same counts of trades, stops,
 * take-profits and liquidations, and every metric to 1e-9 relative.
 */
class ScreenAgreementProperties {
    static final VenueSpec V = VenueSpec.binanceFuturesUm();
    static Object[] bars;
    static Object[] fund;
    static volatile long liquidationsSeen;

    static synchronized void load() {
        if (bars == null) {
            bars = RealData.bars("BTCUSDT", LocalDate.of(2024, 3, 1), 12);
            fund = RealData.funding("BTCUSDT");
        }
    }

    @Property(tries = 40)
    void simulatorReproducesTheScreen(@ForAll @IntRange(min = 2, max = 40) int fast, @ForAll @IntRange(min = 5, max = 200) int slowExtra,
                                      @ForAll @DoubleRange(min = 1, max = 60) double leverage, @ForAll @DoubleRange(min = 0.05, max = 1) double fraction,
                                      @ForAll @DoubleRange(min = 0, max = 0.03) double stop, @ForAll @DoubleRange(min = 0, max = 0.05) double take,
                                      @ForAll boolean useStop, @ForAll boolean useTake) {
        load();
        long[] ts = (long[]) bars[0];
        double[] o = (double[]) bars[1], h = (double[]) bars[2], l = (double[]) bars[3], c = (double[]) bars[4], v = (double[]) bars[5];
        int slow = fast + slowExtra;
        boolean[][] x = RealData.cross(c, fast, slow);
        double stopPct = useStop && stop > 0.001 ? stop : Double.NaN;
        double takePct = useTake && take > 0.001 ? take : Double.NaN;
        double lev = Math.floor(leverage);
        // the screen
        BarSeries bs = new BarSeries("BTCUSDT", RealData.MIN, ts, o, h, l, c);
        FundingSchedule fs = FundingSchedule.of(bs, (long[]) fund[0], (double[]) fund[1], null, null, "real");
        ExecutionSpec spec = new ExecutionSpec(10_000, 0.0005, 0.0002, V.symbol("BTCUSDT").liquidationClearanceFeeRate(),
                V.brackets("BTCUSDT"), Sides.BOTH);
        LaneParams lp = new LaneParams(new double[] {lev}, new double[] {fraction}, new double[] {stopPct}, new double[] {takePct},
                new double[] {Double.NaN}, new double[] {Double.NaN}, new double[] {Double.NaN}, null, null);
        SignalSource src = new SignalSource() {
            @Override public int parameterSets() { return 1; }
            @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
                out.clear(setTo - setFrom);
                for (int i = barFrom; i < barTo; i++) {
                    if (x[0][i]) { out.set(out.enterLong, 0, i - barFrom); out.set(out.exitShort, 0, i - barFrom); }
                    if (x[1][i]) { out.set(out.enterShort, 0, i - barFrom); out.set(out.exitLong, 0, i - barFrom); }
                }
            }
        };
        ScreenResult sr = Screener.run(bs, fs, spec, lp, src, Windows.none(), new Screener.Options(1, 2048), null);
        // the simulator
        SymbolFeed feed = SymbolFeed.ofBars("BTCUSDT", RealData.MIN, ts, o, h, l, c, v).withFunding((long[]) fund[0], (double[]) fund[1]);
        SimConfig cfg = SimConfig.screening(V, lev, fraction, 10_000);
        var sig = new SignalStrategy.Signals(SignalStrategy.Signals.bits(x[0]), SignalStrategy.Signals.bits(x[1]),
                SignalStrategy.Signals.bits(x[1]), SignalStrategy.Signals.bits(x[0]), null);
        var exits = new SignalStrategy.Exits(Double.isNaN(stopPct) ? SignalStrategy.StopKind.NONE : SignalStrategy.StopKind.FIXED_PCT, stopPct,
                Double.isNaN(takePct) ? SignalStrategy.TakeKind.NONE : SignalStrategy.TakeKind.FIXED_PCT, takePct);
        RunResult rr = RunResult.run(new Simulator(cfg, new SymbolFeed[] {feed}, new SignalStrategy(new SignalStrategy.Signals[] {sig}, exits), EventLog.NONE));
        RunMetrics m = rr.metrics();
        liquidationsSeen += m.liquidations();
        if (System.getenv("VQ_DEBUG") != null) {
            var tb = rr.trades();
            for (int t = 0; t < Math.min(tb.size, 12); t++)
                System.err.println("T" + t + " side=" + tb.side[t] + " in=" + (tb.entryTs[t] - ts[0]) / RealData.MIN + "@" + tb.entryPx[t]
                        + " out=" + (tb.exitTs[t] - ts[0]) / RealData.MIN + "@" + tb.exitPx[t] + " r=" + tb.exitReason[t] + " q=" + tb.qty[t]);
            int cnt = 0;
            for (int i = 0; i < ts.length && cnt < 12; i++) if (x[0][i] || x[1][i]) { System.err.println("sig bar " + i + (x[0][i] ? " up" : " down")); cnt++; }
        }
        String ctx = "fast=" + fast + " slow=" + slow + " lev=" + lev + " frac=" + fraction + " sl=" + stopPct + " tp=" + takePct;
        assertEquals(sr.metric(0, Metric.TRADES), m.trades(), ctx + " trades");
        assertEquals(sr.metric(0, Metric.LIQUIDATIONS), m.liquidations(), ctx + " liquidations");
        assertEquals(sr.metric(0, Metric.STOP_LOSSES), m.stopLosses(), ctx + " stop losses");
        assertEquals(sr.metric(0, Metric.TAKE_PROFITS), m.takeProfits(), ctx + " take profits");
        assertEquals(sr.metric(0, Metric.DAILY_RETURNS), m.days(), ctx + " daily returns");
        close(sr.metric(0, Metric.FINAL_EQUITY), m.finalEquity(), ctx + " final equity");
        close(sr.metric(0, Metric.TOTAL_RETURN), m.totalReturn(), ctx + " total return");
        close(sr.metric(0, Metric.CAGR), m.cagr(), ctx + " cagr");
        close(sr.metric(0, Metric.SHARPE), m.sharpe(), ctx + " sharpe");
        close(sr.metric(0, Metric.SORTINO), m.sortino(), ctx + " sortino");
        close(sr.metric(0, Metric.ANNUAL_VOLATILITY), m.annualVolatility(), ctx + " volatility");
        close(sr.metric(0, Metric.MAX_DRAWDOWN), m.maxDrawdown(), ctx + " max drawdown");
        close(sr.metric(0, Metric.MAX_DRAWDOWN_DAYS), m.maxDrawdownDurationNanos() / 86_400_000_000_000.0, ctx + " max dd days");
        close(sr.metric(0, Metric.FEES), m.fees(), ctx + " fees");
        close(sr.metric(0, Metric.FUNDING), m.funding(), ctx + " funding");
        close(sr.metric(0, Metric.EXPOSURE), m.exposure(), ctx + " exposure");
        close(sr.metric(0, Metric.WIN_RATE), m.winRate(), ctx + " win rate");
        close(sr.metric(0, Metric.PROFIT_FACTOR), m.profitFactor(), ctx + " profit factor");
        close(sr.metric(0, Metric.EXPECTANCY), m.expectancy(), ctx + " expectancy");
        close(sr.metric(0, Metric.AVG_WIN), m.avgWin(), ctx + " avg win");
        close(sr.metric(0, Metric.AVG_LOSS), m.avgLoss(), ctx + " avg loss");
        close(sr.metric(0, Metric.AVG_R_MULTIPLE), m.avgR(), ctx + " avg R");
        close(sr.metric(0, Metric.CVAR95), m.cvar95(), ctx + " cvar95");
    }

    /** Hand-picked cases: plain reversal, take-profit, stop-loss, and 50x leverage where liquidations happen. */
    @net.jqwik.api.Example
    void examplesIncludingLiquidations() {
        simulatorReproducesTheScreen(2, 5, 1, 0.05, 0, 0, false, false);
        simulatorReproducesTheScreen(2, 5, 1, 0.05, 0, 0.01, false, true);
        simulatorReproducesTheScreen(2, 5, 1, 0.05, 0.01, 0, true, false);
        long before = liquidationsSeen;
        simulatorReproducesTheScreen(20, 100, 50, 1.0, 0, 0, false, false);
        org.junit.jupiter.api.Assertions.assertTrue(liquidationsSeen > before, "the 50x case must liquidate");
    }

    static void close(double a, double b, String what) {
        if (Double.isNaN(a) && Double.isNaN(b)) return;
        if (a == b) return;
        double tol = 1e-9 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
        assertEquals(a, b, tol, what);
    }
}
