package vq.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;

/**
 * {@code vq validate} with an L2 book: the real Binance USD-M BTCUSDT websocket capture
 * (../shared/data/nkaz001_hftbacktest/usdm/btcusdt_20240808.gz) imported through {@code vq data import}
 * (trades, quotes, book), plus the six 1m bars 23:54..23:59 aggregated from those real trades (the capture
 * has no klines). Closes 61807.8, 61760.3, 61701.2, 61628.1, 61694.4, 61659.8: sma_cross(1, 2) goes long at
 * the 23:58 close, and that market order (co-located latency) reaches the venue at 23:59:00.001, inside the
 * book's span. Realistic fidelity must state and use the book (a book-walk fill named in the event log);
 * {@code --no-l2} must not.
 */
class ValidateL2Test {
    @TempDir static Path ws;
    static final long MIN = 60_000_000_000L;

    @BeforeAll
    static void importCapture() {
        String root = System.getProperty("vq.shared.data");
        Path gz = root == null ? null : Path.of(root, "nkaz001_hftbacktest", "usdm", "btcusdt_20240808.gz");
        boolean present = gz != null && Files.exists(gz);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + gz);
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "shared data absent: " + gz);
        assertEquals(0, vq(new ByteArrayOutputStream(), "data", "import", gz.toString(), "--dataset", "capture", "--symbol", "BTCUSDT",
                "--market", "futures-um", "--no-progress"));
        Catalog c = Catalog.open(ws.resolve("catalog"));
        long[] ts;
        double[] px, qty;
        try (DatasetReader r = c.reader(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.TRADES, null))) {
            List<Chunk> ch = r.all();
            ts = DatasetReader.copyI64(ch, "ts");
            px = DatasetReader.copyF64(ch, "price");
            qty = DatasetReader.copyF64(ch, "qty");
        }
        try (DatasetWriter w = c.writer(DatasetKey.bars("binance", "futures-um", "BTCUSDT", "1m"))) {
            long first = ts[0] / MIN * MIN, last = ts[ts.length - 1] / MIN * MIN;
            int k = 0;
            double prevClose = px[0];
            for (long t = first; t <= last; t += MIN) {
                double o = Double.NaN, h = Double.NEGATIVE_INFINITY, l = Double.POSITIVE_INFINITY, cl = prevClose, v = 0, qv = 0;
                long n = 0;
                for (; k < ts.length && ts[k] < t + MIN; k++) {
                    if (Double.isNaN(o)) o = px[k];
                    h = Math.max(h, px[k]);
                    l = Math.min(l, px[k]);
                    cl = px[k];
                    v += qty[k];
                    qv += qty[k] * px[k];
                    n++;
                }
                if (n == 0) { o = h = l = cl = prevClose; }
                w.beginRow(t);
                w.f64(1, o);
                w.f64(2, h);
                w.f64(3, l);
                w.f64(4, cl);
                w.f64(5, v);
                w.f64(6, qv);
                w.i64(7, n);
                prevClose = cl;
            }
            w.commit(Map.of("test", "1m bars aggregated from the capture's trades"));
        }
    }

    static int vq(ByteArrayOutputStream buf, String... args) { return vq.cli.RealDataFixture.vq(ws, buf, args); }

    static String validate(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] base = {"validate", "../configs/strategies/sma_cross.yaml", "--params", "fast=1,slow=2",
                "--symbol", "BTCUSDT", "--from", "2024-08-08", "--to", "2024-08-08", "--fidelity", "realistic", "--latency", "co_located"};
        String[] all = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
        int rc = vq(out, all);
        assertEquals(0, rc, out.toString());
        return out.toString();
    }

    static String events(String output) throws Exception {
        Matcher m = Pattern.compile("artifacts: (\\S+)").matcher(output);
        assertTrue(m.find(), output);
        return Files.readString(Path.of(m.group(1)).resolve("events.jsonl"));
    }

    @Test
    void realisticValidationExecutesOnTheL2BookAndSaysSo() throws Exception {
        String out = validate();
        assertTrue(out.contains("vq: BTCUSDT ticks: quotes 66"), out);
        assertTrue(out.contains(", L2 book ") && out.contains("zero-copy") && out.contains("first snapshot 2024-08-08T23:54:"), out);
        assertTrue(out.contains("market/limit/stop orders execute on the L2 book"), out);
        Matcher m = Pattern.compile("L2 BTCUSDT: ([\\d,]+) updates .* ([\\d,]+) crossed updates.*; ([\\d,]+) book-walk fills over ([\\d,]+) levels").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 6_000, out);
        assertEquals(0, Long.parseLong(m.group(2).replace(",", "")), out);
        long walks = Long.parseLong(m.group(3).replace(",", ""));
        assertTrue(walks > 0, out);
        String ev = events(out);
        assertTrue(ev.contains("\"type\":\"fill\"") && ev.contains("\"detail\":\"book: "), "book-walk fills are logged with their levels");

        String off = validate("--no-l2");
        assertTrue(off.contains("L2 book off, trades not loaded"), off);
        assertFalse(off.contains("L2 BTCUSDT:"), off);
        assertFalse(events(off).contains("\"detail\":\"book: "), "without L2 no fill walks the book");
    }
}
