package vq.data.resample;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.columnar.Manifest;
import vq.data.testing.SharedData;

class ResamplerTest {
    static final long MIN = Intervals.NANOS_PER_MINUTE;

    /** 1h bars from real BTCUSDT 1m data (with the 2023-03-24 halt) equal DuckDB's independent aggregation of the CSVs. */
    @Test void hourlyBarsOfRealBtcEqualAnIndependentAggregation(@TempDir Path dir) throws Exception {
        List<Path> zips = new ArrayList<>();
        Path csvDir = Files.createDirectories(dir.resolve("csv"));
        for (LocalDate d = LocalDate.of(2023, 3, 20); !d.isAfter(LocalDate.of(2023, 3, 27)); d = d.plusDays(1)) {
            Path zip = SharedData.spotKline("BTCUSDT", d.toString());
            zips.add(zip);
            try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in);
                 OutputStream out = Files.newOutputStream(csvDir.resolve(d + ".csv"))) {
                z.getNextEntry();
                z.transferTo(out);
            }
        }
        Catalog cat = Catalog.open(dir.resolve("catalog"));
        DatasetKey m1 = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");
        assertEquals(8 * 1440 - 80, SharedData.loadKlines(cat, m1, zips));

        Resampler.Result r = Resampler.resample(cat, m1, "1h");
        assertEquals(8 * 24 - 1, r.rows(), "the 13:00 hour of 2023-03-24 has no bar at all");
        assertEquals(1, r.partial());
        assertEquals(Intervals.iso(1679659200L * Intervals.NANOS_PER_SECOND), Intervals.iso(r.partialList().getFirst()[0]));
        assertEquals(40, r.partialList().getFirst()[1], "12:00..12:39 present");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             DatasetReader h1 = cat.reader(r.target())) {
            st.execute("SET autoinstall_known_extensions=false");
            ResultSet rs = st.executeQuery("""
                    SELECT (t // 3600000) * 3600000 AS b, arg_min(o, t), max(h), min(l), arg_max(c, t), sum(v), sum(q),
                           sum(n)::BIGINT, sum(tb), sum(tq), count(*)
                    FROM read_csv('%s/*.csv', header = false, columns = {'t': 'BIGINT', 'o': 'DOUBLE', 'h': 'DOUBLE',
                         'l': 'DOUBLE', 'c': 'DOUBLE', 'v': 'DOUBLE', 'ct': 'BIGINT', 'q': 'DOUBLE', 'n': 'BIGINT',
                         'tb': 'DOUBLE', 'tq': 'DOUBLE', 'ig': 'VARCHAR'})
                    GROUP BY b ORDER BY b""".formatted(csvDir));
            var chunks = h1.all();
            long[] ts = DatasetReader.copyI64(chunks, "ts");
            long[] trades = DatasetReader.copyI64(chunks, "trades");
            String[] cols = {"open", "high", "low", "close", "volume", "quote_volume"};
            double[][] v = new double[cols.length][];
            for (int i = 0; i < cols.length; i++) v[i] = DatasetReader.copyF64(chunks, cols[i]);
            double[] tbv = DatasetReader.copyF64(chunks, "taker_buy_volume"), tbq = DatasetReader.copyF64(chunks, "taker_buy_quote_volume");
            int row = 0;
            while (rs.next()) {
                assertEquals(rs.getLong(1) * Intervals.NANOS_PER_MILLI, ts[row], "bucket " + row);
                for (int i = 0; i < 4; i++) assertEquals(rs.getDouble(2 + i), v[i][row], 0.0, cols[i] + " at " + Intervals.iso(ts[row]));
                assertEquals(rs.getDouble(6), v[4][row], 1e-9 * rs.getDouble(6), "volume");
                assertEquals(rs.getDouble(7), v[5][row], 1e-9 * rs.getDouble(7), "quote_volume");
                assertEquals(rs.getLong(8), trades[row]);
                assertEquals(rs.getDouble(9), tbv[row], 1e-9 * rs.getDouble(9));
                assertEquals(rs.getDouble(10), tbq[row], 1e-9 * rs.getDouble(10));
                row++;
            }
            assertEquals(ts.length, row);
        }

        Resampler.Result d1 = Resampler.resample(cat, m1, "1d");
        assertEquals(8, d1.rows());
        assertEquals(1, d1.partial());
        assertEquals(1360, d1.partialList().getFirst()[1]);
        Manifest dm = cat.manifest(d1.target()).orElseThrow();
        assertEquals(1, Resampler.partialBuckets(dm));
        assertEquals("2023-03-24T00:00:00Z/1360", dm.imports().getLast().options().get("partial_list"));
        assertEquals(-1, Resampler.partialBuckets(cat.manifest(m1).orElseThrow()));
    }

    @Test void alignsToUtcMarksPartialLastBucketAndReplacesAtomically(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        DatasetKey m1 = DatasetKey.bars("test", "spot", "X", "1m");
        long t0 = 1704067200L * Intervals.NANOS_PER_SECOND + 3 * Intervals.NANOS_PER_HOUR + 30 * MIN; // 2024-01-01 03:30
        try (DatasetWriter w = cat.writer(m1)) {
            for (int i = 0; i < 300; i++) { // 03:30 .. 08:29
                w.beginRow(t0 + i * MIN);
                w.f64(1, 100 + i); w.f64(2, 101 + i); w.f64(3, 99 + i); w.f64(4, 100.5 + i);
                w.f64(5, 1); w.f64(6, 100); w.i64(7, 2); w.f64(8, 0.5); w.f64(9, 50);
            }
            w.commit(Map.of());
        }
        Resampler.Result r = Resampler.resample(cat, m1, "4h");
        try (DatasetReader rd = cat.reader(r.target())) {
            long[] ts = DatasetReader.copyI64(rd.all(), "ts");
            assertArrayEquals(new long[] {t0 - 210 * MIN, t0 + 30 * MIN, t0 + 270 * MIN}, ts, "buckets at 00, 04, 08 UTC");
            double[] open = DatasetReader.copyF64(rd.all(), "open"), close = DatasetReader.copyF64(rd.all(), "close");
            assertEquals(100, open[0]);
            assertEquals(100.5 + 29, close[0]);
            assertEquals(130, open[1]);
            assertArrayEquals(new long[] {60, 480, 60}, DatasetReader.copyI64(rd.all(), "trades"), "trades summed");
        }
        assertEquals(2, r.partial(), "first (30 bars) and last (30 bars) buckets are partial");
        // re-running replaces, not appends
        Resampler.Result again = Resampler.resample(cat, m1, "4h");
        assertEquals(3, cat.manifest(again.target()).orElseThrow().rows());
        assertThrows(InputException.class, () -> Resampler.resample(cat, m1, "7m"));
        assertThrows(InputException.class, () -> Resampler.resample(cat, m1, "1m"));
        assertThrows(InputException.class, () -> Resampler.resample(cat, DatasetKey.bars("test", "spot", "Y", "1m"), "1h"));
    }
}
