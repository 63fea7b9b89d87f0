package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Intervals;

/** Binance Vision variants, generic CSVs and the import rules, on small files written by the tests. */
class BinanceFormatsTest {
    static final long MS = Intervals.NANOS_PER_MILLI;
    static final long D1 = 1_704_067_200_000L; // 2024-01-01 00:00 UTC in ms
    static final long DAY = 86_400_000L;

    @TempDir Path tmp;

    Catalog cat() { return Catalog.open(tmp.resolve("catalog")); }

    @Test void futuresMonthlyKlinesWithHeaderInVisionLayout() throws Exception {
        Path f = Files2.zip(tmp.resolve("data/futures/um/monthly/klines/ETHUSDT/1h/ETHUSDT-1h-2024-01.zip"), null,
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
                        + D1 + ",2281.5,2290.0,2280.0,2288.1,100.5," + (D1 + 3_599_999) + ",229000.1,1234,50.2,114000.3,0\n"
                        + (D1 + 3_600_000) + ",2288.1,2295.0,2287.0,2290.0,80.0," + (D1 + 7_199_999) + ",183000.0,999,40.0,91500.0,0\n");
        ImportReport r = Importer.importPaths(cat(), List.of(f), ImportOptions.defaults());
        DatasetKey k = new DatasetKey("binance", "futures-um", "ETHUSDT", Dataset.BARS, "1h");
        assertEquals(2, r.dataset(k).rows());
        try (DatasetReader rd = cat().reader(k)) {
            Chunk c = rd.all().getFirst();
            assertEquals(D1 * MS, c.ts(0));
            assertEquals(2288.1, c.f64(4, 0));
            assertEquals(1234, c.i64(7, 0));
            assertEquals(114000.3, c.f64(9, 0));
        }
    }

    @Test void microsecondTimestampsAreDetected() throws Exception {
        String rows = Files2.klines(D1, 3).lines().map(l -> {
            String[] p = l.split(",");
            p[0] = p[0] + "000";
            p[6] = p[6] + "999";
            return String.join(",", p) + "\n";
        }).reduce("", String::concat);
        Path f = Files2.zip(tmp.resolve("spot/BTCUSDT-1m-2024-01-01.zip"), null, rows);
        ImportReport r = Importer.importPaths(cat(), List.of(f), ImportOptions.defaults());
        assertEquals(D1 * MS, r.datasets().getFirst().firstTsNanos());
        assertEquals((D1 + 120_000) * MS, r.datasets().getFirst().lastTsNanos());
    }

    @Test void mixedTimestampUnitsInOneFileAreAnError() throws Exception {
        String rows = Files2.kline(D1, 1, 1, 1, 1) + Files2.kline((D1 + 60_000) * 1000, 1, 1, 1, 1);
        Path f = Files2.csv(tmp.resolve("spot/BTCUSDT-1m-2024-01-01.csv"), rows);
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(f), ImportOptions.defaults()),
                "BTCUSDT-1m-2024-01-01.csv:2", "open_time", "microseconds", "milliseconds");
    }

    @Test void sameContentTwiceInOneImportIsImportedOnceAndHashedByTheWorker() throws Exception {
        byte[] day = Files2.klines(D1, 1440).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path a = Files2.storedZip(tmp.resolve("spot/a/BTCUSDT-1m-2024-01-01.zip"), "BTCUSDT-1m-2024-01-01.csv", day);
        Path b = tmp.resolve("spot/b/BTCUSDT-1m-2024-01-01.zip");
        Files.createDirectories(b.getParent());
        Files.copy(a, b);
        Path c = Files2.storedZip(tmp.resolve("spot/c/BTCUSDT-1m-2024-01-02.zip"), "BTCUSDT-1m-2024-01-02.csv",
                Files2.klines(D1 + DAY, 1440).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ImportReport r = Importer.importPaths(cat(), List.of(a, b, c, c), ImportOptions.defaults());
        assertEquals(2 * 1440, r.rows());
        assertEquals(2, r.files());
        assertEquals(2, r.skipped());
        assertEquals(Files.size(a) + Files.size(c), r.bytes());
        var m = cat().manifest(DatasetKey.bars("binance", "spot", "BTCUSDT", "1m")).orElseThrow();
        List<String> names = m.imports().getFirst().sources().stream().map(x -> x.name()).toList();
        assertEquals(List.of("BTCUSDT-1m-2024-01-01.zip", "BTCUSDT-1m-2024-01-02.zip"), names);
        assertEquals(SourceFile.sha256(a), m.imports().getFirst().sources().getFirst().sha256());
        for (var src : m.imports().getFirst().sources()) // the raw archive holds each content once, byte for byte
            assertEquals(src.sha256(), java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(RawArchive.locate(cat(), src.archive(), src.bytes()).read())));
        ImportReport again = Importer.importPaths(cat(), List.of(a, b, c), ImportOptions.defaults());
        assertEquals(0, again.files());
        assertEquals(0, again.rows());
        assertEquals(3, again.skipped());
        assertEquals(1, cat().manifest(DatasetKey.bars("binance", "spot", "BTCUSDT", "1m")).orElseThrow().imports().size());
    }

    @Test void directoryOfDailyFilesIsOneBatchInTimeOrderAndReimportIsANoOp() throws Exception {
        Path dir = tmp.resolve("spot/daily");
        for (int d = 0; d < 3; d++) {
            String date = "2024-01-0" + (d + 1);
            Files2.zip(dir.resolve("BTCUSDT-1m-" + date + ".zip"), null, Files2.klines(D1 + d * DAY, 1440));
        }
        ImportReport r = Importer.importPaths(cat(), List.of(dir), ImportOptions.defaults());
        assertEquals(3, r.files());
        assertEquals(3 * 1440, r.rows());
        DatasetKey k = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");
        var m = cat().manifest(k).orElseThrow();
        assertEquals(1, m.imports().size());
        assertEquals(1, m.segments().size()); // January written once
        ImportReport again = Importer.importPaths(cat(), List.of(dir), ImportOptions.defaults());
        assertEquals(0, again.files());
        assertEquals(3, again.skipped());
        // the next day appends as a new batch; a gap between is reported with its exact range
        Path d5 = Files2.zip(dir.resolve("BTCUSDT-1m-2024-01-05.zip"), null, Files2.klines(D1 + 4 * DAY, 1440));
        ImportReport more = Importer.importPaths(cat(), List.of(d5), ImportOptions.defaults());
        assertEquals(List.of(new Gap((D1 + 3 * DAY) * MS, (D1 + 4 * DAY - 60_000) * MS, 1440)), more.datasets().getFirst().gaps());
        // an earlier day back-fills before the data
        Path d0 = Files2.zip(tmp.resolve("spot/old/BTCUSDT-1m-2023-12-31.zip"), null, Files2.klines(D1 - DAY, 1440));
        assertEquals(1440, Importer.importPaths(cat(), List.of(d0), ImportOptions.defaults()).rows());
        try (DatasetReader rd = cat().reader(k)) {
            assertEquals(5 * 1440, rd.rows());
            assertEquals(List.of(new Gap((D1 + 3 * DAY) * MS, (D1 + 4 * DAY - 60_000) * MS, 1440)), Verifier.gaps(rd));
        }
        // re-importing overlapping data under another name is refused, and changes nothing
        Path dup = Files2.csv(tmp.resolve("spot/x/BTCUSDT-1m-2024-01-02.csv"), Files2.klines(D1 + DAY + 60_000, 5));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(dup), ImportOptions.defaults()), "already in the catalog");
        try (DatasetReader rd = cat().reader(k)) { assertEquals(5 * 1440, rd.rows()); }
    }

    @Test void badRowNamesFileLineAndFieldAndWritesNothingOfTheBatch() throws Exception {
        Path dir = tmp.resolve("spot/bad");
        Files2.zip(dir.resolve("BTCUSDT-1m-2024-01-01.zip"), null, Files2.klines(D1, 1440));
        String day2 = Files2.klines(D1 + DAY, 10) + Files2.kline(D1 + DAY + 600_000, 100, 99, 98, 100.5) + Files2.klines(D1 + DAY + 660_000, 5);
        Files2.zip(dir.resolve("BTCUSDT-1m-2024-01-02.zip"), null, day2);
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(dir), ImportOptions.defaults()),
                "BTCUSDT-1m-2024-01-02.zip!BTCUSDT-1m-2024-01-02.csv:11", "field 'high'", "below max(open");
        assertTrue(cat().list().isEmpty(), "nothing of the batch is in the catalog");
        try (var s = Files.walk(cat().root())) {
            assertEquals(0, s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().equals(".lock")).count(),
                    "no segment, manifest or raw archive file is left");
        }
    }

    @Test void nonFiniteAndNegativeValuesAreRejected() throws Exception {
        Path nan = Files2.csv(tmp.resolve("spot/a/BTCUSDT-1m-2024-01-01.csv"), Files2.kline(D1, 1, 1, 1, 1).replace(",1.5,", ",NaN,"));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(nan), ImportOptions.defaults()), ":1", "field 'volume'", "finite");
        Path neg = Files2.csv(tmp.resolve("spot/b/BTCUSDT-1m-2024-01-01.csv"), Files2.kline(D1, -1, 1, -2, 1));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(neg), ImportOptions.defaults()), "field 'open'", "> 0");
        Path txt = Files2.csv(tmp.resolve("spot/c/BTCUSDT-1m-2024-01-01.csv"), Files2.kline(D1, 1, 1, 1, 1).replace(",1.5,", ",abc,"));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(txt), ImportOptions.defaults()), "not a number: 'abc'");
    }

    @Test void duplicatesAreErrorsUnlessFixDropsThem() throws Exception {
        String rows = Files2.klines(D1, 3) + Files2.kline(D1 + 120_000, 1, 1, 1, 1) + Files2.klines(D1 + 180_000, 2);
        Path f = Files2.csv(tmp.resolve("spot/BTCUSDT-1m-2024-01-01.csv"), rows);
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(f), ImportOptions.defaults()),
                ":4", "duplicate timestamp 2024-01-01T00:02:00Z", "--fix");
        ImportReport r = Importer.importPaths(cat(), List.of(f), ImportOptions.defaults().withFix(true));
        assertEquals(5, r.rows());
        assertEquals(1, r.datasets().getFirst().dropped());
        Path back = Files2.csv(tmp.resolve("spot/z/BTCUSDT-1m-2024-02-01.csv"), Files2.klines(D1 + 40 * DAY, 3) + Files2.kline(D1 + 40 * DAY - 60_000, 1, 1, 1, 1));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(back), ImportOptions.defaults()), ":4", "goes back");
    }

    @Test void markPriceKlinesFundingRateAggTradesTradesAndBookTicker() throws Exception {
        Path um = tmp.resolve("data/futures/um");
        Path mark = Files2.zip(um.resolve("daily/markPriceKlines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip"), null,
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
                        + D1 + ",42300.1,42310.0,42290.5,42305.2,0," + (D1 + 59_999) + ",0,60,0,0,0\n");
        Path fr = Files2.zip(um.resolve("monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip"), null,
                "calc_time,funding_interval_hours,last_funding_rate\n" + D1 + ",8,0.00037409\n" + (D1 + 28_800_001) + ",8,-0.00001\n");
        Path agg = Files2.zip(um.resolve("daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01-01.zip"), null,
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                        + "100,42300.1,0.5,1000,1002," + D1 + ",true\n101,42300.2,0.1,1003,1003," + D1 + ",false\n");
        Path spotTrades = Files2.zip(tmp.resolve("data/spot/daily/trades/ETHUSDT/ETHUSDT-trades-2024-01-01.zip"), null,
                "7,2281.5,0.1,228.15," + D1 + ",True,True\n8,2281.4,0.2,456.28," + (D1 + 5) + ",False,True\n");
        Path bt = Files2.zip(um.resolve("daily/bookTicker/BTCUSDT/BTCUSDT-bookTicker-2024-01-01.zip"), null,
                "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n"
                        + "1,42300.0,1.5,42300.1,2.5," + D1 + "," + (D1 + 3) + "\n2,42300.0,1.4,42300.1,2.5," + D1 + "," + (D1 + 4) + "\n");
        ImportReport r = Importer.importPaths(cat(), List.of(mark, fr, agg, spotTrades, bt), ImportOptions.defaults());
        assertEquals(5, r.files());
        assertEquals(1, r.dataset(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.MARK_BARS, "1m")).rows());
        assertEquals(2, r.dataset(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.FUNDING, null)).rows());
        assertEquals(2, r.dataset(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.QUOTES, null)).rows());
        try (DatasetReader rd = cat().reader(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.TRADES, null))) {
            Chunk c = rd.all().getFirst();
            assertEquals(2, c.rows());
            assertEquals(-1, c.i8(3, 0)); // buyer is maker -> seller aggressor
            assertEquals(1, c.i8(3, 1));
            assertEquals(100, c.i64(4, 0));
        }
        try (DatasetReader rd = cat().reader(new DatasetKey("binance", "spot", "ETHUSDT", Dataset.TRADES, null))) {
            Chunk c = rd.all().getFirst();
            assertEquals(2281.4, c.f64(1, 1));
            assertEquals(8, c.i64(4, 1));
            assertEquals(-1, c.i8(3, 0));
        }
        try (DatasetReader rd = cat().reader(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.FUNDING, null))) {
            assertEquals(-0.00001, rd.all().getFirst().f64(1, 1));
        }
        for (Verifier.Result v : Verifier.verifyAll(cat())) assertTrue(v.ok(), v.toString());
    }

    @Test void genericOhlcvWithTextTimestampsAndL1WithTradesAndColumnMapping() throws Exception {
        Path ohlcv = Files2.csv(tmp.resolve("x/BTC-PERP.csv"), "timestamp,open,high,low,close,volume\n"
                + "2021-12-31 23:01:00.000000,46200.0,46250.0,46180.0,46230.0,12.5\n2021-12-31 23:02:00.000000,46230.0,46240.0,46200.0,46210.0,8\n");
        ImportReport r = Importer.importPaths(cat(), List.of(ohlcv),
                ImportOptions.defaults().withVenue("ftx").withMarket("perp").withSymbol("BTC-PERP").withInterval("1m"));
        DatasetKey k = new DatasetKey("ftx", "perp", "BTC-PERP", Dataset.BARS, "1m");
        assertEquals(2, r.dataset(k).rows());
        assertEquals(1640991660L * 1_000_000_000L, r.dataset(k).firstTsNanos());
        Path l1 = Files2.csv(tmp.resolve("x/l1.csv"), "time,bid,ask,bidsz,asksz,tp,tq,ts2\n"
                + D1 + ",100.0,100.5,3,4,,,\n" + (D1 + 1) + ",100.0,100.5,3,4,100.5,0.25,buy\n" + (D1 + 2) + ",100.1,100.4,1,2,100.1,1.0,sell\n");
        ImportOptions o = ImportOptions.defaults().withKind(SourceKind.L1).withSymbol("SOLUSDT").withMarket("futures-um")
                .withColumns(ImportOptions.parseColumns("ts=time,bid_px=bid,ask_px=ask,bid_sz=bidsz,ask_sz=asksz,trade_px=tp,trade_sz=tq,trade_side=ts2"));
        ImportReport q = Importer.importPaths(cat(), List.of(l1), o);
        assertEquals(3, q.dataset(new DatasetKey("binance", "futures-um", "SOLUSDT", Dataset.QUOTES, null)).rows());
        assertEquals(2, q.dataset(new DatasetKey("binance", "futures-um", "SOLUSDT", Dataset.TRADES, null)).rows());
        try (DatasetReader rd = cat().reader(new DatasetKey("binance", "futures-um", "SOLUSDT", Dataset.TRADES, null))) {
            Chunk c = rd.all().getFirst();
            assertEquals(1, c.i8(3, 0));
            assertEquals(-1, c.i8(3, 1));
            assertEquals(-1, c.i64(4, 0));
        }
        // the plain contract header needs no mapping
        Path plain = Files2.csv(tmp.resolve("y/ETHUSDT_l1.csv"), "ts,bid_px,ask_px,bid_sz,ask_sz\n" + D1 + ",10,11,1,1\n");
        assertEquals(1, Importer.importPaths(cat(), List.of(plain), ImportOptions.defaults().withMarket("spot")).rows());
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(l1), o.withColumns(Map.of("bid_px", "nope"))),
                "--columns bid_px=nope", "no such column");
    }

    @Test void zipEntriesArePathCheckedAndBombsStopped() throws Exception {
        Path evil = Files2.zip(tmp.resolve("spot/BTCUSDT-1m-2024-01-01.zip"), "../../etc/BTCUSDT-1m-2024-01-01.csv", Files2.klines(D1, 2));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(evil), ImportOptions.defaults()), "path traversal");
        Path bomb = tmp.resolve("spot/b/BTCUSDT-1m-2024-01-02.zip");
        Files.createDirectories(bomb.getParent());
        try (var o = Files.newOutputStream(bomb); var z = new java.util.zip.ZipOutputStream(o)) {
            z.putNextEntry(new java.util.zip.ZipEntry("BTCUSDT-1m-2024-01-02.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeEntry();
        }
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(bomb), ImportOptions.defaults()), "zip bomb");
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(evil.resolveSibling("b")),
                ImportOptions.defaults().withMaxEntryBytes(1 << 20)), "limit");
        assertTrue(cat().list().isEmpty());
    }

    @Test void headerSizedZipsAreStreamedCrcCheckedAndPathChecked() throws Exception {
        byte[] csv = Files2.klines(D1, 3).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path ok = Files2.storedZip(tmp.resolve("spot/s/BTCUSDT-1m-2024-01-01.zip"), "BTCUSDT-1m-2024-01-01.csv", csv);
        assertEquals(3, Importer.importPaths(cat(), List.of(ok), ImportOptions.defaults()).rows());
        Path evil = Files2.storedZip(tmp.resolve("spot/e/BTCUSDT-1m-2024-01-02.zip"), "/etc/BTCUSDT-1m-2024-01-02.csv",
                Files2.klines(D1 + DAY, 3).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(evil), ImportOptions.defaults()), "path traversal");
        Path damaged = Files2.storedZip(tmp.resolve("spot/d/BTCUSDT-1m-2024-01-03.zip"), "BTCUSDT-1m-2024-01-03.csv",
                Files2.klines(D1 + 2 * DAY, 3).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] z = Files.readAllBytes(damaged);
        String text = new String(z, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf(",1.5,") + 3; // the first volume's last digit: still a valid row after the change
        z[at] = '6';
        Files.write(damaged, z);
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(damaged), ImportOptions.defaults()), "CRC-32");
    }

    @Test void unresolvableFilesSayWhichOptionToPass() throws Exception {
        Path f = Files2.csv(tmp.resolve("x/data.csv"), "1,2,3\n");
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(f), ImportOptions.defaults()), "--dataset");
        InputExceptionAssert.message(() -> Importer.importPaths(cat(), List.of(tmp.resolve("missing")), ImportOptions.defaults()),
                "no such file");
    }
}
