package vq.optimizer.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ResultsStoreTest {
    @TempDir Path dir;

    static Experiment experiment(String id) {
        return new Experiment(id, "test", "screen", "sma_cross", "name: sma_cross\n", "{\"fast\":[5,10]}",
                List.of("BTCUSDT", "ETHUSDT"), "1m", 1_700_000_000_000_000_000L, 1_700_086_400_000_000_000L, "grid",
                42L, 2L, "dev", "{}", "running", Instant.parse("2026-11-21T12:00:00Z"), null);
    }

    static double[] metrics(double sharpe, double maxDd, double trades) {
        double[] m = new double[Metric.COUNT];
        m[Metric.SHARPE.ordinal()] = sharpe;
        m[Metric.MAX_DRAWDOWN.ordinal()] = maxDd;
        m[Metric.TRADES.ordinal()] = trades;
        m[Metric.TOTAL_RETURN.ordinal()] = sharpe / 10;
        return m;
    }

    static long count(ResultsStore s, String sql) throws SQLException {
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createsSchemaOnceAndReopens() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        try (ResultsStore s = ResultsStore.open(db)) {
            assertEquals(Schema.latestVersion(), s.schemaVersion());
            // bulk inserts flush each row group as it fills (see ResultsStore.connect)
            assertEquals(1, count(s, "SELECT current_setting('write_buffer_row_group_count')::BIGINT"));
        }
        try (ResultsStore s = ResultsStore.open(db)) {
            assertEquals(Schema.MIGRATIONS.size(), count(s, "SELECT count(*) FROM schema_version"));
            for (String t : List.of("experiments", "sweep_results", "runs", "trades", "equity", "events", "filters",
                    "walk_forward", "sweep_ranked", "filter_funnel", "screen_vs_validate", "run_costs",
                    "walk_forward_stitched", "walk_forward_equity", "experiment_summary")) {
                assertEquals(0, count(s, "SELECT count(*) FROM " + t), t);
            }
        }
    }

    @Test
    void writesEveryTableAndViewsJoinThem() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        String id = Experiment.newId("sma cross", Instant.parse("2026-11-21T12:00:00Z"), 0xbeef);
        assertEquals("sma_cross-20261121T120000Z-beef", id);
        long t0 = 1_700_000_000_000_000_000L;
        try (ResultsStore s = ResultsStore.open(db)) {
            s.inTransaction(tx -> {
                tx.putExperiment(experiment(id));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    w.add(id, 0, "BTCUSDT", "{\"fast\":5}", metrics(1.5, 0.2, 40), 1, true);
                    w.add(id, 1, "BTCUSDT", "{\"fast\":10}", metrics(0.5, 0.4, 10), 2, false);
                    assertEquals(2, w.rows());
                }
                try (FiltersWriter f = tx.filters()) {
                    f.add(id, 0, "BTCUSDT", 1, "dsr", true, 0.97, 0.95, null);
                    f.add(id, 1, "BTCUSDT", 1, "dsr", false, 0.40, 0.95, "{\"trials\":2}");
                    f.add(id, 0, "BTCUSDT", 2, "wfa", true, 0.6, 0.5, null);
                    f.add(id, 1, "BTCUSDT", 2, "wfa", true, 0.7, 0.5, null);
                }
                double[] v = metrics(1.2, 0.25, 38);
                tx.putRun(new Run("r1", id, 0L, "BTCUSDT", "{\"fast\":5}", "realistic", "retail", null, null, 10_000,
                        11_000, v, false, Instant.now(), Instant.now()));
                try (TradesWriter t = tx.trades()) {
                    t.add("r1", 0, "BTCUSDT", 1, t0, t0 + 60_000_000_000L, 100, 110, 1, 0.1, 0.05, 0.02, 10, 9.83, Double.NaN, "signal");
                    t.add("r1", 1, "BTCUSDT", -1, t0 + 120_000_000_000L, Long.MIN_VALUE, 110, Double.NaN, 1, 0.1, 0, 0, Double.NaN, Double.NaN, Double.NaN, null);
                }
                try (EquityWriter e = tx.equity()) {
                    e.add("r1", t0, 10_000, 0);
                    e.add("r1", t0 + 60_000_000_000L, 9_000, 0.1);
                }
                try (EventsWriter e = tx.events()) {
                    e.add("r1", 0, t0, "fill", "BTCUSDT", "{\"px\":100}");
                }
                try (WalkForwardWriter w = tx.walkForward()) {
                    w.add(id, "BTCUSDT", "rolling", 0, t0, t0 + 10, t0 + 10, t0 + 20, 0, 0.1, 0.1, 1.0);
                    w.add(id, "BTCUSDT", "rolling", 1, t0 + 10, t0 + 20, t0 + 20, t0 + 30, 1, 0.2, -0.5, -1.0);
                    w.addStitched(id, "BTCUSDT", "rolling", t0 + 20, 1.1);
                    w.addStitched(id, "BTCUSDT", "rolling", t0 + 30, 0.55);
                }
                tx.finishExperiment(id, "finished", Instant.parse("2026-11-21T12:05:00Z"));
                return null;
            });
            Experiment e = s.experiment(id).orElseThrow();
            assertEquals(List.of("BTCUSDT", "ETHUSDT"), e.symbols());
            assertEquals("finished", e.status());
            assertEquals(1_700_000_000_000_000_000L, e.dataFromNanos());
            assertEquals(Instant.parse("2026-11-21T12:05:00Z"), e.finishedAt());
            assertEquals(1, count(s, "SELECT count(*) FROM sweep_ranked WHERE filters_passed"));
            assertEquals(1, count(s, "SELECT survivors FROM filter_funnel WHERE stage = 2"));
            assertEquals(2, count(s, "SELECT n_in FROM filter_funnel WHERE stage = 1"));
            // screen 1.5 → validate 1.2 : change −20 %
            try (Statement st = s.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT change FROM screen_vs_validate WHERE metric = 'sharpe'")) {
                assertTrue(rs.next());
                assertEquals(-0.2, rs.getDouble(1), 1e-12);
            }
            assertEquals(2, count(s, "SELECT trades FROM run_costs WHERE run_id = 'r1'"));
            assertEquals(60, count(s, "SELECT epoch(exit_ts - entry_ts) FROM trades WHERE trade_no = 0"));
            try (Statement st = s.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT oos_equity FROM walk_forward_stitched ORDER BY ts")) {
                rs.next();
                assertEquals(1.1, rs.getDouble(1), 1e-12);
                rs.next();
                assertEquals(0.55, rs.getDouble(1), 1e-12);
            }
            assertEquals(2, count(s, "SELECT sweep_rows FROM experiment_summary"));
            assertEquals(0, (int) s.inTransaction(tx -> tx.deleteWalkForward(id, "anchored")));
            assertEquals(2, (int) s.inTransaction(tx -> tx.deleteWalkForward(id, "rolling")));
            assertEquals(0, count(s, "SELECT count(*) FROM walk_forward_stitched"));

            assertTrue((boolean) s.inTransaction(tx -> tx.deleteExperiment(id)));
            for (String t : List.of("experiments", "sweep_results", "runs", "trades", "equity", "events", "filters", "walk_forward",
                    "walk_forward_equity")) {
                assertEquals(0, count(s, "SELECT count(*) FROM " + t), t);
            }
            assertFalse((boolean) s.inTransaction(tx -> tx.deleteExperiment(id)));
        }
    }

    @Test
    void failureRollsBackTheWholeUnit() throws Exception {
        try (ResultsStore s = ResultsStore.open(dir.resolve("vq.duckdb"))) {
            assertThrows(IllegalStateException.class, () -> s.sweepResults());
            RuntimeException boom = new RuntimeException("boom");
            RuntimeException got = assertThrows(RuntimeException.class, () -> s.inTransaction(tx -> {
                tx.putExperiment(experiment("e1"));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    w.add("e1", 0, "BTCUSDT", "{}", metrics(1, 0.1, 1), 1, true);
                }
                throw boom;
            }));
            assertSame(boom, got);
            assertEquals(0, count(s, "SELECT count(*) FROM experiments"));
            assertEquals(0, count(s, "SELECT count(*) FROM sweep_results"));
            // duplicate experiment id is refused and rolled back
            s.inTransaction(tx -> { tx.putExperiment(experiment("e1")); return null; });
            SQLException dup = assertThrows(SQLException.class, () -> s.inTransaction(tx -> { tx.putExperiment(experiment("e1")); return null; }));
            assertTrue(dup.getMessage().contains("e1"), dup.getMessage());
        }
    }

    @Test
    void readOnlyAndVersionChecks() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        assertThrows(vq.columnar.InputException.class, () -> ResultsStore.openReadOnly(db));
        try (ResultsStore s = ResultsStore.open(db)) {
            s.inTransaction(tx -> { tx.putExperiment(experiment("e1")); return null; });
        }
        try (ResultsStore r1 = ResultsStore.openReadOnly(db); ResultsStore r2 = ResultsStore.openReadOnly(db)) {
            assertTrue(r1.isReadOnly());
            assertEquals(1, r1.experiments().size());
            assertEquals(1, r2.experiments().size());
            assertThrows(IllegalStateException.class, () -> r1.inTransaction(tx -> null));
        }
        try (ResultsStore s = ResultsStore.open(db)) {
            try (Statement st = s.connection().createStatement()) {
                st.execute("INSERT INTO schema_version VALUES (999, now(), 'from the future')");
            }
        }
        SQLException e = assertThrows(SQLException.class, () -> ResultsStore.open(db));
        assertTrue(e.getMessage().contains("newer vq"), e.getMessage());
        assertThrows(SQLException.class, () -> ResultsStore.openReadOnly(db));
    }

    /**
     * More rows than the writer's blocks hold at once (so blocks are reused while DuckDB scans them on
     * several threads): every value lands exactly once, bit-exact (NaN, ±inf, null rank included).
     */
    @Test
    void sweepWriterKeepsEveryValueAcrossBuffers() throws Exception {
        int n = SweepResultsWriter.BLOCK * SweepResultsWriter.BLOCKS * 2 + 123;
        double sumSharpe = 0;
        long sumTrades = 0, nullRanks = 0;
        try (ResultsStore s = ResultsStore.open(dir.resolve("vq.duckdb"))) {
            s.inTransaction(tx -> {
                tx.putExperiment(experiment("big"));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    for (int i = 0; i < n; i++) {
                        double[] m = metrics(Math.sin(i), (i % 100) / 100.0, i % 37);
                        m[Metric.PROFIT_FACTOR.ordinal()] = i % 11 == 0 ? Double.POSITIVE_INFINITY : i % 13 == 0 ? Double.NaN : i * 0.5;
                        w.add("big", i, i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", "{\"a\":" + i + "}", m, i % 5 == 0 ? -1 : i % 4, i % 3 == 0);
                    }
                }
                return null;
            });
            for (int i = 0; i < n; i++) {
                sumSharpe += Math.sin(i);
                sumTrades += i % 37;
                if (i % 5 == 0) nullRanks++;
            }
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results"));
            assertEquals(sumTrades, count(s, "SELECT sum(trades) FROM sweep_results"));
            assertEquals(nullRanks, count(s, "SELECT count(*) FROM sweep_results WHERE pareto_rank IS NULL"));
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE CAST(params->>'a' AS BIGINT) = param_set_id"));
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE (param_set_id % 2 = 0) = (symbol = 'BTCUSDT')"));
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE (param_set_id % 3 = 0) = passes_constraints"));
            assertEquals((n + 10) / 11, count(s, "SELECT count(*) FROM sweep_results WHERE profit_factor = 'inf'::DOUBLE"));
            try (Statement st = s.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT sum(sharpe), count(*) FILTER (WHERE isnan(profit_factor)) FROM sweep_results")) {
                rs.next();
                assertEquals(sumSharpe, rs.getDouble(1), 1e-6);
                long nans = 0;
                for (int i = 0; i < n; i++) if (i % 11 != 0 && i % 13 == 0) nans++;
                assertEquals(nans, rs.getLong(2));
            }
            try (Statement st = s.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT param_set_id, sharpe FROM sweep_results ORDER BY param_set_id")) {
                int i = 0;
                while (rs.next()) {
                    assertEquals(i, rs.getLong(1), "each row exactly once");
                    assertEquals(Double.doubleToRawLongBits(Math.sin(i)), Double.doubleToRawLongBits(rs.getDouble(2)), "bit-exact double");
                    i++;
                }
                assertEquals(n, i);
            }
            // a malformed params text fails the transaction with the row range named
            SQLException bad = assertThrows(SQLException.class, () -> s.inTransaction(tx -> {
                try (SweepResultsWriter w = tx.sweepResults()) {
                    w.add("big", -1, "BTCUSDT", "{not json", metrics(0, 0, 0), 1, true);
                }
                return null;
            }));
            assertTrue(bad.getMessage().contains("sweep_results"), bad.getMessage());
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results"));
        }
    }

    /**
     * The bulk vector path is in use with the pinned driver, and gives the same table, value for
     * value (NaN, ±0, ±inf, NULL ranks, 64-row validity words cut mid-word), as DuckDB's public
     * per-value setters.
     */
    @Test
    void bulkVectorWritesEqualThePublicSetters() throws Exception {
        assertTrue(BulkVectorWriter.AVAILABLE, "duckdb_jdbc's vectors no longer expose the buffers BulkVectorWriter uses");
        int n = 2048 * 3 + 77;
        try (ResultsStore s = ResultsStore.open(dir.resolve("vq.duckdb"))) {
            for (String id : new String[] {"bulk", "setters"}) {
                BulkVectorWriter.enabled = id.equals("bulk");
                try {
                    s.inTransaction(tx -> {
                        tx.putExperiment(experiment(id));
                        try (SweepResultsWriter w = tx.sweepResults()) {
                            for (int i = 0; i < n; i++) {
                                double[] m = new double[Metric.COUNT];
                                for (int k = 0; k < m.length; k++) {
                                    m[k] = switch ((i + k) % 7) {
                                        case 0 -> Double.NaN;
                                        case 1 -> -0.0;
                                        case 2 -> Double.NEGATIVE_INFINITY;
                                        case 3 -> Double.MIN_VALUE;
                                        default -> Math.scalb(Math.sin(i * 31 + k), k - 10);
                                    };
                                }
                                m[Metric.TRADES.ordinal()] = i % 1000;
                                m[Metric.LIQUIDATIONS.ordinal()] = -(i % 3);
                                w.add(id, i, "SYM" + (i % 5), "{\"i\":" + i + "}", m, i % 67 == 0 ? -1 : i % 9, i % 5 == 0);
                            }
                        }
                        return null;
                    });
                } finally {
                    BulkVectorWriter.enabled = BulkVectorWriter.AVAILABLE;
                }
            }
            StringBuilder all = new StringBuilder("param_set_id, symbol, params::VARCHAR, pareto_rank, passes_constraints");
            for (Metric m : Metric.VALUES) all.append(", ").append(m.column()).append("::VARCHAR");
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'bulk'"));
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'setters'"));
            assertEquals(0, count(s, "SELECT count(*) FROM (SELECT " + all + " FROM sweep_results WHERE experiment_id = 'bulk' EXCEPT ALL "
                    + "SELECT " + all + " FROM sweep_results WHERE experiment_id = 'setters')"));
            assertEquals(n / 67 + 1, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'bulk' AND pareto_rank IS NULL"));
            assertEquals(0, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'bulk' AND (sharpe IS NULL OR trades IS NULL "
                    + "OR passes_constraints IS NULL)"));
        }
    }

    /** Rows of two experiments interleaved through one writer keep their experiment. */
    @Test
    void sweepWriterMixesExperiments() throws Exception {
        try (ResultsStore s = ResultsStore.open(dir.resolve("vq.duckdb"))) {
            s.inTransaction(tx -> {
                tx.putExperiment(experiment("x"));
                tx.putExperiment(experiment("y"));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    for (int i = 0; i < 1000; i++) {
                        w.add((i / 3) % 2 == 0 ? "x" : "y", i, "BTCUSDT", "{\"i\":" + i + "}", metrics(i, 0.1, i % 7), 1, true);
                    }
                }
                return null;
            });
            assertEquals(501, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'x'"));
            assertEquals(499, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'y'"));
            assertEquals(0, count(s, "SELECT count(*) FROM sweep_results WHERE (experiment_id = 'x') <> ((param_set_id // 3) % 2 = 0)"));
            assertEquals(0, count(s, "SELECT count(*) FROM (SELECT param_set_id, row_number() OVER (ORDER BY param_set_id) - 1 AS r "
                    + "FROM sweep_results) WHERE param_set_id <> r"));
        }
    }

    /**
     * The background INSERT and the transaction: a writer left open is finished before the commit; a
     * failure while its INSERT streams rolls everything back and leaves the store usable; a second
     * writer while one is open is refused; a malformed params text in a later block fails the write.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a commit racing the INSERT deadlocks
    void sweepWriterStreamsInsideTheTransaction() throws Exception {
        int n = SweepResultsWriter.BLOCK * 3 + 5;
        try (ResultsStore s = ResultsStore.open(dir.resolve("vq.duckdb"))) {
            // left open: the store closes it before committing, so every row is in
            s.inTransaction(tx -> {
                tx.putExperiment(experiment("open"));
                SweepResultsWriter w = tx.sweepResults();
                for (int i = 0; i < n; i++) w.add("open", i, "BTCUSDT", "{}", metrics(1, 0.1, 2), 1, true);
                assertThrows(IllegalStateException.class, tx::sweepResults, "one writer at a time");
                return null;
            });
            assertEquals(n, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'open'"));
            // the unit fails while the INSERT is streaming: nothing of it stays, and the store works on
            IllegalStateException boom = assertThrows(IllegalStateException.class, () -> s.inTransaction(tx -> {
                tx.putExperiment(experiment("boom"));
                SweepResultsWriter w = tx.sweepResults();
                for (int i = 0; i < n; i++) w.add("boom", i, "BTCUSDT", "{}", metrics(1, 0.1, 2), 1, true);
                throw new IllegalStateException("the caller failed");
            }));
            assertEquals("the caller failed", boom.getMessage());
            assertEquals(0, count(s, "SELECT count(*) FROM sweep_results WHERE experiment_id = 'boom'"));
            assertEquals(0, count(s, "SELECT count(*) FROM experiments WHERE experiment_id = 'boom'"));
            // a bad params text two blocks in: add or close reports it, and the unit rolls back
            SQLException bad = assertThrows(SQLException.class, () -> s.inTransaction(tx -> {
                tx.putExperiment(experiment("bad"));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    for (int i = 0; i < n; i++) {
                        w.add("bad", i, "BTCUSDT", i == 2 * SweepResultsWriter.BLOCK + 1 ? "{oops" : "{}", metrics(1, 0.1, 2), 1, true);
                    }
                }
                return null;
            }));
            assertTrue(bad.getMessage().contains("sweep_results: writing rows"), bad.getMessage());
            assertTrue(bad.getMessage().contains("JSON"), "DuckDB's own reason is kept: " + bad.getMessage());
            assertEquals(0, count(s, "SELECT count(*) FROM experiments WHERE experiment_id = 'bad'"));
            // the INSERT's preserve_insertion_order = false does not outlive it, even when it failed
            assertEquals(1, count(s, "SELECT CAST(current_setting('preserve_insertion_order') AS INTEGER)"));
            s.inTransaction(tx -> {
                tx.putExperiment(experiment("after"));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    for (int i = 0; i < 10; i++) w.add("after", i, "ETHUSDT", "{}", metrics(1, 0.1, 2), 1, true);
                }
                return null;
            });
            assertEquals(n + 10, count(s, "SELECT count(*) FROM sweep_results"));
        }
    }

    /** A file at schema v1 (as landed first) is migrated to the latest version on open, data kept. */
    @Test
    void migratesAVersion1File() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, description VARCHAR NOT NULL)");
            for (String sql : Schema.MIGRATIONS.getFirst().statements()) st.execute(sql);
            st.execute("INSERT INTO schema_version VALUES (1, now(), 'v1')");
            st.execute("INSERT INTO walk_forward VALUES ('e', 'S', 'rolling', 0, make_timestamp_ns(0), make_timestamp_ns(0), make_timestamp_ns(0), "
                    + "make_timestamp_ns(0), 3, 0.1, 0.2, 1.0)");
        }
        try (ResultsStore r = ResultsStore.openReadOnly(db)) {
            assertEquals(Schema.latestVersion(), r.schemaVersion(), "a reader upgrades an old file first");
            assertEquals(1, count(r, "SELECT count(*) FROM walk_forward"));
            assertEquals(0, count(r, "SELECT count(*) FROM walk_forward_stitched"));
            assertEquals(Schema.MIGRATIONS.size(), count(r, "SELECT count(*) FROM schema_version"));
        }
    }

    /** A second process holding the file read-write makes a reader wait, then succeed once it is gone. */
    @Test
    void readerWaitsForAWriterProcess() throws Exception {
        Path db = dir.resolve("vq.duckdb");
        try (ResultsStore s = ResultsStore.open(db)) {
            s.inTransaction(tx -> { tx.putExperiment(experiment("e1")); return null; });
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), HoldLock.class.getName(), db.toString(), "1500"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            // wait until the child holds the lock
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertEquals("locked", line);
            List<String> told = new ArrayList<>();
            long t = System.nanoTime();
            SQLException timeout = assertThrows(SQLException.class,
                    () -> ResultsStore.openReadOnly(db, Duration.ofMillis(200), told::add));
            assertTrue(timeout.getMessage().contains("locked by another process (PID " + p.pid() + ")"), timeout.getMessage());
            try (ResultsStore r = ResultsStore.openReadOnly(db, Duration.ofSeconds(30), told::add)) {
                assertEquals(1, r.experiments().size());
            }
            assertTrue((System.nanoTime() - t) / 1e9 < 30);
            assertTrue(told.getFirst().contains("in use by another process"), told.toString());
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    /** Child process for {@link #readerWaitsForAWriterProcess}: holds the store read-write for a while. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            try (ResultsStore s = ResultsStore.open(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[1]));
            }
        }
    }
}
