package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;

/** The other real files of ../shared/data: funding CSVs, perp 1h klines, bookTicker, websocket captures. */
class RealFormatsTest {
    static final long MS = 1_000_000L;

    static DatasetKey key(String market, String sym, Dataset d, String interval) {
        return new DatasetKey("binance", market, sym, d, interval);
    }

    @Test void fundingExcerptAndGravestoneFundingAppend(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        ImportReport r = Importer.importPaths(cat,
                List.of(SharedData.path("cristianmanoliu_fin-trading-engine/funding_excerpt_2024-01-01_2024-06-25/BTCUSDT.csv")),
                ImportOptions.defaults());
        DatasetKey k = key("futures-um", "BTCUSDT", Dataset.FUNDING, null);
        assertEquals(531, r.dataset(k).rows());
        try (DatasetReader rd = cat.reader(k)) {
            List<Chunk> all = rd.all();
            double[] rate = DatasetReader.copyF64(all, "rate");
            long[] ts = DatasetReader.copyI64(all, "ts");
            assertEquals(1704067200000L * MS, ts[0]);
            assertEquals(0.00037409, rate[0]);
            assertEquals(1719331200000L * MS, ts[530]);
            assertEquals(0.00007752, rate[530]);
            assertTrue(Double.isNaN(DatasetReader.copyF64(all, "mark_price")[0]));
        }
        // the gravestone file (header timestamp,symbol,funding_rate; 2026) appends after the excerpt
        ImportReport g = Importer.importPaths(cat, List.of(SharedData.path("silertrades_gravestone-data/funding/BTCUSDT.csv")),
                ImportOptions.defaults());
        assertEquals(200, g.dataset(k).rows());
        assertEquals(1768233600000L * MS, g.dataset(k).firstTsNanos());
        try (DatasetReader rd = cat.reader(k)) {
            assertEquals(731, rd.rows());
            assertEquals(0.0000465, DatasetReader.copyF64(rd.all(), "rate")[531]);
        }
    }

    @Test void gravestonePerpHourlyBarsNeedOnlyTheMarket(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        Path f = SharedData.path("silertrades_gravestone-data/1h/ETHUSDT.csv");
        InputExceptionAssert.message(() -> Importer.importPaths(cat, List.of(f), ImportOptions.defaults()), "--market");
        ImportReport r = Importer.importPaths(cat, List.of(f), ImportOptions.defaults().withMarket("futures-um"));
        DatasetKey k = key("futures-um", "ETHUSDT", Dataset.BARS, "1h");
        ImportReport.DatasetResult d = r.dataset(k);
        assertEquals(4500, d.rows());
        assertEquals(List.of(), d.gaps());
        assertEquals(1757750400000L * MS, d.firstTsNanos());
        try (DatasetReader rd = cat.reader(k)) {
            assertEquals(4709.70, DatasetReader.copyF64(rd.all(), "open")[0]);
            assertEquals(61416.001, DatasetReader.copyF64(rd.all(), "volume")[0]);
            assertTrue(DatasetReader.copyI64(rd.all(), "trades")[0] > 0);
            assertTrue(Double.isNaN(DatasetReader.copyF64(rd.all(), "taker_buy_volume")[0])); // not in this file
        }
    }

    @Test void binanceVisionBookTicker(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        ImportReport r = Importer.importPaths(cat,
                List.of(SharedData.path("dazeeeed_cross-market-analysis/BTCUSDT-bookTicker-2023-10-02-short.csv")), ImportOptions.defaults());
        DatasetKey k = key("futures-um", "BTCUSDT", Dataset.QUOTES, null);
        assertEquals(9_999, r.dataset(k).rows());
        assertEquals(1696204800012L * MS, r.dataset(k).firstTsNanos());
        assertEquals(1696204827849L * MS, r.dataset(k).lastTsNanos());
        try (DatasetReader rd = cat.reader(k)) {
            assertEquals(27981.30, DatasetReader.copyF64(rd.all(), "bid_px")[0]);
            assertEquals(12.911, DatasetReader.copyF64(rd.all(), "bid_sz")[0]);
            assertEquals(27981.40, DatasetReader.copyF64(rd.all(), "ask_px")[0]);
            assertEquals(7.258, DatasetReader.copyF64(rd.all(), "ask_sz")[0]);
        }
        assertTrue(Verifier.verify(cat, k).ok());
    }

    @Test void websocketCaptureFeedsTradesQuotesAndBook(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        ImportReport r = Importer.importPaths(cat, List.of(SharedData.path("nkaz001_hftbacktest/usdm/btcusdt_20240808.gz")),
                ImportOptions.defaults());
        assertEquals(21_313, r.dataset(key("futures-um", "BTCUSDT", Dataset.TRADES, null)).rows());
        assertEquals(66_089, r.dataset(key("futures-um", "BTCUSDT", Dataset.QUOTES, null)).rows());
        DatasetKey book = key("futures-um", "BTCUSDT", Dataset.BOOK, null);
        assertTrue(r.dataset(book).rows() > 2000, "snapshot (1000 bids + 1000 asks) plus diffs");
        try (DatasetReader rd = cat.reader(book)) {
            Chunk c = rd.all().getFirst();
            assertEquals(1, c.i8(4, 0)); // snapshot start flag on the first row
            assertEquals(1, c.i8(1, 0)); // bids first
            assertEquals(1723161256493L * MS, c.ts(0)); // snapshot T
            assertEquals(0, c.i8(4, 1));
            assertEquals(-1, c.i8(1, 1000)); // asks after 1000 bids
        }
        try (DatasetReader rd = cat.reader(key("futures-um", "BTCUSDT", Dataset.TRADES, null))) {
            Chunk c = rd.all().getFirst();
            assertEquals(1723161256322L * MS, c.ts(0));
            assertEquals(61800.30, c.f64(1, 0));
            assertEquals(0.006, c.f64(2, 0));
            assertEquals(1, c.i8(3, 0)); // "m": false -> buyer is the aggressor
            assertEquals(5266583935L, c.i64(4, 0));
        }
        for (Verifier.Result v : Verifier.verifyAll(cat)) assertTrue(v.ok(), v.toString());
    }

    @Test void parquetTradesAndQuotesThroughDuckDb(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        ImportReport r = Importer.importPaths(cat, List.of(SharedData.path("nautechsystems_nautilus_trader/binance/btcusdt-trades.parquet"),
                SharedData.path("nautechsystems_nautilus_trader/binance/btcusdt-quotes.parquet")), ImportOptions.defaults().withMarket("spot"));
        DatasetKey trades = key("spot", "BTCUSDT", Dataset.TRADES, null), quotes = key("spot", "BTCUSDT", Dataset.QUOTES, null);
        assertEquals(2_001, r.dataset(trades).rows());
        assertEquals(451, r.dataset(quotes).rows());
        assertEquals(java.time.Instant.parse("2021-01-08T00:00:00.278Z").toEpochMilli() * MS, r.dataset(trades).firstTsNanos());
        assertEquals(java.time.Instant.parse("2021-01-08T00:00:46.355Z").toEpochMilli() * MS, r.dataset(trades).lastTsNanos());
        assertEquals(java.time.Instant.parse("2021-01-08T00:00:01.076Z").toEpochMilli() * MS, r.dataset(quotes).firstTsNanos());
        for (Verifier.Result v : Verifier.verifyAll(cat)) assertTrue(v.ok(), v.toString());
        try (DatasetReader rd = cat.reader(trades)) {
            Chunk c = rd.all().getFirst();
            assertTrue(c.i64(4, 0) > 0, "trade ids kept");
            assertTrue(c.i8(3, 0) == 1 || c.i8(3, 0) == -1);
        }
    }
}
