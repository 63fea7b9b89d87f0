package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.RegistryTypes;
import vq.kernels.strategy.StrategyParser;
import vq.kernels.strategy.StrategySpec;

/**
 * {@link StrategySignals#fill} (chunked crossing pairs over all sets, or the generic per-set path) gives exactly the
 * masks of {@link CompiledStrategy.Bound#signals} over the whole block, for blocks that start anywhere, span several
 * chunks and end in a partial chunk and word.
 */
class StrategySignalsTest {
    /** A fast/slow sweep's head up to its indicators (shared with {@link KernelsAgreeOnStrategiesTest}). */
    static final String PARAMS = """
            name: t
            timeframe: 1m
            params:
              fast: {default: 5, sweep: {min: 2, max: 40, step: 1}}
              slow: {default: 50, sweep: {min: 20, max: 300, step: 5}}
            constraints: [fast < slow]
            """;
    private static final String HEAD = PARAMS + """
            indicators: {f: {type: sma, params: {period: $fast}, source: close}, s: {type: sma, params: {period: $slow}, source: close}}
            """;

    @Test void smaCrossIsOneCrossingPair() {
        String both = HEAD + """
                entry: {long: f crosses_above s, short: f crosses_below s}
                exit: {long: f crosses_below s, short: f crosses_above s}
                position: {side: both}
                """;
        CompiledStrategy.CrossingPair p = check(both);
        assertNotNull(p);
        assertArrayEquals(new int[] {1, 2, 2, 1}, p.kinds());
    }

    @Test void longOnlyPairClearsTheShortMasks() {
        String longOnly = HEAD + """
                entry: {long: f crosses_above s}
                exit: {long: f crosses_below s}
                """;
        CompiledStrategy.CrossingPair p = check(longOnly);
        assertNotNull(p);
        assertArrayEquals(new int[] {1, 2, 0, 0}, p.kinds());
    }

    @Test void otherConditionsTakeTheGenericPath() {
        String mixed = HEAD + """
                entry: {long: f crosses_above s, short: close < s}
                exit: {long: f crosses_below s, short: f crosses_above s}
                position: {side: both}
                """;
        assertNull(check(mixed));
        String timeFiltered = HEAD + """
                entry: {long: f crosses_above s}
                exit: {long: f crosses_below s}
                time_filters: {blocked_days: [saturday]}
                """;
        assertNull(check(timeFiltered));
    }

    /** Compares fill() with Bound.signals on several blocks; returns the first set's crossing pair. */
    private static CompiledStrategy.CrossingPair check(String yaml) {
        StrategySpec spec = StrategyParser.parse(yaml, "t.yaml", RegistryTypes.DEFAULT);
        CompiledStrategy cs = CompiledStrategy.of(spec);
        int n = 9_000;
        BarSeries bars = BenchFixtures.randomWalk(n, 11);
        double[][] sets = spec.parameters().sample(37, 5);
        try (IndicatorCache cache = new IndicatorCache((sym, f, t, arena) -> vq.kernels.indicators.BarSeries.of(bars.intervalNanos(),
                bars.tsNanos(), bars.open(), bars.high(), bars.low(), bars.close(), null, arena));
             IndicatorInputs in = new IndicatorInputs(cache, "SYN", "1m", Long.MIN_VALUE, Long.MAX_VALUE)) {
            CompiledStrategy.Market m = cs.on(in);
            StrategySignals sig = new StrategySignals(m, sets);
            int block = 3 * StrategySignals.CHUNK + 192;
            SignalBlock out = new SignalBlock(block, sets.length);
            long[][] got = {out.enterLong, out.exitLong, out.enterShort, out.exitShort};
            int[][] ranges = {{0, block}, {block, 2 * block}, {1_000, 1_000 + block - 13}, {n - 700, n}, {n - 1, n}};
            for (int[] r : ranges) {
                for (long[] k : got) Arrays.fill(k, -1L); // every word of the range must be written
                sig.fill(r[0], r[1], 0, sets.length, out);
                int words = (r[1] - r[0] + 63) >>> 6;
                for (int s = 0; s < sets.length; s++) {
                    long[][] want = new long[4][words];
                    m.bind(sets[s]).signals(r[0], r[1], want[0], want[1], want[2], want[3], 0);
                    for (int k = 0; k < 4; k++)
                        assertArrayEquals(want[k], Arrays.copyOfRange(got[k], s * out.words, s * out.words + words),
                                "mask " + k + " of set " + Arrays.toString(sets[s]) + " on bars " + Arrays.toString(r));
                }
            }
            CompiledStrategy.CrossingPair first = m.bind(sets[0]).crossingPair();
            for (double[] set : sets) assertEquals(first == null, m.bind(set).crossingPair() == null);
            return first;
        }
    }
}
