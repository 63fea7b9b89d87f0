package vq.kernels.strategy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Test inputs from heap arrays: prices by field, and indicator outputs from a function of
 * (spec, resolved params) → output name → values. Counts indicator requests per distinct key.
 */
final class ArrayInputs implements MarketInputs {
    final long[] ts;
    final long interval;
    final Map<String, double[]> prices;
    final BiFunction<StrategySpec.IndicatorSpec, double[], Map<String, double[]>> compute;
    final Map<String, MemorySegment> cache = new HashMap<>();
    int computations;

    ArrayInputs(long[] ts, long interval, Map<String, double[]> prices,
                BiFunction<StrategySpec.IndicatorSpec, double[], Map<String, double[]>> compute) {
        this.ts = ts;
        this.interval = interval;
        this.prices = prices;
        this.compute = compute;
    }

    static MemorySegment seg(double[] a) {
        MemorySegment s = Arena.ofAuto().allocate(Math.max(8, a.length * 8L), 64);
        MemorySegment.copy(a, 0, s, ValueLayout.JAVA_DOUBLE, 0, a.length);
        return s;
    }

    @Override public int rows() { return ts.length; }

    @Override public long intervalNanos() { return interval; }

    @Override public long ts(int i) { return ts[i]; }

    @Override public MemorySegment price(String field) {
        return cache.computeIfAbsent("price:" + field, k -> seg(prices.get(field)));
    }

    @Override public MemorySegment indicator(StrategySpec.IndicatorSpec spec, double[] params, String field) {
        String key = spec.type() + java.util.Arrays.toString(params) + spec.source() + spec.timeframe();
        if (!cache.containsKey(key + ":" + field)) {
            computations++;
            compute.apply(spec, params).forEach((f, v) -> cache.put(key + ":" + f, seg(v)));
        }
        return cache.get(key + ":" + field);
    }
}
