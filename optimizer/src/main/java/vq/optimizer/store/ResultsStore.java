package vq.optimizer.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import vq.columnar.InputException;

/**
 * The workspace results database ({@code vq.duckdb}, DESIGN.md §9): one embedded DuckDB file with a
 * versioned schema ({@link Schema}), opened read-write by a writer or read-only by a reader.
 *
 * <h2>Writing</h2>
 * Every write happens inside {@link #inTransaction}: the typed writers ({@link #sweepResults()},
 * {@link #trades()}, ...) refuse to work outside one, and a failure rolls the whole unit back, so a
 * crashed run leaves no half-written experiment. Bulk rows go through the DuckDB Appender (no
 * row-by-row INSERT). Typical use from a command:
 * <pre>{@code
 * try (ResultsStore store = ResultsStore.open(workspace.database())) {
 *     store.inTransaction(tx -> {
 *         tx.putExperiment(experiment);
 *         try (SweepResultsWriter w = tx.sweepResults()) {
 *             for (...) w.add(experimentId, paramSetId, symbol, paramsJson, metrics, paretoRank, passes);
 *         }
 *         tx.finishExperiment(experimentId, "finished", Instant.now());
 *         return null;
 *     });
 * }
 * }</pre>
 *
 * <h2>Concurrency (one writer process, readers wait)</h2>
 * DuckDB lets one process open a file read-write, or any number of processes open it read-only,
 * never both at once (an OS file lock). vq therefore keeps the write window short: a long command
 * computes first, then opens the store, writes in one transaction and closes it (screening 1 M
 * parameter sets writes in about 1.5 s on 2 cores). Readers ({@code vq sql}, {@code vq report},
 * {@code vq experiments}) open read-only, which also lets several of them run side by side. Whoever
 * finds the file locked retries with back-off for up to {@code lockWait} (default 60 s), telling the
 * user which process holds the lock, and then fails with exit code 1 naming it. Within one JVM, use
 * one store and {@link #connection()}{@code .duplicate()} for extra connections.
 *
 * <h2>Schema versions</h2>
 * {@code schema_version(version, applied_at, description)} records applied migrations. A read-write
 * open applies the missing ones, each in its own transaction; a newer file than this code knows is
 * refused in both modes. A read-only open of an older file upgrades it first through a short
 * read-write open.
 */
public final class ResultsStore implements AutoCloseable {
    /** Default time to wait for another process's lock on the file. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    static {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final boolean readOnly;
    private final DuckDBConnection conn;
    private boolean inTx;
    private SweepResultsWriter.Source sweepSource;
    private SweepResultsWriter openSweepWriter;

    private ResultsStore(Path file, boolean readOnly, DuckDBConnection conn) {
        this.file = file;
        this.readOnly = readOnly;
        this.conn = conn;
    }

    /** Opens (creating if absent) {@code file} read-write and migrates it to {@link Schema#latestVersion()}. */
    public static ResultsStore open(Path file) throws SQLException {
        return open(file, DEFAULT_LOCK_WAIT, msg -> System.err.println("vq: " + msg));
    }

    /**
     * Opens {@code file} read-write, waiting up to {@code lockWait} for another process's lock
     * ({@code onWait} is told once, with the lock holder), and migrates it.
     */
    public static ResultsStore open(Path file, Duration lockWait, Consumer<String> onWait) throws SQLException {
        Path abs = file.toAbsolutePath().normalize();
        try {
            if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        } catch (java.io.IOException e) {
            throw new SQLException(abs.getParent() + ": cannot create directory: " + e.getMessage(), e);
        }
        ResultsStore s = new ResultsStore(abs, false, connect(abs, false, lockWait, onWait));
        try {
            s.migrate();
            s.sweepSource = SweepResultsWriter.Source.register(s.conn);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Opens an existing {@code file} read-only (many readers may do so at once). */
    public static ResultsStore openReadOnly(Path file) throws SQLException {
        return openReadOnly(file, DEFAULT_LOCK_WAIT, msg -> System.err.println("vq: " + msg));
    }

    /**
     * Opens an existing {@code file} read-only, waiting up to {@code lockWait} while a writer holds it.
     *
     * @throws InputException when the file does not exist (no results yet)
     * @throws SQLException when the schema is newer than this code, or the lock is not released in time
     */
    public static ResultsStore openReadOnly(Path file, Duration lockWait, Consumer<String> onWait) throws SQLException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new InputException(abs + ": no results database yet (run vq screen or vq validate first)");
        }
        ResultsStore s = new ResultsStore(abs, true, connect(abs, true, lockWait, onWait));
        int v;
        try {
            v = s.schemaVersion();
            checkNotNewer(abs, v);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
        if (v == Schema.latestVersion()) return s;
        // an older file: upgrade it once through a short read-write open, then read
        s.close();
        open(abs, lockWait, onWait).close();
        return openReadOnly(abs, lockWait, onWait);
    }

    private static DuckDBConnection connect(Path abs, boolean readOnly, Duration lockWait, Consumer<String> onWait)
            throws SQLException {
        Properties p = new Properties();
        if (readOnly) p.setProperty("duckdb.read_only", "true");
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        // Bulk inserts write each finished row group out at once instead of buffering five (DuckDB's default):
        // the commit then has little left to write (1,000,000 sweep rows: commit 0.63 -> 0.20 s, rows plus
        // commit 2.58 -> 2.37 s, alternated runs) and a large insert holds less memory.
        if (!readOnly) p.setProperty("write_buffer_row_group_count", "1");
        long deadline = System.nanoTime() + lockWait.toNanos();
        long sleepMs = 50;
        boolean told = false;
        while (true) {
            try {
                return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs, p);
            } catch (SQLException e) {
                String m = String.valueOf(e.getMessage());
                boolean locked = m.contains("lock") && (m.contains("Conflicting") || m.contains("Could not set lock"));
                if (!locked) throw new SQLException(abs + ": cannot open results database: " + m, e);
                String holder = lockHolder(m);
                if (System.nanoTime() >= deadline) {
                    throw new SQLException(abs + ": locked by another process" + holder + " for more than "
                            + lockWait.toSeconds() + " s; wait for it to finish (DuckDB allows one writer, or many readers)", e);
                }
                if (!told && onWait != null) {
                    onWait.accept(abs.getFileName() + " is in use by another process" + holder + "; waiting up to "
                            + lockWait.toSeconds() + " s");
                    told = true;
                }
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for the lock on " + abs, ie);
                }
                sleepMs = Math.min(1000, sleepMs * 2);
            }
        }
    }

    /** Extracts " (PID n)" from DuckDB's lock message, or "" when absent. */
    private static String lockHolder(String message) {
        int i = message.indexOf("PID ");
        if (i < 0) return "";
        int j = i + 4;
        while (j < message.length() && Character.isDigit(message.charAt(j))) j++;
        return " (" + message.substring(i, j) + ")";
    }

    private static void checkNotNewer(Path abs, int v) throws SQLException {
        if (v > Schema.latestVersion()) {
            throw new SQLException(abs + ": results schema v" + v + " was written by a newer vq (this one knows up to v"
                    + Schema.latestVersion() + "); upgrade vq");
        }
    }

    private void migrate() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "applied_at TIMESTAMP NOT NULL, description VARCHAR NOT NULL)");
        }
        int v = schemaVersion();
        checkNotNewer(file, v);
        for (Schema.Migration m : Schema.MIGRATIONS) {
            if (m.version() <= v) continue;
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                for (String sql : m.statements()) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        throw new SQLException("migration " + m.version() + " (" + m.description() + ") failed on:\n"
                                + sql + "\n" + e.getMessage(), e);
                    }
                }
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setObject(2, utc(Instant.now()));
                    ps.setString(3, m.description());
                    ps.executeUpdate();
                }
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        }
    }

    /** The file this store reads (absolute). */
    public Path file() { return file; }

    /** True when opened read-only. */
    public boolean isReadOnly() { return readOnly; }

    /**
     * The underlying connection, for queries and for writers the typed API does not cover. Writes
     * through it must happen inside {@link #inTransaction}. Do not close it; close the store.
     */
    public DuckDBConnection connection() { return conn; }

    /** The schema version recorded in the file (0 for a new, empty file). */
    public int schemaVersion() throws SQLException {
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'")) {
                rs.next();
                if (rs.getLong(1) == 0) return 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A unit of work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ResultsStore tx) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
     * (the exception is rethrown). Not re-entrant.
     *
     * @throws IllegalStateException when the store is read-only or already in a transaction
     */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        if (readOnly) throw new IllegalStateException(file + " is open read-only");
        if (inTx) throw new IllegalStateException("already in a transaction");
        conn.setAutoCommit(false);
        inTx = true;
        try {
            T result = work.run(this);
            if (openSweepWriter != null) openSweepWriter.close();   // finishes its background INSERT first
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            // a writer left open still streams on its own thread over this connection: end it before the rollback
            if (openSweepWriter != null) openSweepWriter.abandon();
            try {
                conn.rollback();
            } catch (SQLException re) {
                e.addSuppressed(re);
            }
            // a sweep INSERT that failed inside the transaction could not reset its preserve_insertion_order = false
            try (Statement st = conn.createStatement()) {
                st.execute("RESET preserve_insertion_order");
            } catch (SQLException re) {
                e.addSuppressed(re);
            }
            throw e;
        } finally {
            inTx = false;
            conn.setAutoCommit(true);
        }
    }

    void requireTx() {
        if (!inTx) throw new IllegalStateException("results are written inside ResultsStore.inTransaction(...)");
    }

    /** A raw DuckDB Appender on {@code table} (columns in the order of {@link Schema}); inside a transaction. */
    public DuckDBAppender appender(String table) throws SQLException {
        requireTx();
        return conn.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    // ---------------------------------------------------------------- experiments

    /** Inserts a new experiment row. @throws SQLException if the id exists */
    public void putExperiment(Experiment e) throws SQLException {
        requireTx();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO experiments VALUES (?, ?, ?, ?, ?, ?::JSON, "
                + "CASE WHEN ? IS NULL THEN NULL ELSE string_split(?, chr(31)) END, ?, make_timestamp_ns(?), "
                + "make_timestamp_ns(?), ?, ?, ?, ?, ?::JSON, ?, ?, ?)")) {
            int i = 0;
            ps.setString(++i, e.experimentId());
            ps.setString(++i, e.name());
            ps.setString(++i, e.kind());
            ps.setString(++i, e.strategy());
            ps.setString(++i, e.configYaml());
            ps.setString(++i, e.paramSpaceJson());
            String syms = e.symbols() == null ? null : String.join("\u001f", e.symbols());
            ps.setString(++i, syms);
            ps.setString(++i, syms);
            ps.setString(++i, e.barInterval());
            ps.setObject(++i, e.dataFromNanos());
            ps.setObject(++i, e.dataToNanos());
            ps.setString(++i, e.method());
            ps.setObject(++i, e.seed());
            ps.setObject(++i, e.paramSets());
            ps.setString(++i, e.codeVersion());
            ps.setString(++i, e.dataChecksumsJson());
            ps.setString(++i, e.status());
            ps.setObject(++i, utc(e.startedAt()));
            ps.setObject(++i, e.finishedAt() == null ? null : utc(e.finishedAt()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new SQLException("experiment " + e.experimentId() + ": " + ex.getMessage(), ex);
        }
    }

    /** Sets an experiment's status ({@code finished}, {@code failed}, ...) and finish time. */
    public void finishExperiment(String experimentId, String status, Instant finishedAt) throws SQLException {
        requireTx();
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE experiments SET status = ?, finished_at = ? WHERE experiment_id = ?")) {
            ps.setString(1, status);
            ps.setObject(2, utc(finishedAt));
            ps.setString(3, experimentId);
            if (ps.executeUpdate() != 1) throw new SQLException("no experiment " + experimentId);
        }
    }

    /**
     * Deletes an experiment and everything recorded for it (sweep rows, filters, walk-forward, its
     * runs with their trades, equity and events). Returns false when there was no such experiment.
     */
    public boolean deleteExperiment(String experimentId) throws SQLException {
        requireTx();
        String runs = "(SELECT run_id FROM runs WHERE experiment_id = ?)";
        String[] sql = {
            "DELETE FROM trades WHERE run_id IN " + runs,
            "DELETE FROM equity WHERE run_id IN " + runs,
            "DELETE FROM events WHERE run_id IN " + runs,
            "DELETE FROM runs WHERE experiment_id = ?",
            "DELETE FROM filters WHERE experiment_id = ?",
            "DELETE FROM walk_forward WHERE experiment_id = ?",
            "DELETE FROM walk_forward_equity WHERE experiment_id = ?",
            "DELETE FROM sweep_results WHERE experiment_id = ?",
            "DELETE FROM experiments WHERE experiment_id = ?",
        };
        int deleted = 0;
        for (String s : sql) {
            try (PreparedStatement ps = conn.prepareStatement(s)) {
                ps.setString(1, experimentId);
                deleted = ps.executeUpdate();
            }
        }
        return deleted > 0;
    }

    /**
     * Deletes an experiment's walk-forward windows and stitched equity of one scheme (rolling or
     * anchored), before writing them again. Returns the number of window rows deleted.
     */
    public int deleteWalkForward(String experimentId, String scheme) throws SQLException {
        requireTx();
        int n;
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM walk_forward WHERE experiment_id = ? AND scheme = ?")) {
            ps.setString(1, experimentId);
            ps.setString(2, scheme);
            n = ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM walk_forward_equity WHERE experiment_id = ? AND scheme = ?")) {
            ps.setString(1, experimentId);
            ps.setString(2, scheme);
            ps.executeUpdate();
        }
        return n;
    }

    /** All experiments, newest first. */
    public List<Experiment> experiments() throws SQLException {
        return queryExperiments("ORDER BY started_at DESC, experiment_id", null);
    }

    /** One experiment by id. */
    public Optional<Experiment> experiment(String experimentId) throws SQLException {
        List<Experiment> l = queryExperiments("WHERE experiment_id = ?", experimentId);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
    }

    private List<Experiment> queryExperiments(String tail, String arg) throws SQLException {
        String sql = "SELECT experiment_id, name, kind, strategy, config_yaml, CAST(param_space AS VARCHAR), "
                + "array_to_string(symbols, chr(31)), bar_interval, epoch_ns(data_from), epoch_ns(data_to), method, seed, param_sets, "
                + "code_version, CAST(data_checksums AS VARCHAR), status, started_at, finished_at FROM experiments " + tail;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            List<Experiment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String syms = rs.getString(7);
                    out.add(new Experiment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), syms == null ? null : List.of(syms.split("\u001f")),
                            rs.getString(8), (Long) rs.getObject(9), (Long) rs.getObject(10), rs.getString(11),
                            (Long) rs.getObject(12), (Long) rs.getObject(13), rs.getString(14), rs.getString(15),
                            rs.getString(16), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18))));
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- typed bulk writers

    /**
     * Appends to {@code sweep_results} (buffered column-wise, inserted on a background thread while
     * rows are added; see {@link SweepResultsWriter}); inside a transaction.
     *
     * @throws IllegalStateException outside a transaction, or while another sweep writer is open
     */
    public SweepResultsWriter sweepResults() throws SQLException {
        requireTx();
        if (openSweepWriter != null) throw new IllegalStateException("a sweep_results writer is already open; close it first");
        SweepResultsWriter w = new SweepResultsWriter(conn, sweepSource, () -> openSweepWriter = null);
        openSweepWriter = w;
        return w;
    }

    /** Inserts one validation run ({@code runs}); inside a transaction. */
    public void putRun(Run r) throws SQLException {
        requireTx();
        StringBuilder q = new StringBuilder("INSERT INTO runs VALUES (?, ?, ?, ?, ?::JSON, ?, ?, ?, ?, ?, ?");
        q.append(", ?".repeat(Metric.COUNT)).append(", ?, ?, ?)");
        try (PreparedStatement ps = conn.prepareStatement(q.toString())) {
            int i = 0;
            ps.setString(++i, r.runId());
            ps.setString(++i, r.experimentId());
            ps.setObject(++i, r.paramSetId());
            ps.setString(++i, r.symbol());
            ps.setString(++i, r.paramsJson());
            ps.setString(++i, r.fidelity());
            ps.setString(++i, r.latency());
            ps.setString(++i, r.sizing());
            ps.setString(++i, r.risk());
            ps.setDouble(++i, r.initialEquity());
            ps.setDouble(++i, r.finalEquity());
            double[] m = r.metrics();
            if (m.length != Metric.COUNT) throw new IllegalArgumentException("run " + r.runId() + ": metrics length "
                    + m.length + ", expected " + Metric.COUNT + " (Metric order)");
            for (Metric k : Metric.values()) {
                double v = m[k.ordinal()];
                if (k.isCount()) ps.setLong(++i, (long) v);
                else ps.setDouble(++i, v);
            }
            ps.setObject(++i, r.executionSensitive());
            ps.setObject(++i, utc(r.startedAt()));
            ps.setObject(++i, r.finishedAt() == null ? null : utc(r.finishedAt()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new SQLException("run " + r.runId() + ": " + ex.getMessage(), ex);
        }
    }

    /** Appends to {@code trades}; inside a transaction. */
    public TradesWriter trades() throws SQLException {
        return new TradesWriter(appender("trades"));
    }

    /** Appends to {@code equity}; inside a transaction. */
    public EquityWriter equity() throws SQLException {
        return new EquityWriter(appender("equity"));
    }

    /** Appends to {@code events}; inside a transaction. */
    public EventsWriter events() throws SQLException {
        return new EventsWriter(appender("events"));
    }

    /** Appends to {@code filters}; inside a transaction. */
    public FiltersWriter filters() throws SQLException {
        return new FiltersWriter(appender("filters"));
    }

    /** Appends to {@code walk_forward}; inside a transaction. */
    public WalkForwardWriter walkForward() throws SQLException {
        return new WalkForwardWriter(appender("walk_forward"), appender("walk_forward_equity"));
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    /** Closes the connection (and with it the file lock). */
    @Override
    public void close() throws SQLException {
        conn.close();
    }
}
