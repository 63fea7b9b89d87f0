package vq.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real Binance data from ../shared/data, read by path (system property {@code vq.shared.data}); never
 * copied into the repo. In CI (CI=true) missing data fails; elsewhere the test is skipped when absent.
 */
final class RealData {
    static final long MIN = 60_000_000_000L;

    private RealData() {}

    static Path root(String sub) {
        String r = System.getProperty("vq.shared.data");
        Path p = r == null ? null : Path.of(r).resolve(sub);
        boolean present = p != null && Files.exists(p);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI")))
            throw new IllegalStateException("shared data missing in CI: " + p + " (system property vq.shared.data)");
        assumeTrue(present, "shared data absent: " + p);
        return p;
    }

    /** {ts(ns), open, high, low, close, volume} of {@code days} daily spot 1m files from {@code first}. */
    static Object[] bars(String symbol, LocalDate first, int days) {
        Path d = root("timealiver_BinanceDataGetter/spot_klines_1m/" + symbol);
        int cap = days * 1440;
        long[] ts = new long[cap];
        double[] o = new double[cap], h = new double[cap], l = new double[cap], c = new double[cap], v = new double[cap];
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
                    ts[n] = Long.parseLong(f[0]) * 1_000_000L;
                    o[n] = Double.parseDouble(f[1]);
                    h[n] = Double.parseDouble(f[2]);
                    l[n] = Double.parseDouble(f[3]);
                    c[n] = Double.parseDouble(f[4]);
                    v[n] = Double.parseDouble(f[5]);
                    n++;
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(name, ex);
            }
        }
        return new Object[] {Arrays.copyOf(ts, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n), Arrays.copyOf(l, n),
                Arrays.copyOf(c, n), Arrays.copyOf(v, n)};
    }

    /** Binance USD-M funding events (2024-01-01 … 2024-06-25): {ts(ns), rate}. */
    static Object[] funding(String symbol) {
        Path f = root("cristianmanoliu_fin-trading-engine/funding_excerpt_2024-01-01_2024-06-25/" + symbol + ".csv");
        try {
            List<String> lines = Files.readAllLines(f);
            long[] ts = new long[lines.size() - 1];
            double[] rate = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] p = lines.get(i).split(",");
                ts[i - 1] = Long.parseLong(p[0]) * 1_000_000L;
                rate[i - 1] = Double.parseDouble(p[1].replace("\"", ""));
            }
            return new Object[] {ts, rate};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] sma(double[] x, int p) {
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= p) sum -= x[i - p];
            out[i] = i >= p - 1 ? sum / p : Double.NaN;
        }
        return out;
    }

    /** [0] fast crosses above slow, [1] crosses below. */
    static boolean[][] cross(double[] close, int fast, int slow) {
        double[] f = sma(close, fast), s = sma(close, slow);
        boolean[] up = new boolean[close.length], down = new boolean[close.length];
        for (int i = 1; i < close.length; i++) {
            if (Double.isNaN(s[i - 1])) continue;
            up[i] = f[i] > s[i] && f[i - 1] <= s[i - 1];
            down[i] = f[i] < s[i] && f[i - 1] >= s[i - 1];
        }
        return new boolean[][] {up, down};
    }
}
