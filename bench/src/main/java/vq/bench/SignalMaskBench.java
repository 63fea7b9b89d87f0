package vq.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import vq.kernels.indicators.BarSeries;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.RegistryTypes;
import vq.kernels.strategy.Signals;
import vq.kernels.strategy.StrategyParser;
import vq.kernels.strategy.StrategySpec;

/**
 * Signal-mask evaluation of a DSL strategy (sma_cross: crosses for entries and exits, 4 masks) over 1 M bars
 * in blocks of 4,096, per bound parameter set, against a plain scalar loop computing the same four masks.
 * Score = ns per bar (all four masks). Run: {@code java -jar bench/target/vq-bench.jar SignalMaskBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SignalMaskBench {
    static final int N = 1 << 20, BLOCK = 4096;
    static final String SMA_CROSS = """
            name: sma_cross
            timeframe: 1m
            params:
              fast: {default: 10, type: int}
              slow: {default: 50, type: int}
            indicators:
              f: {type: sma, params: {period: $fast}}
              s: {type: sma, params: {period: $slow}}
            entry: {long: [f crosses_above s], short: [f crosses_below s]}
            exit: {long: [f crosses_below s], short: [f crosses_above s]}
            """;

    IndicatorCache cache;
    CompiledStrategy.Bound bound;
    Signals sig;
    MemorySegment fast, slow;
    long[] el, xl, es, xs;

    @Setup(Level.Trial) public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        long[] ts = new long[N];
        double[] c = new double[N], o = new double[N], h = new double[N], l = new double[N], v = new double[N];
        double p = 30_000;
        for (int i = 0; i < N; i++) {
            ts[i] = 1_700_000_000_000_000_000L + i * 60_000_000_000L;
            o[i] = p;
            p *= 1 + (r.nextDouble() - 0.5) * 0.002;
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) * 1.0005;
            l[i] = Math.min(o[i], c[i]) * 0.9995;
            v[i] = 1 + r.nextDouble();
        }
        cache = new IndicatorCache((sym, from, to, arena) -> BarSeries.of(60_000_000_000L, ts, o, h, l, c, v, arena));
        StrategySpec spec = StrategyParser.parse(SMA_CROSS, "sma_cross.yaml", RegistryTypes.DEFAULT);
        CompiledStrategy.Market m = CompiledStrategy.of(spec).on(new IndicatorInputs(cache, "SYN", "1m", 0, Long.MAX_VALUE));
        bound = m.bind(spec.parameters().defaults());
        fast = bound.series("f.sma");
        slow = bound.series("s.sma");
        sig = new Signals(BLOCK);
        el = new long[BLOCK / 64];
        xl = new long[BLOCK / 64];
        es = new long[BLOCK / 64];
        xs = new long[BLOCK / 64];
    }

    @TearDown(Level.Trial) public void close() { cache.close(); }

    @Benchmark @OperationsPerInvocation(N)
    public void vectorMasks(Blackhole bh) {
        for (int from = 0; from < N; from += BLOCK) {
            bound.signals(from, Math.min(N, from + BLOCK), sig);
            bh.consume(sig.entryLong[0] ^ sig.exitShort[BLOCK / 64 - 1]);
        }
    }

    @Benchmark @OperationsPerInvocation(N)
    public void scalarMasks(Blackhole bh) {
        ValueLayout.OfDouble d = ValueLayout.JAVA_DOUBLE;
        for (int from = 0; from < N; from += BLOCK) {
            int to = Math.min(N, from + BLOCK);
            java.util.Arrays.fill(el, 0);
            java.util.Arrays.fill(xl, 0);
            java.util.Arrays.fill(es, 0);
            java.util.Arrays.fill(xs, 0);
            for (int i = Math.max(1, from); i < to; i++) {
                double f0 = fast.getAtIndex(d, i - 1), s0 = slow.getAtIndex(d, i - 1), f1 = fast.getAtIndex(d, i), s1 = slow.getAtIndex(d, i);
                int k = i - from;
                long bit = 1L << (k & 63);
                if (f0 <= s0 && f1 > s1) { el[k >>> 6] |= bit; xs[k >>> 6] |= bit; }
                if (f0 >= s0 && f1 < s1) { es[k >>> 6] |= bit; xl[k >>> 6] |= bit; }
            }
            bh.consume(el[0] ^ xs[BLOCK / 64 - 1]);
        }
    }

    static { Arena.ofAuto(); }
}
