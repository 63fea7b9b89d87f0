package vq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;

/**
 * End-to-end import of the real Binance spot 1m klines of one symbol (BTCUSDT: 731 daily ZIPs, 1,052,560
 * rows) into a fresh catalog per invocation: hashing, unzip, parse, checks, segment writes with fsync, raw
 * archive. Score unit: <b>rows per second</b> (one op = one kline row).
 *
 * <p>The data folder is {@code -Dvq.shared.data=DIR} or {@code ../shared/data} relative to the working
 * directory. Run from the repository root: {@code java -jar bench/target/vq-bench.jar KlineImportBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
public class KlineImportBench {
    static final int ROWS = 1_052_560;

    Path input;
    Path dir;

    @Setup(Level.Trial) public void locate() {
        String p = System.getProperty("vq.shared.data", "../shared/data");
        input = Path.of(p, "timealiver_BinanceDataGetter", "spot_klines_1m", "BTCUSDT").toAbsolutePath().normalize();
        if (!Files.isDirectory(input)) throw new IllegalStateException("real klines not found at " + input + " (set -Dvq.shared.data)");
    }

    @Setup(Level.Invocation) public void freshCatalog() throws IOException {
        dir = Files.createTempDirectory("vq-import-bench");
    }

    @TearDown(Level.Invocation) public void removeCatalog() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark @OperationsPerInvocation(ROWS)
    public long importBtcusdt() {
        ImportReport r = Importer.importPaths(Catalog.open(dir), List.of(input), ImportOptions.defaults());
        if (r.rows() != ROWS) throw new IllegalStateException("imported " + r.rows() + " rows, expected " + ROWS);
        return r.rows();
    }
}
