package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Manifest;

/** Imports the real Binance spot 1m klines of ../shared/data and checks the README's counts and gaps. */
class RealKlinesTest {
    static final String KLINES = "timealiver_BinanceDataGetter/spot_klines_1m/";

    static long ns(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static final Gap HALT = new Gap(ns("2023-03-24T12:40:00Z"), ns("2023-03-24T13:59:00Z"), 80);

    @Test void btcusdtImportsAllBarsWithTheHaltGapAndReimportIsNoOp(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir);
        ImportReport r = Importer.importPaths(cat, List.of(SharedData.path(KLINES + "BTCUSDT")), ImportOptions.defaults());
        DatasetKey key = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");
        assertEquals(731, r.files());
        assertEquals(1_052_560, r.rows());
        ImportReport.DatasetResult d = r.dataset(key);
        assertNotNull(d, r.toString());
        assertEquals(List.of(HALT), d.gaps());
        assertEquals(ns("2022-06-26T00:00:00Z"), d.firstTsNanos());
        assertEquals(ns("2024-06-25T23:59:00Z"), d.lastTsNanos());
        try (DatasetReader rd = cat.reader(key)) {
            assertEquals(1_052_560, rd.rows());
            assertEquals(25, rd.manifest().segments().size()); // 2022-06 .. 2024-06, one per month
            long[] ts = DatasetReader.copyI64(rd.all(), "ts");
            double[] close = DatasetReader.copyF64(rd.all(), "close");
            int last = ts.length - 1;
            assertEquals(ns("2024-06-25T23:59:00Z"), ts[last]);
            assertEquals(61806.01, close[last]); // README: last row closes at 61806.01000000
            long[] trades = DatasetReader.copyI64(rd.all(), "trades");
            assertTrue(trades[0] > 0);
        }
        Path manifest = cat.dir(key).resolve(Catalog.MANIFEST);
        byte[] before = Files.readAllBytes(manifest);
        ImportReport again = Importer.importPaths(cat, List.of(SharedData.path(KLINES + "BTCUSDT")), ImportOptions.defaults());
        assertEquals(0, again.files());
        assertEquals(731, again.skipped());
        assertEquals(0, again.rows());
        assertArrayEquals(before, Files.readAllBytes(manifest));
        Manifest m = cat.manifest(key).orElseThrow();
        assertEquals(1, m.imports().size());
        assertEquals(731, m.imports().getFirst().sources().size());
        // the raw archive holds every source byte for byte (small ZIPs: in the batch's pack)
        for (Manifest.Source s : m.imports().getFirst().sources())
            assertEquals(s.sha256(), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(RawArchive.locate(cat, s.archive(), s.bytes()).read())), s.archive());
    }

    @Test void solusdtHasTheExtraOneMinuteGap(@TempDir Path dir) {
        ImportReport r = Importer.importPaths(Catalog.open(dir), List.of(SharedData.path(KLINES + "SOLUSDT")), ImportOptions.defaults());
        assertEquals(1_052_559, r.rows());
        Gap sol = new Gap(ns("2023-02-14T16:39:00Z"), ns("2023-02-14T16:39:00Z"), 1);
        assertEquals(List.of(sol, HALT), r.datasets().getFirst().gaps());
    }
}
