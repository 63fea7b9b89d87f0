package vq.bench;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import vq.kernels.indicators.BarSeries;
import vq.kernels.indicators.MovingAverages;
import vq.kernels.indicators.Source;

/**
 * A sweep of 100 SMA windows (5, 8, …, 302) over 1 M bars, single thread: vq's one-pass {@link MovingAverages#smaMany}
 * against 100 TA-Lib SMA calls, in the same run. Two shapes: materialised (100 output columns of 1 M doubles each =
 * 800 MB written, on both sides) and streaming (vq hands 512-bar × 100-window blocks to a consumer, as the screening
 * kernel would; TA-Lib writes each window into one reused array, its natural use in a loop). Each vq call recomputes
 * the prefix sums ({@link BarSeries#resetDerived}), so the whole pass is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SmaManyBench {
    static final int BARS = IndicatorBench.BARS;
    final int[] windows = new int[100];
    Arena arena;
    BarSeries series;
    double[] close;
    MemorySegment[] outs;
    double[][] taOuts;
    double[] taOne;
    final Core core = new Core();
    final MInteger beg = new MInteger(), nb = new MInteger();

    @Setup(Level.Trial) public void setup() throws Exception {
        for (int j = 0; j < windows.length; j++) windows[j] = 5 + 3 * j;
        arena = Arena.ofShared();
        IndicatorBench.Bars b = IndicatorBench.Bars.load(BARS, arena);
        series = b.series;
        close = b.c;
        outs = new MemorySegment[windows.length];
        taOuts = new double[windows.length][];
        for (int j = 0; j < windows.length; j++) {
            outs[j] = arena.allocate((long) BARS * 8, 64);
            outs[j].fill((byte) 0); // touch pages outside the measurement
            taOuts[j] = new double[BARS];
        }
        taOne = new double[BARS];
    }

    @TearDown(Level.Trial) public void tearDown() {
        arena.close();
    }

    @Benchmark public void vqMaterialized(Blackhole bh) {
        series.resetDerived(); // include the prefix-sum pass
        MovingAverages.smaMany(series, Source.CLOSE, windows, outs);
        bh.consume(outs[99].get(ValueLayout.JAVA_DOUBLE, (long) (BARS - 1) * 8));
    }

    @Benchmark public void talibMaterialized(Blackhole bh) {
        for (int j = 0; j < windows.length; j++) core.sma(0, BARS - 1, close, windows[j], beg, nb, taOuts[j]);
        bh.consume(taOuts[99][BARS / 2]);
    }

    @Benchmark public void vqStreaming(Blackhole bh) {
        series.resetDerived();
        MovingAverages.smaMany(series, Source.CLOSE, windows, 512, (from, rows, block, stride) -> bh.consume(block));
    }

    @Benchmark public void talibReusedArray(Blackhole bh) {
        for (int j = 0; j < windows.length; j++) {
            core.sma(0, BARS - 1, close, windows[j], beg, nb, taOne);
            bh.consume(taOne[BARS / 2]);
        }
    }
}
