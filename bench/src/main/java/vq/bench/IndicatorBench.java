package vq.bench;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Intervals;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.kernels.indicators.BarSeries;
import vq.kernels.indicators.IndicatorType;
import vq.kernels.indicators.Indicators;
import vq.kernels.indicators.Params;

/**
 * Indicator throughput, single thread, vq's SIMD kernels side by side with TA-Lib's Java port (com.tictactec:ta-lib
 * 0.4.0) in the same run, over {@value #BARS} bars (ms per call; bars/s = BARS / time).
 *
 * <p>Data: the first 1 M real BTCUSDT 1m bars of ../shared/data (imported into a temporary catalog during setup) when
 * {@code -Dvq.shared.data=DIR} points at it, else a seeded random walk. Our side reads the catalog's chunks copied
 * once into a contiguous off-heap {@link BarSeries}; before each call the series' cached prefix sums and derived
 * prices are marked stale ({@link BarSeries#resetDerived}), so a first computation is timed. Outputs go to preallocated buffers on both sides.
 *
 * <p>Run: {@code java -jar bench/target/vq-bench.jar IndicatorBench -f 1 -wi 2 -i 3 -w 1 -r 1
 * -jvmArgsAppend "-Dvq.shared.data=..."} (the JVM flags of JAVA-STACK.md are set by {@link Fork}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class IndicatorBench {
    public static final int BARS = 1_000_000;

    @Param({"sma", "ema", "wma", "dema", "tema", "rsi", "macd", "stoch", "cci", "willr", "roc", "atr", "bbands", "keltner",
            "donchian", "obv", "vwap", "volume_sma", "mfi", "adx", "ichimoku"})
    public String indicator;

    Arena arena;
    BarSeries series;
    IndicatorType type;
    Params params;
    MemorySegment[] outs;
    double[] o, h, l, c, v;
    long[] ts;
    double[][] ta;
    final Core core = new Core();
    final MInteger beg = new MInteger(), nb = new MInteger();
    @Setup(Level.Trial) public void setup() throws Exception {
        arena = Arena.ofShared();
        Bars b = Bars.load(BARS, arena);
        series = b.series;
        o = b.o; h = b.h; l = b.l; c = b.c; v = b.v; ts = b.ts;
        type = Indicators.get(indicator);
        params = type.defaults();
        outs = new MemorySegment[type.outputs().size()];
        for (int i = 0; i < outs.length; i++) outs[i] = arena.allocate((long) BARS * 8, 64);
        ta = new double[6][BARS];
    }

    @TearDown(Level.Trial) public void tearDown() {
        arena.close();
    }

    @Benchmark public void vq(Blackhole bh) {
        series.resetDerived(); // time a first computation (prefix sums, typical price) without allocating
        type.compute(series, params, null, outs);
        bh.consume(outs[0].get(ValueLayout.JAVA_DOUBLE, (long) (BARS - 1) * 8));
    }

    @Benchmark public void talib(Blackhole bh) {
        int e = BARS - 1;
        double[] r0 = ta[0], r1 = ta[1], r2 = ta[2], r3 = ta[3], r4 = ta[4], r5 = ta[5];
        switch (indicator) {
            case "sma" -> core.sma(0, e, c, 20, beg, nb, r0);
            case "ema" -> core.ema(0, e, c, 20, beg, nb, r0);
            case "wma" -> core.wma(0, e, c, 20, beg, nb, r0);
            case "dema" -> core.dema(0, e, c, 20, beg, nb, r0);
            case "tema" -> core.tema(0, e, c, 20, beg, nb, r0);
            case "rsi" -> core.rsi(0, e, c, 14, beg, nb, r0);
            case "macd" -> core.macd(0, e, c, 12, 26, 9, beg, nb, r0, r1, r2);
            case "stoch" -> core.stoch(0, e, h, l, c, 14, 3, MAType.Sma, 3, MAType.Sma, beg, nb, r0, r1);
            case "cci" -> core.cci(0, e, h, l, c, 20, beg, nb, r0);
            case "willr" -> core.willR(0, e, h, l, c, 14, beg, nb, r0);
            case "roc" -> core.roc(0, e, c, 10, beg, nb, r0);
            case "atr" -> core.atr(0, e, h, l, c, 14, beg, nb, r0);
            case "bbands" -> {
                core.bbands(0, e, c, 20, 2.0, 2.0, MAType.Sma, beg, nb, r0, r1, r2);
                for (int i = 0; i < nb.value; i++) r3[i] = (r0[i] - r2[i]) / r1[i];
            }
            case "keltner" -> {
                core.ema(0, e, c, 20, beg, nb, r0);
                core.atr(0, e, h, l, c, 10, beg, nb, r1);
                for (int i = 0; i < nb.value; i++) { r2[i] = r0[i + 9] + 2 * r1[i]; r3[i] = r0[i + 9] - 2 * r1[i]; }
            }
            case "donchian" -> {
                core.max(0, e, h, 20, beg, nb, r0);
                core.min(0, e, l, 20, beg, nb, r1);
                for (int i = 0; i < nb.value; i++) r2[i] = (r0[i] + r1[i]) / 2.0;
            }
            case "obv" -> core.obv(0, e, c, v, beg, nb, r0);
            case "vwap" -> scalarVwap(r0); // no TA-Lib function: a plain scalar loop
            case "volume_sma" -> core.sma(0, e, v, 20, beg, nb, r0);
            case "mfi" -> core.mfi(0, e, h, l, c, v, 14, beg, nb, r0);
            case "adx" -> {
                core.adx(0, e, h, l, c, 14, beg, nb, r0);
                core.plusDI(0, e, h, l, c, 14, beg, nb, r1);
                core.minusDI(0, e, h, l, c, 14, beg, nb, r2);
            }
            case "ichimoku" -> { // no TA-Lib function: its MAX/MIN composed (tenkan 9, kijun 26, senkou_b 52)
                int[] w = {9, 26, 52};
                for (int k = 0; k < 3; k++) {
                    core.max(0, e, h, w[k], beg, nb, r4);
                    core.min(0, e, l, w[k], beg, nb, r5);
                    double[] dst = k == 0 ? r0 : k == 1 ? r1 : r2;
                    for (int i = 0; i < nb.value; i++) dst[i] = (r4[i] + r5[i]) / 2.0;
                }
                for (int i = 17; i < BARS - 26; i++) r3[i] = (r0[i - 17] + r1[i]) / 2.0;
            }
            default -> throw new IllegalStateException(indicator);
        }
        bh.consume(r0[BARS / 2]);
    }

    private void scalarVwap(double[] out) {
        double pv = 0, vol = 0;
        long day = Long.MIN_VALUE;
        for (int i = 0; i < BARS; i++) {
            long d = Math.floorDiv(ts[i], Intervals.NANOS_PER_DAY);
            if (d != day) { day = d; pv = 0; vol = 0; }
            pv += (h[i] + l[i] + c[i]) / 3.0 * v[i];
            vol += v[i];
            out[i] = vol == 0 ? Double.NaN : pv / vol;
        }
    }

    /** Bench input: real BTCUSDT bars through the catalog when available, else a seeded random walk. */
    static final class Bars {
        BarSeries series;
        double[] o, h, l, c, v;
        long[] ts;
        static Bars load(int n, Arena arena) throws Exception {
            Bars b = new Bars();
            String sd = System.getProperty("vq.shared.data");
            Path zips = sd == null ? null : Path.of(sd, "timealiver_BinanceDataGetter/spot_klines_1m/BTCUSDT");
            if (zips != null && Files.isDirectory(zips)) {
                // a catalog kept across forks: re-importing unchanged files is a no-op
                Catalog cat = Catalog.open(Path.of(System.getProperty("java.io.tmpdir"), "vq-bench-catalog"));
                Importer.importPaths(cat, List.of(zips), ImportOptions.defaults());
                try (DatasetReader r = cat.reader(DatasetKey.bars("binance", "spot", "BTCUSDT", "1m"))) {
                    var chunks = r.range(Long.MIN_VALUE, Long.MAX_VALUE);
                    long first = chunks.getFirst().ts(0);
                    // the first n bars
                    long[] all = DatasetReader.copyI64(chunks, "ts");
                    long to = all[n];
                    chunks = r.range(first, to);
                    b.series = BarSeries.copyOf(chunks, Intervals.NANOS_PER_MINUTE, arena);
                    b.ts = DatasetReader.copyI64(chunks, "ts");
                    b.o = DatasetReader.copyF64(chunks, "open");
                    b.h = DatasetReader.copyF64(chunks, "high");
                    b.l = DatasetReader.copyF64(chunks, "low");
                    b.c = DatasetReader.copyF64(chunks, "close");
                    b.v = DatasetReader.copyF64(chunks, "volume");
                }
                System.err.println("IndicatorBench: " + n + " real BTCUSDT 1m bars from " + zips);
                return b;
            }
            SplittableRandom r = new SplittableRandom(42);
            b.ts = new long[n];
            b.o = new double[n]; b.h = new double[n]; b.l = new double[n]; b.c = new double[n]; b.v = new double[n];
            double p = 30_000;
            for (int i = 0; i < n; i++) {
                b.ts[i] = 1_656_201_600_000_000_000L + i * Intervals.NANOS_PER_MINUTE;
                b.o[i] = p;
                p = Math.round((p + r.nextGaussian() * 12) * 100) / 100.0;
                b.c[i] = p;
                b.h[i] = Math.max(b.o[i], p) + Math.abs(r.nextGaussian()) * 5;
                b.l[i] = Math.min(b.o[i], p) - Math.abs(r.nextGaussian()) * 5;
                b.v[i] = Math.exp(r.nextGaussian());
            }
            b.series = BarSeries.of(Intervals.NANOS_PER_MINUTE, b.ts, b.o, b.h, b.l, b.c, b.v, arena);
            System.err.println("IndicatorBench: " + n + " synthetic bars (set -Dvq.shared.data for real BTCUSDT)");
            return b;
        }
    }
}
