package vq.bench.optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import vq.optimizer.store.Experiment;
import vq.optimizer.store.Metric;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.SweepResultsWriter;
import vq.optimizer.store.SyntheticRows;

/**
 * Writing a screen's results: {@code sets} rows of {@code sweep_results} (id, symbol, params JSON, all
 * {@value Metric#COUNT} metrics, Pareto rank, constraint flag) into a fresh results database in one
 * transaction, through {@link SweepResultsWriter} as {@code vq screen} does. One invocation = open a new
 * file, experiment row, every row, commit, close (issue target: 1,000,000 sets in under 2 s). The rows are
 * made in the trial setup ({@link SyntheticRows}), so only the store is timed. Before timing, one write is
 * read back and its row count and {@code sum(trades)} checked against what was written.
 *
 * <p>Run: {@code java -jar bench/target/vq-bench.jar ResultsWriteBench -wi 3 -i 8}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class ResultsWriteBench {
    @Param({"1000000"})
    int sets;

    double[][] metrics;
    String[] params;
    long sumTrades;
    Path dir;
    int file;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        metrics = new double[sets][Metric.COUNT];
        params = new String[sets];
        SyntheticRows rows = new SyntheticRows(42);
        for (int i = 0; i < sets; i++) {
            sumTrades += rows.next(metrics[i]);
            params[i] = "{\"fast\":" + (i % 1000 + 1) + ",\"slow\":" + (i / 1000 + 1) + "}";
        }
        dir = Files.createTempDirectory("vq-results-bench-");
        Path check = dir.resolve("check.duckdb");
        try (ResultsStore store = ResultsStore.open(check)) {
            write(store, "check");
            SyntheticRows.checkReadBack(store, sets, sumTrades);
        }
        Files.delete(check);
    }

    @Benchmark
    public long writeSweep() throws SQLException {
        Path db = dir.resolve("rep" + (file++) + ".duckdb");
        try (ResultsStore store = ResultsStore.open(db)) {
            return write(store, "bench");
        }
    }

    private long write(ResultsStore store, String id) throws SQLException {
        return store.inTransaction(tx -> {
            tx.putExperiment(new Experiment(id, id, "screen", "bench", null, "{}", List.of("BTCUSDT"), "1m", null, null,
                    "grid", 42L, (long) sets, "bench", null, "running", Instant.now(), null));
            try (SweepResultsWriter w = tx.sweepResults()) {
                for (int i = 0; i < sets; i++) w.add(id, i, "BTCUSDT", params[i], metrics[i], 1 + (i & 7), (i & 3) != 0);
            }
            tx.finishExperiment(id, "finished", Instant.now());
            return (long) sets;
        });
    }

    /** Deletes the files written (each invocation writes a new one: the target is a fresh file). */
    @TearDown(Level.Iteration)
    public void deleteFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
        }
    }

    @TearDown(Level.Trial)
    public void deleteDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
