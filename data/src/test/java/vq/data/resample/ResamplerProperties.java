package vq.data.resample;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;
import vq.columnar.Intervals;

/** Resampling composes: 1m → 15m equals 1m → 5m → 15m; partial counts match a brute-force count of missing minutes. */
class ResamplerProperties {
    @Property(tries = 25)
    void resamplingComposesAndCountsPartialBuckets(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int bars,
                                                   @ForAll @IntRange(min = 0, max = 30) int dropPercent) throws Exception {
        Path dir = Files.createTempDirectory("vq-resample-prop");
        try {
            Catalog cat = Catalog.open(dir);
            DatasetKey m1 = DatasetKey.bars("t", "spot", "X", "1m");
            Random r = new Random(seed);
            long t0 = 1704067200L * Intervals.NANOS_PER_SECOND + r.nextInt(1440) * Intervals.NANOS_PER_MINUTE;
            java.util.TreeMap<Long, Integer> perBucket15 = new java.util.TreeMap<>();
            int written = 0;
            try (DatasetWriter w = cat.writer(m1)) {
                double px = 100;
                for (int i = 0; i < bars; i++) {
                    if (r.nextInt(100) < dropPercent) continue;
                    long ts = t0 + i * Intervals.NANOS_PER_MINUTE;
                    double o = px, c = px * Math.exp(r.nextGaussian() * 0.001);
                    w.beginRow(ts);
                    w.f64(1, o); w.f64(2, Math.max(o, c) * 1.0005); w.f64(3, Math.min(o, c) * 0.9995); w.f64(4, c);
                    w.f64(5, r.nextDouble()); w.f64(6, r.nextDouble() * 100); w.i64(7, r.nextInt(50)); w.f64(8, 0.25); w.f64(9, 25);
                    px = c;
                    perBucket15.merge(Math.floorDiv(ts, 15 * Intervals.NANOS_PER_MINUTE) * 15 * Intervals.NANOS_PER_MINUTE, 1, Integer::sum);
                    written++;
                }
                w.commit(Map.of());
            }
            if (written == 0) return;
            Resampler.Result direct = Resampler.resample(cat, m1, "15m");
            Resampler.resample(cat, m1, "5m");
            DatasetKey m5 = DatasetKey.bars("t", "spot", "X", "5m");
            DatasetKey m15 = DatasetKey.bars("t", "spot", "X", "15m");
            long[] ts1; double[][] v1 = new double[6][]; long[] tr1;
            String[] cols = {"open", "high", "low", "close", "volume", "quote_volume"};
            try (DatasetReader a = cat.reader(m15)) {
                ts1 = DatasetReader.copyI64(a.all(), "ts");
                tr1 = DatasetReader.copyI64(a.all(), "trades");
                for (int i = 0; i < 6; i++) v1[i] = DatasetReader.copyF64(a.all(), cols[i]);
            }
            assertEquals(perBucket15.size(), ts1.length);
            assertEquals(perBucket15.values().stream().filter(n -> n < 15).count(), direct.partial());
            // now 15m from the 5m bars (replaces the 15m dataset)
            Resampler.resample(cat, m5, "15m");
            try (DatasetReader b = cat.reader(m15)) {
                assertArrayEquals(ts1, DatasetReader.copyI64(b.all(), "ts"));
                assertArrayEquals(tr1, DatasetReader.copyI64(b.all(), "trades"));
                for (int i = 0; i < 4; i++) assertArrayEquals(v1[i], DatasetReader.copyF64(b.all(), cols[i]), 0.0, cols[i]);
                for (int i = 4; i < 6; i++) assertArrayEquals(v1[i], DatasetReader.copyF64(b.all(), cols[i]), 1e-9, cols[i]);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
