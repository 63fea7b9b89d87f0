package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.kernels.strategy.examples.OrderFlowImbalance;

/**
 * The OFI example on real Binance USD-M BTCUSDT bookTicker quotes (2023-10-02, 9,999 updates) read from the
 * catalog as zero-copy {@link TickBatch}es: its rolling OFI equals an independent computation straight from
 * the CSV text at every batch boundary, and it trades.
 */
class OfiRealQuotesTest {
    @Test void ofiOnRealQuotes(@TempDir Path dir) throws Exception {
        String p = System.getProperty("vq.shared.data");
        Path csv = p == null ? null : Path.of(p, "dazeeeed_cross-market-analysis/BTCUSDT-bookTicker-2023-10-02-short.csv");
        boolean present = csv != null && Files.isRegularFile(csv);
        if (!present && "true".equals(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + csv);
        assumeTrue(present, "shared data absent: " + csv);

        // reference: parse the CSV text directly (columns: update_id, bid, bid_qty, ask, ask_qty, ...)
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            q[i] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])};
        }
        int window = 50;
        double[] refOfi = new double[n]; // rolling sum after update i (NaN for i = 0)
        double[] e = new double[n];
        refOfi[0] = Double.NaN;
        for (int i = 1; i < n; i++) {
            double[] a = q[i], b = q[i - 1];
            double x = 0;
            if (a[0] >= b[0]) x += a[1];
            if (a[0] <= b[0]) x -= b[1];
            if (a[2] <= b[2]) x -= a[3];
            if (a[2] >= b[2]) x += b[3];
            e[i] = x;
            double s = 0;
            for (int k = Math.max(1, i - window + 1); k <= i; k++) s += e[k];
            refOfi[i] = s;
        }

        Catalog cat = Catalog.open(dir);
        Importer.importPaths(cat, List.of(csv), ImportOptions.defaults());
        DatasetKey key = new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.QUOTES, null);
        OrderFlowImbalance s = (OrderFlowImbalance) JavaStrategies.find(JavaStrategies.discover(null), "ofi").create(new double[] {window, 20.0, 0.1});
        JavaStrategiesTest.FakeContext ctx = new JavaStrategiesTest.FakeContext();
        s.onStart(ctx);
        int seen = 0, checks = 0;
        try (DatasetReader r = cat.reader(key)) {
            assertEquals(n, r.rows());
            for (Chunk c : r.all()) {
                for (long from = 0; from < c.rows(); from += 777) {
                    long to = Math.min(c.rows(), from + 777);
                    TickBatch b = TickBatch.of(c, from, to);
                    assertEquals(q[seen][0], b.bidPx(0));
                    s.onTick(b, ctx);
                    seen += (int) (to - from);
                    assertEquals(refOfi[seen - 1], s.ofi(), 1e-9, "OFI after " + seen + " updates");
                    checks++;
                }
            }
        }
        assertEquals(n, seen);
        assertTrue(checks > 10);
        assertTrue(ctx.orders.size() >= 2, "orders: " + ctx.orders.size());
    }
}
