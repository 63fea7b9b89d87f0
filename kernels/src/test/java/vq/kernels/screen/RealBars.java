package vq.kernels.screen;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import vq.columnar.Intervals;

/**
 * Real Binance spot 1m klines from ../shared/data (read by path through the {@code vq.shared.data}
 * system property; never copied into the repo). In CI (env CI=true) missing data fails the test; elsewhere
 * the test is skipped when the folder is absent.
 */
final class RealBars {
    private RealBars() {}

    /** Whether the shared data folder is present; in CI a missing folder throws instead. */
    static boolean available() {
        String root = System.getProperty("vq.shared.data");
        Path p = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m");
        boolean present = p != null && Files.isDirectory(p);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI")))
            throw new IllegalStateException("shared data missing in CI: " + p + " (system property vq.shared.data)");
        return present;
    }

    static Path dir(String symbol) {
        String root = System.getProperty("vq.shared.data");
        Path p = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m", symbol);
        boolean present = p != null && Files.isDirectory(p);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI")))
            throw new IllegalStateException("shared data missing in CI: " + p + " (system property vq.shared.data)");
        assumeTrue(present, "shared data folder absent: " + p);
        return p;
    }

    /** {@code days} daily files from {@code first} (inclusive), concatenated; real gaps are kept. */
    static BarSeries load(String symbol, LocalDate first, int days) {
        Path d = dir(symbol);
        int cap = days * 1440;
        long[] ts = new long[cap];
        double[] o = new double[cap], h = new double[cap], l = new double[cap], c = new double[cap];
        int n = 0;
        for (int k = 0; k < days; k++) {
            String name = symbol + "-1m-" + first.plusDays(k) + ".zip";
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(d.resolve(name)))) {
                ZipEntry e = z.getNextEntry();
                if (e == null) throw new IllegalStateException(name + ": empty zip");
                BufferedReader r = new BufferedReader(new InputStreamReader(z, StandardCharsets.US_ASCII));
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.split(",");
                    ts[n] = Long.parseLong(f[0]) * Intervals.NANOS_PER_MILLI;
                    o[n] = Double.parseDouble(f[1]); h[n] = Double.parseDouble(f[2]);
                    l[n] = Double.parseDouble(f[3]); c[n] = Double.parseDouble(f[4]);
                    n++;
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(name, ex);
            }
        }
        return new BarSeries(symbol, Intervals.NANOS_PER_MINUTE, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(o, n),
                java.util.Arrays.copyOf(h, n), java.util.Arrays.copyOf(l, n), java.util.Arrays.copyOf(c, n));
    }
}
