package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** Signal masks of a compiled strategy equal a direct scalar evaluation of its conditions. */
class CompiledStrategyTest {
    static final long MIN = 60_000_000_000L;

    /** Simple moving average by definition (NaN before period-1). */
    static double[] sma(double[] x, int p) {
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (i < p - 1) { o[i] = Double.NaN; continue; }
            double s = 0;
            for (int k = i - p + 1; k <= i; k++) s += x[k];
            o[i] = s / p;
        }
        return o;
    }

    static ArrayInputs inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] close = new double[n];
        long t0 = Instant.parse("2024-01-05T00:00:00Z").toEpochMilli() * 1_000_000L; // a Friday
        double p = 100;
        for (int i = 0; i < n; i++) {
            ts[i] = t0 + i * MIN;
            p *= 1 + (r.nextDouble() - 0.5) * 0.01;
            close[i] = p;
        }
        Map<String, double[]> prices = new HashMap<>();
        prices.put("close", close);
        return new ArrayInputs(ts, MIN, prices, (spec, params) -> Map.of(spec.type(), sma(close, (int) params[0])));
    }

    static final String SMA_CROSS = """
            name: sma_cross
            timeframe: 1m
            params:
              fast: {default: 5, sweep: {min: 2, max: 20, step: 1}}
              slow: {default: 30, sweep: {min: 10, max: 60, step: 5}}
              band: {default: 0.0, sweep: [0.0, 0.5]}
            constraints: ["fast < slow"]
            indicators:
              f: {type: sma, params: {period: $fast}}
              s: {type: sma, params: {period: $slow}}
            entry:
              long: [f crosses_above s, {any: [close > s, close between $band 1000]}]
              short: [f crosses_below s]
            exit:
              long: [f < s]
              short: [f > s]
            stop_loss: {type: fixed_pct, percent: 2}
            take_profit: {type: risk_reward, ratio: 3}
            position: {leverage: 4, sizing: {method: fixed_fraction, fraction: 0.25}}
            time_filters:
              sessions: [{start: "08:00", end: "20:00"}]
              blocked_days: [sunday]
              avoid_around_funding: {minutes_before: 5, minutes_after: 5}
            """;

    @Test void masksEqualScalarEvaluationInAnyBlocking() {
        StrategySpec spec = StrategyParser.parse(SMA_CROSS, "sma_cross.yaml", TestTypes.INSTANCE);
        CompiledStrategy cs = CompiledStrategy.of(spec);
        int n = 3 * 1440 + 77;
        ArrayInputs in = inputs(n, 42);
        CompiledStrategy.Market m = cs.on(in);
        double[] close = in.prices.get("close");
        int checked = 0;
        for (double[] set : spec.parameters().sample(25, 3)) {
            CompiledStrategy.Bound b = m.bind(set);
            double[] f = sma(close, (int) set[0]), s = sma(close, (int) set[1]);
            for (int block : new int[] {64, 500, 4096}) {
                Signals sig = new Signals(block);
                for (int from = 0; from < n; from += block) {
                    int to = Math.min(n, from + block);
                    b.signals(from, to, sig);
                    for (int i = from; i < to; i++) {
                        boolean time = CompiledStrategy.allowed(spec.timeFilters(), in.ts[i] + MIN);
                        boolean up = i > 0 && f[i - 1] <= s[i - 1] && f[i] > s[i];
                        boolean down = i > 0 && f[i - 1] >= s[i - 1] && f[i] < s[i];
                        boolean any = close[i] > s[i] || (set[2] <= close[i] && close[i] <= 1000);
                        assertEquals(time && up && any, sig.get(sig.entryLong, i), "entry long at " + i);
                        assertEquals(time && down, sig.get(sig.entryShort, i), "entry short at " + i);
                        assertEquals(f[i] < s[i], sig.get(sig.exitLong, i), "exit long at " + i);
                        assertEquals(f[i] > s[i], sig.get(sig.exitShort, i), "exit short at " + i);
                        checked++;
                    }
                }
            }
            CompiledStrategy.Risk risk = b.risk();
            assertEquals(StrategySpec.StopKind.FIXED_PCT, risk.stopKind());
            assertEquals(0.02, risk.stopAmount(), 1e-15);
            assertEquals(StrategySpec.TakeKind.RISK_REWARD, risk.takeKind());
            assertEquals(3.0, risk.takeAmount());
            assertEquals(4.0, risk.leverage());
            assertEquals(0.25, risk.fraction());
        }
        assertTrue(checked > 100_000);
        // one computation per distinct (type, params): fast in 2..20 and slow in 10..60 share sma periods
        assertTrue(in.computations <= 19 + 11, "computations " + in.computations);
    }

    @Test void sharedBoundFillsScreenLayoutFromThreads() throws Exception {
        StrategySpec spec = StrategyParser.parse(SMA_CROSS, "sma_cross.yaml", TestTypes.INSTANCE);
        ArrayInputs in = inputs(5000, 9);
        CompiledStrategy.Market m = CompiledStrategy.of(spec).on(in);
        double[][] sets = spec.parameters().sample(8, 5);
        CompiledStrategy.Bound[] bounds = new CompiledStrategy.Bound[sets.length];
        for (int i = 0; i < sets.length; i++) bounds[i] = m.bind(sets[i]);
        int block = 512, words = block / 64;
        long[][] expected = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            Signals s = new Signals(5000);
            bounds[i].signals(0, 5000, s);
            expected[i] = s.entryLong.clone();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.List<java.util.concurrent.Future<long[][]>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    long[][] got = new long[sets.length][SignalKernel.words(5000)];
                    long[] el = new long[words * sets.length], xl = new long[el.length], es = new long[el.length], xs = new long[el.length];
                    for (int from = 0; from < 5000; from += block) {
                        int to = Math.min(5000, from + block);
                        for (int i = 0; i < sets.length; i++) bounds[i].signals(from, to, el, xl, es, xs, i * words);
                        for (int i = 0; i < sets.length; i++)
                            System.arraycopy(el, i * words, got[i], from / 64, SignalKernel.words(to - from));
                    }
                    return got;
                }));
            }
            for (java.util.concurrent.Future<long[][]> f : futures) {
                long[][] got = f.get();
                for (int i = 0; i < sets.length; i++) assertTrue(java.util.Arrays.equals(expected[i], 0, SignalKernel.words(5000), got[i], 0, SignalKernel.words(5000)), "set " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test void sharedConditionsAreEvaluatedOnceAndExitsStayUnfiltered() {
        StrategySpec spec = StrategyParser.parse("""
                name: x
                timeframe: 1m
                indicators: {f: {type: sma, params: {period: 5}}, s: {type: sma, params: {period: 20}}}
                entry: {long: [f crosses_above s], short: [f crosses_below s]}
                exit: {long: [f crosses_below s], short: [f crosses_above s]}
                time_filters: {sessions: [{start: "10:00", end: "11:00"}]}
                """, "x.yaml", TestTypes.INSTANCE);
        ArrayInputs in = inputs(3000, 4);
        CompiledStrategy.Bound b = CompiledStrategy.of(spec).on(in).bind(new double[0]);
        double[] c = in.prices.get("close"), f = sma(c, 5), s = sma(c, 20);
        // entry.long/exit.long come from one crossing pass (crossBoth): blocks that cut words and crossings alike
        for (int block : new int[] {64, 100, 3000}) {
            Signals sig = new Signals(block);
            for (int from = 0; from < 3000; from += block) {
                int to = Math.min(3000, from + block);
                b.signals(from, to, sig);
                for (int i = from; i < to; i++) {
                    boolean cu = i > 0 && f[i - 1] <= s[i - 1] && f[i] > s[i], cd = i > 0 && f[i - 1] >= s[i - 1] && f[i] < s[i];
                    boolean time = CompiledStrategy.allowed(spec.timeFilters(), in.ts[i] + MIN);
                    assertEquals(cu, sig.get(sig.exitShort, i), "block " + block + ": exit short at " + i);
                    assertEquals(cd, sig.get(sig.exitLong, i), "block " + block + ": exit long at " + i);
                    assertEquals(cu && time, sig.get(sig.entryLong, i), "block " + block + ": entry long at " + i);
                    assertEquals(cd && time, sig.get(sig.entryShort, i), "block " + block + ": entry short at " + i);
                }
            }
        }
        Signals sig = new Signals(3000);
        b.signals(0, 3000, sig);
        int up = 0, filtered = 0;
        for (int i = 1; i < 3000; i++) {
            boolean cu = f[i - 1] <= s[i - 1] && f[i] > s[i], cd = f[i - 1] >= s[i - 1] && f[i] < s[i];
            boolean time = CompiledStrategy.allowed(spec.timeFilters(), in.ts[i] + MIN);
            assertEquals(cu, sig.get(sig.exitShort, i), "exit short = crosses_above, unfiltered, at " + i);
            assertEquals(cd, sig.get(sig.exitLong, i), "exit long at " + i);
            assertEquals(cu && time, sig.get(sig.entryLong, i), "entry long at " + i);
            assertEquals(cd && time, sig.get(sig.entryShort, i), "entry short at " + i);
            if (cu) up++;
            if (cu && !time) filtered++;
        }
        assertTrue(up > 20 && filtered > 0, "crosses " + up + ", filtered " + filtered);
    }

    @Test void roaringHoldsAbsoluteBars() {
        StrategySpec spec = StrategyParser.parse(SMA_CROSS, "sma_cross.yaml", TestTypes.INSTANCE);
        ArrayInputs in = inputs(2000, 1);
        CompiledStrategy.Bound b = CompiledStrategy.of(spec).on(in).bind(spec.parameters().defaults());
        Signals all = new Signals(2000);
        b.signals(0, 2000, all);
        Signals part = new Signals(1000);
        b.signals(1000, 2000, part);
        RoaringBitmap whole = all.toRoaring(all.exitLong), tail = part.toRoaring(part.exitLong);
        RoaringBitmap expected = whole.clone();
        expected.remove(0L, 1000L);
        assertEquals(expected, tail);
        assertFalse(tail.isEmpty());
    }

    @Test void timeFilters() {
        StrategySpec.TimeFilters f = new StrategySpec.TimeFilters(java.util.List.of(new StrategySpec.Session(22 * 60, 2 * 60)),
                java.util.Set.of(java.time.DayOfWeek.SATURDAY), new StrategySpec.FundingAvoid(5, 10, 8));
        long t = Instant.parse("2024-01-05T23:00:00Z").toEpochMilli() * 1_000_000L; // Friday 23:00
        assertTrue(CompiledStrategy.allowed(f, t));
        assertFalse(CompiledStrategy.allowed(f, t + 2 * 60 * MIN), "01:00 Saturday is blocked");
        long fri = Instant.parse("2024-01-04T23:55:00Z").toEpochMilli() * 1_000_000L; // Thursday 23:55: 5 min before funding
        assertFalse(CompiledStrategy.allowed(f, fri));
        assertTrue(CompiledStrategy.allowed(f, fri - MIN));
        assertFalse(CompiledStrategy.allowed(f, fri + 15 * MIN), "00:10 is within 10 min after funding");
        assertTrue(CompiledStrategy.allowed(f, fri + 16 * MIN));
        assertFalse(CompiledStrategy.allowed(f, fri + 3 * 60 * MIN), "02:55 is outside the 22:00-02:00 session");
    }
}
