package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.Manifest;

/**
 * An import of several batches (one per symbol and kind): listing, resolving, and commits that run while the next
 * batch is read.
 */
class ImportBatchesTest {
    static final long D1 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC in ms
    static final long DAY = 86_400_000L;

    @TempDir Path tmp;

    private Catalog cat() { return Catalog.open(tmp.resolve("ws")); }

    private Path klines(String symbol, int day, String body) throws Exception {
        return Files2.csv(tmp.resolve("in/spot/" + symbol + "/" + symbol + "-1m-2024-01-0" + day + ".csv"), body);
    }

    @Test void twoBatchesOfOneDatasetCommitInTurn() throws Exception {
        // aggTrades and trades are two batches (two kinds) that write the same trades dataset: the second must wait for
        // the first one's commit, whose writer holds the dataset
        Path um = tmp.resolve("in/futures/um");
        Path agg = Files2.zip(um.resolve("daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01-01.zip"), null,
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                        + "100,42300.1,0.5,1000,1002," + D1 + ",true\n101,42300.2,0.1,1003,1003," + (D1 + 1) + ",false\n");
        Path trades = Files2.zip(um.resolve("daily/trades/BTCUSDT/BTCUSDT-trades-2024-01-02.zip"), null,
                "id,price,qty,quote_qty,time,is_buyer_maker\n" + "2000,42400.0,0.2,8480.0," + (D1 + DAY) + ",false\n");
        ImportReport r = Importer.importPaths(cat(), List.of(tmp.resolve("in")), ImportOptions.defaults());
        assertEquals(2, r.files());
        assertEquals(3, r.rows());
        DatasetKey key = new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.TRADES, null);
        Manifest m = cat().manifest(key).orElseThrow();
        assertEquals(3, m.rows());
        assertEquals(2, m.imports().size());
        assertEquals("BTCUSDT-aggTrades-2024-01-01.zip", m.imports().get(0).sources().getFirst().name());
        assertEquals("BTCUSDT-trades-2024-01-02.zip", m.imports().get(1).sources().getFirst().name());
        assertEquals(2, r.datasets().size());
        assertEquals(List.of(2L, 1L), r.datasets().stream().map(ImportReport.DatasetResult::rows).toList());
        for (Verifier.Result v : Verifier.verifyAll(cat())) assertTrue(v.ok(), v.toString());
        assertTrue(Files.exists(agg) && Files.exists(trades));
    }

    @Test void aBadRowInALaterBatchLeavesTheEarlierOnesCommitted() throws Exception {
        klines("BTCUSDT", 1, Files2.klines(D1, 5));
        klines("ETHUSDT", 1, Files2.klines(D1, 6)); // other content: a file with BTCUSDT's bytes would be skipped as a repeat
        klines("SOLUSDT", 1, Files2.klines(D1, 3) + Files2.kline(D1 + 3 * 60_000, 10, 9, 11, 10)); // high < low
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(tmp.resolve("in")), ImportOptions.defaults()),
                "SOLUSDT-1m-2024-01-01.csv", ":4");
        // batches run in key order: BTCUSDT and ETHUSDT were committed (one of them while SOLUSDT was read), SOLUSDT not
        assertEquals(5, cat().manifest(DatasetKey.bars("binance", "spot", "BTCUSDT", "1m")).orElseThrow().rows());
        assertEquals(6, cat().manifest(DatasetKey.bars("binance", "spot", "ETHUSDT", "1m")).orElseThrow().rows());
        assertTrue(cat().manifest(DatasetKey.bars("binance", "spot", "SOLUSDT", "1m")).isEmpty());
        for (Verifier.Result v : Verifier.verifyAll(cat())) assertTrue(v.ok(), v.toString());
        // the fixed file imports the rest; what was committed is skipped
        klines("SOLUSDT", 1, Files2.klines(D1, 4));
        ImportReport again = Importer.importPaths(cat(), List.of(tmp.resolve("in")), ImportOptions.defaults());
        assertEquals(1, again.files());
        assertEquals(2, again.skipped());
        assertEquals(4, again.rows());
    }

    @Test void listingSortsFollowsLinkedFilesAndSkipsHiddenOnes() throws Exception {
        Path b = klines("BTCUSDT", 2, Files2.klines(D1 + DAY, 2));
        Path a = klines("BTCUSDT", 1, Files2.klines(D1, 2));
        Files2.csv(tmp.resolve("in/spot/BTCUSDT/.BTCUSDT-1m-2024-01-03.csv"), "not,a,kline\n"); // hidden: skipped
        Files2.csv(tmp.resolve("in/spot/BTCUSDT/notes.txt"), "x\n"); // not importable: skipped
        Path outside = Files2.csv(tmp.resolve("elsewhere/BTCUSDT-1m-2024-01-04.csv"), Files2.klines(D1 + 3 * DAY, 2));
        Path link = Files.createSymbolicLink(tmp.resolve("in/spot/BTCUSDT/BTCUSDT-1m-2024-01-04.csv"), outside);
        List<SourceFile> listed = Importer.expand(List.of(tmp.resolve("in")));
        assertEquals(List.of(a, b, link), listed.stream().map(SourceFile::path).toList());
        assertEquals(Files.size(outside), listed.get(2).bytes()); // the link's target's size
        assertNull(listed.getFirst().sha256());
        assertEquals(List.of(a), Importer.expand(List.of(a)).stream().map(SourceFile::path).toList());
        InputExceptionAssert.message(() -> Importer.expand(List.of(tmp.resolve("nosuch"))), "nosuch", "no such file or directory");
        assertEquals(6, Importer.importPaths(cat(), List.of(tmp.resolve("in")), ImportOptions.defaults()).rows());
    }

    @Test void anUnresolvableFileIsReportedFirstInOrderWhateverTheThreads() throws Exception {
        for (int i = 0; i < 40; i++) Files2.csv(tmp.resolve("in/x/f" + (100 + i) + ".csv"), "a,b\n1,2\n"); // no market, no symbol
        for (int rep = 0; rep < 5; rep++)
            InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(tmp.resolve("in")), ImportOptions.defaults()),
                    "f100.csv");
    }
}
