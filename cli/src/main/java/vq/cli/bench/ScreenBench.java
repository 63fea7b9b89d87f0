package vq.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.kernels.indicators.IndicatorCache;
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
import vq.kernels.screen.StrategySignals;
import vq.kernels.screen.Windows;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.Strategies;

/** {@code vq bench screen}: screening throughput with fixed inputs (bar·parameter-sets per second). */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screening throughput on a fixed-seed random-walk series (1m bars): 'kernel' = the SIMD simulator with full "
                + "metrics, stops, take-profits, 3x leverage with liquidation prices and 8-hourly funding, on precomputed crossover-like "
                + "signals; 'end-to-end' = the same plus the strategy's own signal masks (DSL, indicator cache) for a seeded random "
                + "sample of its sweep. Prints bar·parameter-sets/s (wall and per CPU-second) and a digest of the metrics."})
public final class ScreenBench implements Callable<Integer> {
    @Option(names = "--bars", defaultValue = "1051200", description = "Bars (default ${DEFAULT-VALUE} = 2 years of 1m).")
    int bars;

    @Option(names = "--sets", defaultValue = "2048", description = "Parameter sets (default ${DEFAULT-VALUE}).")
    int sets;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Option(names = "--runs", defaultValue = "2", description = "Measured runs after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of bars, signals and the sample (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--block", defaultValue = "4096", description = "Bars per cache block, a multiple of 64 (default ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--flip-bars", defaultValue = "300", description = "Kernel mode: mean bars between a set's signal flips (default ${DEFAULT-VALUE}; sma_cross on 1m bars flips about every 100).")
    int flipBars;

    @Option(names = "--kernel", defaultValue = "walk", description = "Screening kernel: walk or lanes (default ${DEFAULT-VALUE}; see vq screen --help).")
    String kernel;
    private Screener.Kernel kernelChoice;

    @Option(names = "--mode", defaultValue = "both", description = "kernel, end-to-end or both (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--strategy", defaultValue = "configs/strategies/sma_cross.yaml", description = "Strategy for end-to-end (default ${DEFAULT-VALUE}).")
    Path strategy;

    @Override public Integer call() throws Exception {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("machine: %d cores, %s %s, Java %s, load average %.1f, %d SIMD lanes (f64)%n", os.getAvailableProcessors(),
                os.getName(), os.getArch(), Runtime.version(), os.getSystemLoadAverage(), Screener.lanes());
        if (block < 64 || block % 64 != 0) throw new vq.columnar.InputException("--block must be a positive multiple of 64, got " + block);
        if (flipBars < 1) throw new vq.columnar.InputException("--flip-bars must be >= 1, got " + flipBars);
        try { kernelChoice = Screener.Kernel.parse(kernel); } catch (IllegalArgumentException e) { throw new vq.columnar.InputException("--kernel: " + e.getMessage()); }
        System.out.printf("input:   %,d random-walk 1m bars (seed %d), %,d parameter sets, %d threads, block %d, kernel %s%n", bars, seed, sets, t, block,
                kernelChoice.name().toLowerCase(java.util.Locale.ROOT));
        BarSeries series = BenchFixtures.randomWalk(bars, seed);
        FundingSchedule funding = FundingSchedule.constant(series, 0.0001, FundingSchedule.EIGHT_HOURS_NANOS);
        VenueSpec v = VenueSpec.binanceFuturesUm();
        if (mode.equals("kernel") || mode.equals("both")) {
            ExecutionSpec spec = new ExecutionSpec(10_000, 0.0005, 0.0002, v.symbol("BTCUSDT").liquidationClearanceFeeRate(), v.brackets("BTCUSDT"), Sides.BOTH);
            System.out.printf("kernel signals: each set's direction flips every ~%,d bars (--flip-bars)%n", flipBars);
            measure("kernel", series, funding, spec, LaneParams.uniform(sets, 3, 0.5, 0.02, 0.04), BenchFixtures.flips(sets, bars, flipBars, seed), t, os);
        }
        if (mode.equals("end-to-end") || mode.equals("both")) {
            CompiledStrategy cs = Strategies.compile(strategy);
            double[][] sample = cs.parameters().sample(sets, seed);
            try (IndicatorCache cache = new IndicatorCache((sym, f, to, arena) -> vq.kernels.indicators.BarSeries.of(series.intervalNanos(),
                    series.tsNanos(), series.open(), series.high(), series.low(), series.close(), null, arena));
                 IndicatorInputs in = new IndicatorInputs(cache, "BTCUSDT", cs.spec().timeframe(), Long.MIN_VALUE, Long.MAX_VALUE)) {
                long p0 = System.nanoTime();
                int windows = in.prefetch(cs, sample);
                System.out.printf("end-to-end indicator prefetch: %d SMA windows in %.2f s (not in the rates below)%n", windows, (System.nanoTime() - p0) / 1e9);
                CompiledStrategy.Market m = cs.on(in);
                LaneParams lanes = StrategySignals.laneParams(m, sample, Double.NaN, Double.NaN);
                ExecutionSpec spec = new ExecutionSpec(10_000, 0.0005, 0.0002, v.symbol("BTCUSDT").liquidationClearanceFeeRate(), v.brackets("BTCUSDT"),
                        StrategySignals.sides(m, sample[0]));
                System.out.printf("end-to-end strategy: %s (%s), random sample of %,d sets%n", cs.spec().name(), strategy, sets);
                measure("end-to-end", series, funding, spec, lanes, new StrategySignals(m, sample), t, os);
            }
        }
        return 0;
    }

    private void measure(String what, BarSeries series, FundingSchedule funding, ExecutionSpec spec, LaneParams lanes, SignalSource sig,
                         int t, com.sun.management.OperatingSystemMXBean os) throws Exception {
        java.util.List<Double> wall = new java.util.ArrayList<>(), perCpu = new java.util.ArrayList<>();
        for (int r = 0; r <= runs; r++) {
            long cpu0 = os.getProcessCpuTime();
            ScreenResult res = Screener.run(series, funding, spec, lanes, sig, Windows.none(), new Screener.Options(t, block, kernelChoice), null);
            long cpu = os.getProcessCpuTime() - cpu0;
            double work = (double) series.size() * lanes.size();
            System.out.printf("%-10s %s: %,.0f bar·sets in %.2f s = %,.1f M bar·sets/s wall, %,.1f M per CPU-second; digest %s%n", what,
                    r == 0 ? "warm-up" : "run " + r, work, res.elapsedNanos() / 1e9, res.barSetsPerSecond() / 1e6, work / (cpu / 1e9) / 1e6,
                    digest(res.metrics()));
            if (r > 0) {
                wall.add(res.barSetsPerSecond() / 1e6);
                perCpu.add(work / (cpu / 1e9) / 1e6);
            }
        }
        if (runs > 1) {
            System.out.printf("%-10s median of %d runs: %,.1f M bar·sets/s wall, %,.1f M per CPU-second (target: 2,000 M wall end to end)%n", what, runs,
                    BenchImportCommand.median(wall), BenchImportCommand.median(perCpu));
        }
    }

    static String digest(double[] m) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(8);
        for (double d : m) { b.clear(); b.putDouble(d); md.update(b.array()); }
        return HexFormat.of().formatHex(md.digest(), 0, 8);
    }

    static List<String> modes() { return List.of("kernel", "end-to-end", "both"); }
}
