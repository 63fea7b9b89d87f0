package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vq.columnar.Dataset;

/**
 * The one-pass Binance kline row ({@link ByteCsv#klineRow}, used by {@link CsvRows} for Binance's kline layout) gives
 * the values {@link Double#parseDouble}/{@link Long#parseLong} give on each field's text, and hands every line it
 * does not take whole to the field-by-field path, whose errors name file, line and field.
 */
class KlineRowTest {
    static final long T0 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC in ms

    /** Rows of {@code csv} through CsvRows, as {ts, open..taker_buy_quote_volume, trades} per row. */
    static List<double[]> read(String csv, List<Long> ts, List<Long> trades) {
        byte[] b = csv.getBytes(StandardCharsets.US_ASCII);
        List<double[]> out = new ArrayList<>();
        Block.Sink sink = full -> {
            RowBlock rb = full.byDataset[Dataset.BARS.ordinal()];
            for (int r = 0; rb != null && r < rb.size; r++) {
                double[] v = new double[10];
                for (int c = 1; c <= 9; c++) if (c != 7) v[c] = rb.f64[c][r];
                out.add(v);
                ts.add(rb.ts[r]);
                trades.add(rb.i64[7][r]);
            }
            return full.next();
        };
        CsvRows.read(SourceKind.KLINES, new ByteCsv(b, 0, b.length, "k.csv"), Map.of(), new Timestamps.Detector(null), sink);
        return out;
    }

    /** A decimal of random shape: integer digits, fraction digits (0 to 17), sometimes a sign or an exponent. */
    static String number(Random rnd, boolean price) {
        StringBuilder s = new StringBuilder();
        if (rnd.nextInt(20) == 0) s.append('+');
        int intDigits = rnd.nextInt(9);
        s.append(intDigits == 0 ? "0" : Long.toString(1 + (long) (rnd.nextDouble() * (Math.pow(10, intDigits) - 1))));
        int frac = rnd.nextInt(18);
        if (frac > 0 || rnd.nextInt(5) == 0) {
            s.append('.');
            for (int i = 0; i < frac; i++) s.append((char) ('0' + rnd.nextInt(10)));
        }
        if (rnd.nextInt(15) == 0) s.append(rnd.nextBoolean() ? "e" : "E").append(rnd.nextBoolean() ? "-" : "").append(rnd.nextInt(5));
        if (price && Double.parseDouble(s.toString()) == 0) return "1.5"; // prices must be > 0
        return s.toString();
    }

    @Test void valuesAreThoseOfTheJdkParsersOnEachField() {
        Random rnd = new Random(7);
        StringBuilder csv = new StringBuilder();
        List<String[]> fields = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String o = number(rnd, true), c = number(rnd, true);
            double lo = Math.min(Double.parseDouble(o), Double.parseDouble(c)), hi = Math.max(Double.parseDouble(o), Double.parseDouble(c));
            String h = rnd.nextBoolean() ? (o.equals(c) || Double.parseDouble(o) >= Double.parseDouble(c) ? o : c) : Double.toString(hi * 1.5);
            String l = rnd.nextBoolean() ? (Double.parseDouble(o) <= Double.parseDouble(c) ? o : c) : Double.toString(lo / 2);
            long t = T0 + i * 60_000L;
            String[] f = {Long.toString(t), o, h, l, c, number(rnd, false), Long.toString(t + 59_999), number(rnd, false),
                    Integer.toString(rnd.nextInt(100_000)), number(rnd, false), number(rnd, false), "0"};
            int n = switch (i % 7) { // extra or no "ignore" fields; a CRLF line end; a trades count written as a float
                case 0 -> 11;
                case 1 -> 13;
                default -> 12;
            };
            if (i % 11 == 0) f[8] = f[8] + ".0";
            String[] line = java.util.Arrays.copyOf(f, n);
            if (n == 13) line[12] = "x";
            fields.add(f);
            csv.append(String.join(",", line)).append(i % 5 == 0 ? "\r\n" : "\n");
        }
        List<Long> ts = new ArrayList<>(), trades = new ArrayList<>();
        List<double[]> rows = read(csv.toString(), ts, trades);
        assertEquals(fields.size(), rows.size());
        int[] fieldOfColumn = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10}; // bars column -> kline field
        for (int i = 0; i < rows.size(); i++) {
            String[] f = fields.get(i);
            assertEquals(Long.parseLong(f[0]) * 1_000_000L, ts.get(i), "row " + i);
            for (int c = 1; c <= 9; c++) {
                if (c == 7) assertEquals((long) Double.parseDouble(f[8]), trades.get(i), "trades, row " + i);
                else assertEquals(Double.parseDouble(f[fieldOfColumn[c]]), rows.get(i)[c], "column " + c + ", row " + i + ": " + f[fieldOfColumn[c]]);
            }
        }
    }

    @Test void plainRowsAreTakenInOnePassOthersAreLeftToTheFieldPath() {
        String csv = T0 + ",100.5,101,99,100,1," + (T0 + 59_999) + ",2,3,4,5,0\n"
                + T0 + ",\"100.5\",101,99,100,1," + (T0 + 59_999) + ",2,3,4,5,0\n"
                + T0 + ",100.5,101,99,100,1," + (T0 + 59_999) + ",2,3,4\n"
                + T0 + ",100.5,1x1,99,100,1," + (T0 + 59_999) + ",2,3,4,5\n";
        byte[] b = csv.getBytes(StandardCharsets.US_ASCII);
        ByteCsv c = new ByteCsv(b, 0, b.length, "k.csv");
        double[] f = new double[10];
        long[] l = new long[10];
        Timestamps.Detector unit = new Timestamps.Detector(null);
        assertTrue(c.nextLine());
        assertEquals(T0 * 1_000_000L, c.klineRow(unit, "open_time", f, l));
        assertArrayEquals(new double[] {0, 100.5, 101, 99, 100, 1, 2, 0, 4, 5}, f);
        assertEquals(3, l[7]);
        for (int i = 0; i < 3; i++) {
            assertTrue(c.nextLine());
            assertEquals(-1, c.klineRow(unit, "open_time", f, l), "line " + c.line());
        }
        assertFalse(c.nextLine());
    }

    @Test void quotedAndShortLinesGoFieldByField() {
        String csv = T0 + ",\"100.5\",101,99,100,1," + (T0 + 59_999) + ",2,3,4,5,0\n" // quoted: not indexed
                + (T0 + 60_000) + ",100,101,99,100.25,1," + (T0 + 119_999) + ",2,3,4,5\n";
        List<Long> ts = new ArrayList<>(), trades = new ArrayList<>();
        List<double[]> rows = read(csv, ts, trades);
        assertEquals(100.5, rows.get(0)[1]);
        assertEquals(100.25, rows.get(1)[4]);
        assertEquals(List.of(3L, 3L), trades);
    }

    @Test void errorsStillNameLineAndField() {
        String good = T0 + ",100,101,99,100,1," + (T0 + 59_999) + ",2,3,4,5,0\n";
        InputExceptionAssert.message(() -> read(good + (T0 + 60_000) + ",100,abc,99,100,1," + (T0 + 119_999) + ",2,3,4,5,0\n",
                new ArrayList<>(), new ArrayList<>()), "k.csv:2", "high", "abc");
        InputExceptionAssert.message(() -> read(good + (T0 + 60_000) + ",100,101,99,100,1," + (T0 + 119_999) + ",2,3,4\n",
                new ArrayList<>(), new ArrayList<>()), "k.csv:2", "taker_buy_quote_volume", "missing");
        InputExceptionAssert.message(() -> read(good + (T0 + 60_000) + ",100,101,99,100,1," + (T0 + 119_999) + ",2,-3,4,5,0\n",
                new ArrayList<>(), new ArrayList<>()), "k.csv:2", "trades", "-3");
        InputExceptionAssert.message(() -> read(good + (T0 + 60_000) * 1000 + ",100,101,99,100,1," + (T0 + 119_999) + ",2,3,4,5,0\n",
                new ArrayList<>(), new ArrayList<>()), "k.csv:2", "open_time", "microseconds");
        InputExceptionAssert.message(() -> read(good + (T0 + 60_000) + ",100,98,99,100,1," + (T0 + 119_999) + ",2,3,4,5,0\n",
                new ArrayList<>(), new ArrayList<>()), "k.csv:2", "high");
    }
}
