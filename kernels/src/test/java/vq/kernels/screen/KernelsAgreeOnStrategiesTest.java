package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.margin.VenueSpec;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.RegistryTypes;
import vq.kernels.strategy.StrategyParser;
import vq.kernels.strategy.StrategySpec;

/**
 * The walk and lane kernels give bit-identical metrics on DSL strategies through {@link StrategySignals}: a
 * crossing-pair reversal (the chunked mask path), a long-only pair with a take-profit, and conditions that take the
 * generic per-set mask path with ATR stops and a time filter. ({@code ScreenVsReferenceProperties} covers both kernels
 * against the scalar reference on synthetic signals; this covers the strategy mask producer in front of them.)
 */
class KernelsAgreeOnStrategiesTest {
    private static final String HEAD = StrategySignalsTest.PARAMS + """
            indicators: {f: {type: sma, params: {period: $fast}, source: close}, s: {type: sma, params: {period: $slow}, source: close},
                         a: {type: atr, params: {period: 14}}}
            """;

    @Test void reversalPair() {
        agree(HEAD + """
                entry: {long: f crosses_above s, short: f crosses_below s}
                exit: {long: f crosses_below s, short: f crosses_above s}
                stop_loss: {type: fixed_pct, percent: 1.0}
                position: {side: both, sizing: {method: fixed_fraction, fraction: 0.2}, leverage: 5, margin_mode: isolated}
                """);
    }

    @Test void longOnlyPairWithTakeProfit() {
        agree(HEAD + """
                entry: {long: f crosses_above s}
                exit: {long: f crosses_below s}
                take_profit: {type: fixed_pct, percent: 0.5}
                position: {side: long, sizing: {method: fixed_fraction, fraction: 0.5}, leverage: 10, margin_mode: isolated}
                """);
    }

    @Test void genericConditionsWithAtrStopsAndTimeFilter() {
        agree(HEAD + """
                entry: {long: f crosses_above s, short: close < s}
                exit: {long: f crosses_below s, short: f crosses_above s}
                stop_loss: {type: atr_fixed, atr_multiplier: 2.0, indicator: a}
                take_profit: {type: risk_reward, ratio: 2.0}
                time_filters: {blocked_days: [saturday]}
                position: {side: both, sizing: {method: fixed_fraction, fraction: 0.3}, leverage: 3, margin_mode: isolated}
                """);
    }

    private static void agree(String yaml) {
        StrategySpec spec = StrategyParser.parse(yaml, "t.yaml", RegistryTypes.DEFAULT);
        CompiledStrategy cs = CompiledStrategy.of(spec);
        int n = 40_000;
        BarSeries bars = BenchFixtures.randomWalk(n, 23);
        double[][] sets = spec.parameters().sample(29, 3);
        FundingSchedule funding = FundingSchedule.constant(bars, 0.0001, FundingSchedule.EIGHT_HOURS_NANOS);
        VenueSpec v = VenueSpec.binanceFuturesUm();
        try (IndicatorCache cache = new IndicatorCache((sym, f, t, arena) -> vq.kernels.indicators.BarSeries.of(bars.intervalNanos(),
                bars.tsNanos(), bars.open(), bars.high(), bars.low(), bars.close(), null, arena));
             IndicatorInputs in = new IndicatorInputs(cache, "SYN", "1m", Long.MIN_VALUE, Long.MAX_VALUE)) {
            CompiledStrategy.Market m = cs.on(in);
            LaneParams lanes = StrategySignals.laneParams(m, sets, Double.NaN, Double.NaN);
            ExecutionSpec es = new ExecutionSpec(10_000, 0.0005, 0.0002, v.symbol("BTCUSDT").liquidationClearanceFeeRate(),
                    v.brackets("BTCUSDT"), StrategySignals.sides(m, sets[0]));
            ScreenResult walk = Screener.run(bars, funding, es, lanes, new StrategySignals(m, sets), Windows.none(),
                    new Screener.Options(2, 1024, Screener.Kernel.WALK), null);
            ScreenResult lanesRun = Screener.run(bars, funding, es, lanes, new StrategySignals(m, sets), Windows.none(),
                    new Screener.Options(2, 1024, Screener.Kernel.LANES), null);
            assertArrayEquals(lanesRun.metrics(), walk.metrics(), "walk vs lanes kernel");
            double trades = 0;
            for (int s = 0; s < sets.length; s++) trades += walk.metric(s, Metric.TRADES);
            assertTrue(trades > 10 * sets.length, "the strategy trades (" + trades + " trades)");
        }
    }
}
