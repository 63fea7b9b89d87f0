package vq.data.sql;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.DatasetWriter;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.data.testing.SharedData;

class CatalogSqlTest {
    @TempDir static Path dir;
    static Catalog cat;
    static final DatasetKey BTC = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");
    static long rows;

    /** Real BTCUSDT 1m bars 2023-03-20 .. 2023-04-02 (two monthly segments, with the 2023-03-24 halt) plus funding. */
    @BeforeAll static void load() throws Exception {
        cat = Catalog.open(dir.resolve("catalog"));
        List<Path> zips = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2023, 3, 20); !d.isAfter(LocalDate.of(2023, 4, 2)); d = d.plusDays(1))
            zips.add(SharedData.spotKline("BTCUSDT", d.toString()));
        rows = SharedData.loadKlines(cat, BTC, zips);
        assertEquals(14 * 1440 - 80, rows);
        try (DatasetWriter w = cat.writer(new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.FUNDING, null))) {
            for (int i = 0; i < 3; i++) {
                w.beginRow(1679616000000L * Intervals.NANOS_PER_MILLI + i * 8 * Intervals.NANOS_PER_HOUR);
                w.f64(1, 0.0001 * (i + 1));
                w.f64(2, Double.NaN);
            }
            w.commit(Map.of());
        }
    }

    @Test void countsPerDayOnRealData() throws Exception {
        try (CatalogSql sql = CatalogSql.open(dir.resolve("vq.duckdb"), cat); Statement st = sql.connection().createStatement()) {
            ResultSet rs = st.executeQuery("SELECT date_trunc('day', ts) d, count(*) FROM bars WHERE symbol='BTCUSDT' GROUP BY 1 ORDER BY 1");
            int days = 0;
            while (rs.next()) {
                LocalDate d = rs.getObject(1, java.time.LocalDateTime.class).toLocalDate();
                assertEquals(d.equals(LocalDate.of(2023, 3, 24)) ? 1360 : 1440, rs.getLong(2), d.toString());
                days++;
            }
            assertEquals(14, days);
            rs = st.executeQuery("SELECT typeof(ts), typeof(ts_ns), typeof(open), typeof(trades), market, interval FROM bars LIMIT 1");
            assertTrue(rs.next());
            assertEquals("TIMESTAMP", rs.getString(1));
            assertEquals("BIGINT", rs.getString(2));
            assertEquals("DOUBLE", rs.getString(3));
            assertEquals("BIGINT", rs.getString(4));
            assertEquals("spot", rs.getString(5));
            assertEquals("1m", rs.getString(6));
        }
    }

    /** Every value equals the mapped column (sums, extremes, first/last), with the bulk copy and with the fallback. */
    @Test void valuesEqualTheCatalogWithBulkAndPerValueCopies() throws Exception {
        double sumClose = 0, maxHigh = Double.NEGATIVE_INFINITY;
        long sumTrades = 0, sumTs = 0;
        try (DatasetReader r = cat.reader(BTC)) {
            double[] close = DatasetReader.copyF64(r.all(), "close"), high = DatasetReader.copyF64(r.all(), "high");
            long[] trades = DatasetReader.copyI64(r.all(), "trades"), ts = DatasetReader.copyI64(r.all(), "ts");
            for (int i = 0; i < close.length; i++) {
                sumClose += close[i];
                maxHigh = Math.max(maxHigh, high[i]);
                sumTrades += trades[i];
                sumTs += ts[i] / 1_000_000_000L;
            }
        }
        assertTrue(CatalogScan.BULK_AVAILABLE, "bulk path should be available with the pinned duckdb_jdbc");
        for (boolean bulk : new boolean[] {true, false}) {
            try (CatalogSql sql = CatalogSql.open(null, cat); Statement st = sql.connection().createStatement()) {
                sql.useBulkCopy(bulk);
                ResultSet rs = st.executeQuery("SELECT count(*), sum(trades), max(high), sum(ts_ns // 1000000000), "
                        + "min(ts), max(ts), list(close ORDER BY ts) FROM bars");
                assertTrue(rs.next());
                assertEquals(rows, rs.getLong(1));
                assertEquals(sumTrades, rs.getLong(2));
                assertEquals(maxHigh, rs.getDouble(3), 0.0);
                assertEquals(sumTs, rs.getLong(4));
                assertEquals("2023-03-20T00:00", rs.getObject(5, java.time.LocalDateTime.class).toString());
                assertEquals("2023-04-02T23:59", rs.getObject(6, java.time.LocalDateTime.class).toString());
                Object[] closes = (Object[]) rs.getArray(7).getArray();
                double s = 0;
                for (Object o : closes) s += (Double) o;
                assertEquals(sumClose, s, 0.0, "same values in the same order (bulk=" + bulk + ")");
            }
        }
    }

    /** Views can be scanned several times in one query and across queries (an Arrow stream could not). */
    @Test void viewsAreRescannable() throws Exception {
        try (CatalogSql sql = CatalogSql.open(null, cat); Statement st = sql.connection().createStatement()) {
            for (int k = 0; k < 2; k++) {
                ResultSet rs = st.executeQuery("SELECT count(*) FROM bars a JOIN bars b ON a.ts = b.ts AND a.symbol = b.symbol");
                assertTrue(rs.next());
                assertEquals(rows, rs.getLong(1));
            }
            ResultSet rs = st.executeQuery("SELECT count(*), sum(rate), bool_and(isnan(mark_price)), min(interval) FROM funding");
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1));
            assertEquals(0.0006, rs.getDouble(2), 1e-15);
            assertTrue(rs.getBoolean(3));
            assertEquals("tick", rs.getString(4));
            rs = st.executeQuery("SELECT count(*) FROM trades");
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "empty dataset kinds are empty views, not errors");
        }
    }

    @Test void outputFormats() throws Exception {
        try (CatalogSql sql = CatalogSql.open(dir.resolve("fmt.duckdb"), cat)) {
            String q = "SELECT symbol, ts, close, trades FROM bars ORDER BY ts LIMIT 2;";
            String table = capture(o -> sql.run(q, CatalogSql.Format.TABLE, null, o));
            assertTrue(table.startsWith("symbol   ts                      close  trades\n"), table);
            assertTrue(table.contains("BTCUSDT  2023-03-20 00:00:00  27969.21   10479\n"), table);
            assertTrue(table.endsWith("(2 rows)\n"), table);
            String csv = capture(o -> sql.run(q, CatalogSql.Format.CSV, null, o));
            assertEquals("symbol,ts,close,trades", csv.lines().findFirst().orElseThrow());
            assertEquals(3, csv.lines().count());
            JsonNode json = new ObjectMapper().readTree(capture(o -> sql.run(q, CatalogSql.Format.JSON, null, o)));
            assertEquals(2, json.size());
            assertEquals("BTCUSDT", json.get(0).get("symbol").asText());
            assertTrue(json.get(0).get("trades").isIntegralNumber());
            Path pq = dir.resolve("out/x.parquet");
            assertEquals(rows, sql.run("SELECT * FROM bars", CatalogSql.Format.PARQUET, pq, System.out));
            try (Statement st = sql.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*), min(ts) FROM read_parquet('" + pq + "')")) {
                assertTrue(rs.next());
                assertEquals(rows, rs.getLong(1));
            }
            try (var files = Files.list(pq.getParent())) {
                assertEquals(List.of(pq), files.toList(), "no temp file left");
            }
            assertThrows(InputException.class, () -> sql.run("SELECT * FROM nosuchview", CatalogSql.Format.TABLE, null, System.out));
            assertThrows(InputException.class, () -> sql.run("SELECT 1", CatalogSql.Format.PARQUET, null, System.out));
        }
    }

    /** A results table named like a catalog view keeps its name, user tables land in vq.duckdb, views of it still bind. */
    @Test void catalogViewsDoNotHijackWorkspaceTables() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        try (CatalogSql sql = CatalogSql.open(db, cat); Statement st = sql.connection().createStatement()) {
            st.execute("CREATE OR REPLACE TABLE trades (run_id BIGINT, net_pnl DOUBLE)");
            st.execute("INSERT INTO trades VALUES (1, 2.5), (1, -1.0)");
            st.execute("CREATE OR REPLACE VIEW run_pnl AS SELECT run_id, sum(net_pnl) pnl FROM trades GROUP BY run_id");
        }
        try (CatalogSql sql = CatalogSql.open(db, cat); Statement st = sql.connection().createStatement()) {
            ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM trades), (SELECT count(*) FROM market.trades), (SELECT pnl FROM run_pnl), "
                    + "(SELECT count(*) FROM market.bars), (SELECT count(*) FROM bars)");
            assertTrue(rs.next());
            assertEquals(2, rs.getLong(1), "trades = the workspace table");
            assertEquals(0, rs.getLong(2), "market.trades = market trades (none in this catalog)");
            assertEquals(1.5, rs.getDouble(3), 0.0, "the workspace view binds to the workspace table");
            assertEquals(rows, rs.getLong(4));
            assertEquals(rows, rs.getLong(5));
            rs = st.executeQuery("SELECT count(*) FROM duckdb_views() WHERE database_name = 'vq' AND view_name IN ('bars', 'funding')");
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "catalog views are not stored in vq.duckdb");
            rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'vq' AND table_name = 'trades'");
            assertTrue(rs.next());
            assertEquals(1, rs.getLong(1), "unqualified CREATE went to vq.duckdb");
        }
    }

    interface Body { void run(PrintStream out) throws Exception; }

    static String capture(Body b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            b.run(ps);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
