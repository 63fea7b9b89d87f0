package vq.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vq.kernels.margin.VenueSpec;
import vq.kernels.screen.BarSeries;
import vq.kernels.screen.BenchFixtures;
import vq.kernels.screen.ExecutionSpec;
import vq.kernels.screen.FundingSchedule;
import vq.kernels.screen.LaneParams;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;
import vq.kernels.screen.Sides;
import vq.kernels.screen.SignalSource;
import vq.kernels.screen.Windows;

/**
 * The screening kernel alone: {@code bars × sets} bar·parameter-set evaluations per invocation with full
 * metrics, 2 % stops, 4 % take-profits, 3× leverage (liquidation prices), 8-hourly funding and both sides;
 * signals flip every ~300 bars per set (precomputed positions, cheap to fill). Throughput in bar·sets/s =
 * bars × sets / (score in s/op).
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/vq-bench.jar ScreenKernelBench -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ScreenKernelBench {
    @Param({"262144"}) int bars;
    @Param({"1024"}) int sets;
    @Param({"1", "2"}) int threads;
    /** {@link Screener.Kernel}: walk (default) or lanes. */
    @Param({"walk", "lanes"}) String kernel;

    BarSeries series;
    FundingSchedule funding;
    ExecutionSpec spec;
    LaneParams lanes;
    SignalSource signals;

    @Setup public void setup() {
        series = BenchFixtures.randomWalk(bars, 42);
        funding = FundingSchedule.constant(series, 0.0001, FundingSchedule.EIGHT_HOURS_NANOS);
        VenueSpec v = VenueSpec.binanceFuturesUm();
        spec = new ExecutionSpec(10_000, 0.0005, 0.0002, v.symbol("BTCUSDT").liquidationClearanceFeeRate(), v.brackets("BTCUSDT"), Sides.BOTH);
        lanes = LaneParams.uniform(sets, 3, 0.5, 0.02, 0.04);
        signals = BenchFixtures.flips(sets, bars, 300, 7);
    }

    @Benchmark public ScreenResult screen() {
        return Screener.run(series, funding, spec, lanes, signals, Windows.none(), new Screener.Options(threads, 2048, Screener.Kernel.parse(kernel)), null);
    }
}
