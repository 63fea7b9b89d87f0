package vq.data.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetWriter;
import vq.columnar.Intervals;

/**
 * Test access to ../shared/data (system property {@code vq.shared.data}, set by surefire). In CI (CI=true) a missing
 * folder fails; elsewhere the test is skipped.
 */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p);
        boolean present = d != null && Files.isDirectory(d);
        if (!present && "true".equals(System.getenv("CI")))
            throw new IllegalStateException("shared data folder missing in CI: " + d);
        assumeTrue(present, "shared data folder absent: " + d);
        return d;
    }

    /** The daily 1m spot kline ZIP of a symbol and day (yyyy-mm-dd). */
    public static Path spotKline(String symbol, String day) {
        return dir().resolve("timealiver_BinanceDataGetter/spot_klines_1m/" + symbol + "/" + symbol + "-1m-" + day + ".zip");
    }

    /**
     * Test-only loader: writes the rows of headerless Binance kline ZIPs straight into a bars dataset (no checks).
     * Used where a test needs real bars in a catalog independently of the importer.
     */
    public static long loadKlines(Catalog catalog, DatasetKey key, Iterable<Path> zips) throws IOException {
        long rows = 0;
        try (DatasetWriter w = catalog.writer(key)) {
            for (Path zip : zips) {
                try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
                    ZipEntry e = z.getNextEntry();
                    BufferedReader r = new BufferedReader(new InputStreamReader(z, StandardCharsets.US_ASCII));
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.isEmpty() || !Character.isDigit(line.charAt(0))) continue;
                        String[] f = line.split(",");
                        w.beginRow(Long.parseLong(f[0]) * Intervals.NANOS_PER_MILLI);
                        for (int c = 1; c <= 5; c++) w.f64(c, Double.parseDouble(f[c]));
                        w.f64(6, Double.parseDouble(f[7]));
                        w.i64(7, Long.parseLong(f[8]));
                        w.f64(8, Double.parseDouble(f[9]));
                        w.f64(9, Double.parseDouble(f[10]));
                        rows++;
                    }
                    if (e == null) throw new IOException("empty zip " + zip);
                }
            }
            w.commit(Map.of("format", "test-loader"));
        }
        return rows;
    }

}
