package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vq.kernels.indicators.BarSeries;
import vq.kernels.indicators.IndicatorCache;

/** IndicatorInputs over the real indicator cache (SMA(1) is the close up to prefix-sum rounding): SMA prefetch in one pass, MTF alignment, resampled base bars. */
class IndicatorInputsTest {
    static final long MIN = 60_000_000_000L;

    static IndicatorCache cache(int n) {
        SplittableRandom r = new SplittableRandom(3);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 100;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_704_067_200_000_000_000L + i * MIN; // 2024-01-01T00:00Z
            o[i] = p;
            p *= 1 + (r.nextDouble() - 0.5) * 0.004;
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) + 0.01;
            l[i] = Math.min(o[i], c[i]) - 0.01;
            v[i] = 1;
        }
        return new IndicatorCache((sym, from, to, arena) -> {
            int a = 0, b = n;
            while (a < n && ts[a] < from) a++;
            while (b > a && ts[b - 1] >= to) b--;
            return BarSeries.of(MIN, java.util.Arrays.copyOfRange(ts, a, b), java.util.Arrays.copyOfRange(o, a, b),
                    java.util.Arrays.copyOfRange(h, a, b), java.util.Arrays.copyOfRange(l, a, b), java.util.Arrays.copyOfRange(c, a, b),
                    java.util.Arrays.copyOfRange(v, a, b), arena);
        });
    }

    @Test void prefetchComputesEverySmaOnceAndBindingReusesThem() {
        StrategySpec spec = StrategyParser.parse("""
                name: x
                timeframe: 1m
                params:
                  fast: {default: 5, sweep: {min: 2, max: 30, step: 1}}
                  slow: {default: 40, sweep: {min: 20, max: 80, step: 5}}
                constraints: [fast < slow]
                indicators: {f: {type: sma, params: {period: $fast}}, s: {type: sma, params: {period: $slow}}}
                entry: {long: f crosses_above s}
                """, "x.yaml", RegistryTypes.DEFAULT);
        CompiledStrategy cs = CompiledStrategy.of(spec);
        double[][] sets = spec.parameters().gridSets(10_000);
        try (IndicatorCache cache = cache(5000)) {
            IndicatorInputs in = new IndicatorInputs(cache, "SYN", "1m", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            int windows = in.prefetch(cs, sets);
            assertEquals(29 + 13 - 3, windows, "2..30 and 20..80 step 5 overlap in 20, 25, 30");
            long before = cache.computations();
            CompiledStrategy.Market m = cs.on(in);
            for (double[] set : sets) m.bind(set);
            assertEquals(before, cache.computations(), "binding all sets computes nothing new");
            CompiledStrategy.Bound b = m.bind(new double[] {7, 40});
            double[] c = in.bars().column(vq.kernels.indicators.Source.CLOSE).toArray(ValueLayout.JAVA_DOUBLE);
            double[] f = b.series("f.sma").toArray(ValueLayout.JAVA_DOUBLE);
            double[] ref = CompiledStrategyTest.sma(c, 7);
            for (int i = 0; i < 5000; i++) {
                if (Double.isNaN(ref[i])) assertTrue(Double.isNaN(f[i]), "warm-up at " + i);
                else assertEquals(ref[i], f[i], 1e-9 * Math.abs(ref[i]), "sma(7) at " + i);
            }
        }
    }

    @Test void higherTimeframeValuesAppearWhenTheirBarHasClosed() {
        StrategySpec spec = StrategyParser.parse("""
                name: x
                timeframe: 5m
                indicators: {h: {type: sma, params: {period: 1}, timeframe: 1h}}
                entry: {long: close > h}
                """, "x.yaml", RegistryTypes.DEFAULT);
        try (IndicatorCache cache = cache(600)) {
            IndicatorInputs in = new IndicatorInputs(cache, "SYN", "5m", Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            assertEquals(120, in.rows(), "600 one-minute bars → 120 five-minute bars");
            CompiledStrategy.Bound b = CompiledStrategy.of(spec).on(in).bind(new double[0]);
            double[] h = b.series("h.sma").toArray(ValueLayout.JAVA_DOUBLE);
            double[] c5 = in.bars().column(vq.kernels.indicators.Source.CLOSE).toArray(ValueLayout.JAVA_DOUBLE);
            for (int i = 0; i < 120; i++) {
                // 5m bar i closes at (i+1)*5 min; the last 1h bar closed by then ends at floor((i+1)/12) hours
                int hoursClosed = (i + 1) / 12;
                if (hoursClosed == 0) assertTrue(Double.isNaN(h[i]), "no 1h bar closed yet at 5m bar " + i);
                else assertEquals(c5[hoursClosed * 12 - 1], h[i], 1e-12 * h[i], "1h close (= close of its last 5m bar) at 5m bar " + i);
            }
        }
    }
}
