package vq.bench;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;

/**
 * Full scan of one memory-mapped catalog column, single thread, mapping kept open (the {@link DatasetReader}
 * maps each segment once and is reused across invocations), file in the page cache after the first pass.
 * The dataset is a 16 M-row funding series (5 segments of up to 4 M rows) written through the catalog's own
 * writer; the benchmark sums its {@code rate} column (128 MiB of little-endian f64) with the Vector API, four
 * independent accumulators per chunk.
 *
 * <p>Score unit: <b>bytes per second</b> ({@code ops/s} with one op = one byte scanned), so 3.2E10 ops/s =
 * 32 GB/s. Run: {@code java -jar bench/target/vq-bench.jar ColumnScanBench} (see README, Performance).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class ColumnScanBench {
    static final int ROWS = 16 << 20;
    static final int BYTES = ROWS * 8;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    Path dir;
    DatasetReader reader;
    List<Chunk> chunks;
    int column;

    @Setup(Level.Trial) public void setup() throws IOException {
        dir = Files.createTempDirectory("vq-scan-bench");
        Catalog cat = Catalog.open(dir);
        DatasetKey key = new DatasetKey("bench", "futures-um", "SYN", Dataset.FUNDING, null);
        long t0 = 1_700_000_000L * 1_000_000_000L;
        try (DatasetWriter w = cat.writer(key)) {
            for (int i = 0; i < ROWS; i++) { // 100 ms apart: 19 days, so segments are cut by the 4 M-row limit
                w.beginRow(t0 + i * 100_000_000L);
                w.f64(1, (i % 1000) * 1e-6);
                w.f64(2, Double.NaN);
            }
            w.commit(Map.of("format", "bench"));
        }
        reader = cat.reader(key);
        chunks = reader.all();
        column = Dataset.FUNDING.index("rate");
        if (chunks.stream().mapToLong(Chunk::rows).sum() != ROWS) throw new IllegalStateException("unexpected row count");
    }

    @TearDown(Level.Trial) public void tearDown() throws IOException {
        reader.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Sum of the whole column (one op = one byte). */
    @Benchmark @OperationsPerInvocation(BYTES)
    public double scanRate() {
        double total = 0;
        for (Chunk c : chunks) total += sum(c.column(column), c.rows());
        return total;
    }

    static double sum(MemorySegment seg, long rows) {
        int lanes = S.length();
        long step = 4L * lanes, bound = rows - rows % step;
        DoubleVector a = DoubleVector.zero(S), b = DoubleVector.zero(S), c = DoubleVector.zero(S), d = DoubleVector.zero(S);
        long i = 0;
        for (; i < bound; i += step) {
            a = a.add(DoubleVector.fromMemorySegment(S, seg, i * 8, ByteOrder.LITTLE_ENDIAN));
            b = b.add(DoubleVector.fromMemorySegment(S, seg, (i + lanes) * 8, ByteOrder.LITTLE_ENDIAN));
            c = c.add(DoubleVector.fromMemorySegment(S, seg, (i + 2L * lanes) * 8, ByteOrder.LITTLE_ENDIAN));
            d = d.add(DoubleVector.fromMemorySegment(S, seg, (i + 3L * lanes) * 8, ByteOrder.LITTLE_ENDIAN));
        }
        double s = a.add(b).add(c).add(d).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < rows; i++) s += seg.getAtIndex(vq.columnar.ColumnType.DOUBLE_LE, i);
        return s;
    }
}
