package vq.data.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.InputException;

class SyntheticMarketTest {
    static final List<SyntheticMarket.SymbolSpec> SPECS = List.of(SyntheticMarket.SymbolSpec.defaults("BTCUSDT"),
            SyntheticMarket.SymbolSpec.defaults("ETHUSDT"), SyntheticMarket.SymbolSpec.defaults("SOLUSDT"));

    @Test void symbolsAreAlwaysLabelledSynthetic() {
        assertEquals("SYNBTCUSDT", SyntheticMarket.SymbolSpec.defaults("btcusdt").symbol());
        assertEquals("SYNBTCUSDT", SyntheticMarket.SymbolSpec.defaults("SYNBTCUSDT").symbol());
        assertThrows(InputException.class, () -> new SyntheticMarket.SymbolSpec("BTCUSDT", 1, 1, 0.5, 1, 1, 1, 1));
    }

    @Test void sameSeedSameFilesByteForByte(@TempDir Path dir) throws IOException {
        LocalDate from = LocalDate.of(2024, 1, 30), to = LocalDate.of(2024, 2, 2);
        var a = SyntheticWriter.write(SPECS, from, to, 7, dir.resolve("a"), null);
        var b = SyntheticWriter.write(SPECS, from, to, 7, dir.resolve("b"), null);
        var c = SyntheticWriter.write(SPECS, from, to, 8, dir.resolve("c"), null);
        assertEquals(12, a.klineFiles().size());
        assertEquals(6, a.fundingFiles().size()); // January and February for 3 symbols
        for (int i = 0; i < a.allZips().size(); i++) {
            Path pa = a.allZips().get(i), pb = b.allZips().get(i), pc = c.allZips().get(i);
            assertEquals(dir.resolve("a").relativize(pa), dir.resolve("b").relativize(pb));
            assertArrayEquals(Files.readAllBytes(pa), Files.readAllBytes(pb), pa.toString());
            assertArrayEquals(Files.readAllBytes(Path.of(pa + ".CHECKSUM")), Files.readAllBytes(Path.of(pb + ".CHECKSUM")));
            if (i < a.klineFiles().size()) // (a few funding events may all print exactly 0.01%)
                assertFalse(Arrays.equals(unzip(pa), unzip(pc)), "another seed gives other data: " + pc);
        }
        String readme = Files.readString(dir.resolve("a/README.txt"));
        assertTrue(readme.startsWith("SYNTHETIC MARKET DATA"), readme);
        assertTrue(readme.contains("seed: 7"));
    }

    @Test void filesAreBinanceVisionShaped(@TempDir Path dir) throws IOException {
        var r = SyntheticWriter.write(SPECS, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2), 1, dir, null);
        Path k = dir.resolve("data/futures/um/daily/klines/SYNETHUSDT/1m/SYNETHUSDT-1m-2024-03-02.zip");
        assertTrue(r.klineFiles().contains(k));
        String csv = new String(unzip(k), StandardCharsets.US_ASCII);
        String[] lines = csv.split("\n");
        assertEquals(SyntheticWriter.KLINE_HEADER, lines[0]);
        assertEquals(1 + 1440, lines.length);
        long t0 = LocalDate.of(2024, 3, 2).toEpochDay() * 86_400_000L;
        double prevClose = Double.NaN;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            assertEquals(12, f.length, lines[i]);
            long t = Long.parseLong(f[0]);
            assertEquals(t0 + (i - 1) * 60_000L, t);
            assertEquals(t + 59_999, Long.parseLong(f[6]));
            double o = Double.parseDouble(f[1]), h = Double.parseDouble(f[2]), l = Double.parseDouble(f[3]), c = Double.parseDouble(f[4]);
            assertTrue(l <= Math.min(o, c) && Math.max(o, c) <= h && l > 0, lines[i]);
            assertTrue(f[1].matches("\\d+\\.\\d{2}"), "ETH tick 0.01: " + f[1]);
            if (!Double.isNaN(prevClose)) assertEquals(prevClose, o, 0.0, "open = previous close");
            prevClose = c;
            double v = Double.parseDouble(f[5]), tbv = Double.parseDouble(f[9]);
            assertTrue(v > 0 && tbv >= 0 && tbv <= v, lines[i]);
            assertTrue(Long.parseLong(f[8]) >= 1);
            double q = Double.parseDouble(f[7]);
            assertTrue(q >= v * l * 0.999 && q <= v * h * 1.001, "quote volume within volume × [low, high]: " + lines[i]);
        }
        String fr = new String(unzip(dir.resolve("data/futures/um/monthly/fundingRate/SYNSOLUSDT/SYNSOLUSDT-fundingRate-2024-03.zip")),
                StandardCharsets.US_ASCII);
        String[] fl = fr.split("\n");
        assertEquals(SyntheticWriter.FUNDING_HEADER, fl[0]);
        assertEquals(1 + 6, fl.length);
        assertEquals(LocalDate.of(2024, 3, 1).toEpochDay() * 86_400_000L + 8 * 3_600_000L, Long.parseLong(fl[2].split(",")[0]));
        String checksum = Files.readString(Path.of(k + ".CHECKSUM"));
        assertEquals(SyntheticWriter.sha256(Files.readAllBytes(k)) + "  SYNETHUSDT-1m-2024-03-02.zip\n", checksum);
    }

    /** Volatility clustering, fat tails, correlation, level of volatility and the funding rule, over 60 days. */
    @Test void statisticsLookLikeAMarket() {
        SyntheticMarket m = new SyntheticMarket(SPECS, 42);
        int days = 60, n = days * 1440;
        double[][] r = new double[3][n];
        double[][] absR = new double[3][n];
        List<Double> rates = new ArrayList<>();
        LocalDate d = LocalDate.of(2024, 1, 1);
        double[] prev = new double[3];
        for (int day = 0; day < days; day++, d = d.plusDays(1)) {
            var g = m.generate(d);
            for (int s = 0; s < 3; s++) {
                var b = g.bars().get(s);
                for (int i = 0; i < 1440; i++) {
                    double c = StrictMath.log(b.close[i]);
                    int k = day * 1440 + i;
                    r[s][k] = k == 0 ? 0 : c - prev[s];
                    absR[s][k] = Math.abs(r[s][k]);
                    prev[s] = c;
                }
                assertEquals(3, g.funding().get(s).size());
                for (var f : g.funding().get(s)) rates.add(f.rate());
            }
        }
        for (int s = 0; s < 3; s++) {
            double annual = Math.sqrt(variance(r[s]) * SyntheticMarket.MINUTES_PER_YEAR);
            double target = SPECS.get(s).annualVol();
            assertTrue(annual > 0.7 * target && annual < 1.5 * target, "annual vol " + annual + " vs " + target);
            assertTrue(kurtosis(r[s]) > 4, "fat tails: kurtosis " + kurtosis(r[s]));
            // clustering: |r| is autocorrelated at lags of an hour (a plain iid series would give ~0)
            assertTrue(autocorr(absR[s], 60) > 0.1, "clustering: acf(|r|, 60) = " + autocorr(absR[s], 60));
        }
        double rhoBE = corr(r[0], r[1]);
        assertTrue(rhoBE > 0.6 && rhoBE < 0.95, "BTC/ETH minute correlation " + rhoBE);
        assertTrue(rates.stream().allMatch(x -> Math.abs(x) <= 0.0075));
        long exact = rates.stream().filter(x -> x == 0.0001).count();
        assertTrue(exact > rates.size() / 10 && exact < rates.size(), "some but not all rates exactly 0.01%: " + exact);
    }

    static byte[] unzip(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e = z.getNextEntry();
            assertNotNull(e);
            byte[] b = z.readAllBytes();
            assertNull(z.getNextEntry(), "one entry per zip");
            return b;
        }
    }

    static double mean(double[] x) { double s = 0; for (double v : x) s += v; return s / x.length; }

    static double variance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    static double kurtosis(double[] x) {
        double m = mean(x), s2 = 0, s4 = 0;
        for (double v : x) { double d = v - m; s2 += d * d; s4 += d * d * d * d; }
        s2 /= x.length; s4 /= x.length;
        return s4 / (s2 * s2);
    }

    static double autocorr(double[] x, int lag) {
        double m = mean(x), num = 0, den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - m) * (x[i] - m);
            if (i >= lag) num += (x[i] - m) * (x[i - lag] - m);
        }
        return num / den;
    }

    static double corr(double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.sqrt(saa * sbb);
    }
}
