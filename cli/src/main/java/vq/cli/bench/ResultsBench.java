package vq.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.Metric;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.SweepResultsWriter;
import vq.optimizer.store.SyntheticRows;

/**
 * {@code vq bench results}: time to write the results of N parameter sets (one {@code sweep_results}
 * row each: id, symbol, params JSON, all {@value Metric#COUNT} metrics, Pareto rank, constraint flag)
 * into a fresh DuckDB file, in one transaction through {@link SweepResultsWriter} — exactly the path
 * {@code vq screen} uses. The clock covers opening the store, the experiment row, every append and
 * the commit; generating the values is part of it too (a cheap SplitMix64 sequence) so the number
 * is an upper bound for the store's share. Prints the load average, because on a shared machine it
 * decides the wall time, and the process CPU time, which contention inflates much less.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Write N parameter sets' results to a fresh results database (the sweep_results writer vq screen uses, one transaction), repeat, print times.",
                "Target: 1,000,000 sets in under 2 s."})
public final class ResultsBench implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--sets", defaultValue = "1000000", description = "Parameter sets (rows) per repetition (default: ${DEFAULT-VALUE}).")
    int sets;

    @Option(names = "--reps", defaultValue = "3", description = "Repetitions, each into a new file (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (sets < 1 || reps < 1) throw new vq.columnar.InputException("--sets and --reps must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "machine: %d cpus, %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), loadAverage());
        out.printf(Locale.ROOT, "settings: %,d parameter sets x 1 symbol, %d metric columns + id, symbol, params JSON, rank, flag; %d reps%n",
                sets, Metric.COUNT, reps);
        double[] secs = new double[reps];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Path dir = Files.createTempDirectory("vq-bench-results-");
        try {
            for (int r = 0; r < reps; r++) {
                Path db = dir.resolve("rep" + r + ".duckdb");
                long t0 = System.nanoTime(), cpu0 = os.getProcessCpuTime();
                long digest;
                double cpu, openSecs;
                try (ResultsStore store = ResultsStore.open(db)) {
                    openSecs = (System.nanoTime() - t0) / 1e9;
                    digest = write(store, "bench-" + r);
                    secs[r] = (System.nanoTime() - t0) / 1e9;
                    cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                    SyntheticRows.checkReadBack(store, sets, digest);
                }
                out.printf(Locale.ROOT, "rep %d: %.3f s wall (open %.3f s, rows and commit %.3f s), %.3f s CPU (all threads)  "
                        + "(%,.0f sets/s, file %.1f MB, digest sum(trades)=%d)%n",
                        r, secs[r], openSecs, secs[r] - openSecs, cpu, sets / secs[r], Files.size(db) / 1e6, digest);
                out.flush();
                Files.deleteIfExists(db);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double[] sorted = secs.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "best %.3f s, median %.3f s for %,d sets (target < 2 s for 1,000,000); load average now %s%n",
                sorted[0], sorted[reps / 2], sets, loadAverage());
        out.flush();
        return 0;
    }

    private long write(ResultsStore store, String id) throws Exception {
        return store.inTransaction(tx -> {
            tx.putExperiment(new Experiment(id, id, "screen", "bench", null, "{\"fast\":{\"min\":1,\"max\":1000},\"slow\":{\"min\":1,\"max\":1000}}",
                    java.util.List.of("BTCUSDT"), "1m", null, null, "grid", seed, (long) sets, "bench", null, "running", Instant.now(), null));
            long sumTrades = 0;
            SyntheticRows rows = new SyntheticRows(seed);
            double[] m = new double[Metric.COUNT];
            StringBuilder p = new StringBuilder(32);
            try (SweepResultsWriter w = tx.sweepResults()) {
                for (int i = 0; i < sets; i++) {
                    sumTrades += rows.next(m);
                    p.setLength(0);
                    p.append("{\"fast\":").append(i % 1000 + 1).append(",\"slow\":").append(i / 1000 + 1).append('}');
                    w.add(id, i, "BTCUSDT", p.toString(), m, 1 + (i & 7), (i & 3) != 0);
                }
            }
            tx.finishExperiment(id, "finished", Instant.now());
            return sumTrades;
        });
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
