package vq.optimizer.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBTableFunctionState;
import org.duckdb.DuckDBWritableVector;

/**
 * Writes {@code sweep_results} rows. Obtain from {@link ResultsStore#sweepResults()} inside a
 * transaction; close before the transaction ends. Not thread-safe: one writer per store at a time,
 * from one thread (collect results from worker threads first).
 *
 * <p>How: rows are buffered column by column ({@value #BATCH} rows, about 12 MB) and each full
 * buffer goes into the table with one {@code INSERT INTO sweep_results SELECT ... FROM
 * vq_sweep_buffer()}, a Java table function that hands DuckDB the buffered columns a vector (2,048
 * rows) at a time: numbers with one bulk copy per column ({@link BulkVectorWriter}), strings in
 * batches. This costs a fraction of the DuckDB Appender's per-value
 * calls (measured: the Appender needed ~4.6 µs of CPU per 27-column row, mostly per-value JNI and
 * checks). The params text is validated as JSON by the INSERT.
 */
public final class SweepResultsWriter implements AutoCloseable {
    static final int BATCH = 1 << 16;
    static final String FUNCTION = "vq_sweep_buffer";

    private final DuckDBConnection conn;
    private final Buffer buf = new Buffer(BATCH);
    private final Map<String, byte[]> interned = new HashMap<>();
    private long rows;
    private boolean closed;

    SweepResultsWriter(DuckDBConnection conn, Source source) {
        this.conn = conn;
        source.current = buf;
    }

    /** Column-wise buffer of up to {@code cap} rows. */
    static final class Buffer {
        final byte[][] experiment, symbol, params;
        final long[] paramSetId;
        final double[][] metrics = new double[Metric.COUNT][];
        final int[] rank;
        final boolean[] passes;
        int n;

        Buffer(int cap) {
            experiment = new byte[cap][];
            symbol = new byte[cap][];
            params = new byte[cap][];
            paramSetId = new long[cap];
            for (int k = 0; k < Metric.COUNT; k++) metrics[k] = new double[cap];
            rank = new int[cap];
            passes = new boolean[cap];
        }
    }

    /**
     * Appends one (parameter set, symbol) row.
     *
     * @param paramsJson        parameters as a JSON object, e.g. {@code {"fast":10,"slow":50}}
     * @param metrics           metric values indexed by {@link Metric#ordinal()} (length ≥ {@link Metric#COUNT});
     *                          count metrics must be whole numbers
     * @param paretoRank        non-dominated front number (1 = Pareto front), or a negative value for none
     * @param passesConstraints hard constraints met (min trades, max drawdown, min profit factor)
     */
    public void add(String experimentId, long paramSetId, String symbol, String paramsJson, double[] metrics,
            int paretoRank, boolean passesConstraints) throws SQLException {
        if (closed) throw new IllegalStateException("writer is closed");
        if (metrics.length < Metric.COUNT) {
            throw new IllegalArgumentException("parameter set " + paramSetId + ": " + metrics.length + " metrics, expected "
                    + Metric.COUNT + " (Metric order)");
        }
        Buffer b = buf;
        int i = b.n;
        b.experiment[i] = intern(experimentId, "experimentId");
        b.symbol[i] = intern(symbol, "symbol");
        if (paramsJson == null) throw new IllegalArgumentException("parameter set " + paramSetId + ": params is null");
        b.params[i] = paramsJson.getBytes(StandardCharsets.UTF_8);
        b.paramSetId[i] = paramSetId;
        for (int k = 0; k < Metric.COUNT; k++) b.metrics[k][i] = metrics[k];
        b.rank[i] = paretoRank;
        b.passes[i] = passesConstraints;
        b.n = i + 1;
        rows++;
        if (b.n == BATCH) flush();
    }

    private byte[] intern(String s, String what) {
        if (s == null) throw new IllegalArgumentException(what + " is null");
        byte[] v = interned.get(s);
        if (v == null) {
            v = s.getBytes(StandardCharsets.UTF_8);
            interned.put(s, v);
        }
        return v;
    }

    private void flush() throws SQLException {
        if (buf.n == 0) return;
        StringBuilder sql = new StringBuilder("INSERT INTO sweep_results SELECT experiment_id, param_set_id, symbol, "
                + "CAST(params AS JSON), ");
        sql.append(Metric.columnList("")).append(", pareto_rank, passes_constraints FROM ").append(FUNCTION).append("()");
        try (Statement st = conn.createStatement()) {
            int inserted = st.executeUpdate(sql.toString());
            if (inserted != buf.n) throw new SQLException("sweep_results: inserted " + inserted + " of " + buf.n + " buffered rows");
        } catch (SQLException e) {
            throw new SQLException("sweep_results: writing rows " + (rows - buf.n) + ".." + (rows - 1) + " failed: " + e.getMessage(), e);
        } finally {
            buf.n = 0;
            Arrays.fill(buf.params, null);
        }
    }

    /** Rows appended so far. */
    public long rows() { return rows; }

    /** Writes the remaining buffered rows into the transaction. */
    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        flush();
    }

    // ------------------------------------------------------------------ the table function

    /** The {@value #FUNCTION}() table function of one connection: streams the current writer's buffer. */
    static final class Source implements DuckDBTableFunction<Buffer, Cursor, Cursor> {
        volatile Buffer current;

        /** Registers {@value #FUNCTION} on {@code conn}; returns the source whose buffer the function reads. */
        static Source register(DuckDBConnection conn) throws SQLException {
            Source s = new Source();
            DuckDBFunctions.tableFunction().withName(FUNCTION).withFunction(s).register(conn);
            return s;
        }

        @Override public Buffer bind(DuckDBTableFunctionBindInfo info) {
            info.addResultColumn("experiment_id", DuckDBColumnType.VARCHAR);
            info.addResultColumn("param_set_id", DuckDBColumnType.BIGINT);
            info.addResultColumn("symbol", DuckDBColumnType.VARCHAR);
            info.addResultColumn("params", DuckDBColumnType.VARCHAR);
            for (Metric m : Metric.VALUES) info.addResultColumn(m.column(), m.isCount() ? DuckDBColumnType.BIGINT : DuckDBColumnType.DOUBLE);
            info.addResultColumn("pareto_rank", DuckDBColumnType.INTEGER);
            info.addResultColumn("passes_constraints", DuckDBColumnType.BOOLEAN);
            Buffer b = current;
            info.setCardinality(b == null ? 0 : b.n, true);
            return b;
        }

        @Override public Cursor init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new Cursor();
        }

        @Override public Cursor localInit(DuckDBTableFunctionInitInfo info) {
            return new Cursor();
        }

        @Override public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter out) {
            Buffer b = call.getBindData();
            Cursor c = call.getInitData();
            if (b == null || c.pos >= b.n) return 0;
            int from = c.pos, n = (int) Math.min(out.capacity(), b.n - from);
            out.vector(0).setStringUtf8Batch(0, Arrays.copyOfRange(b.experiment, from, from + n));
            BulkVectorWriter.putLongs(out.vector(1), b.paramSetId, from, n);
            out.vector(2).setStringUtf8Batch(0, Arrays.copyOfRange(b.symbol, from, from + n));
            out.vector(3).setStringUtf8Batch(0, Arrays.copyOfRange(b.params, from, from + n));
            for (Metric m : Metric.VALUES) {
                DuckDBWritableVector v = out.vector(4 + m.ordinal());
                double[] col = b.metrics[m.ordinal()];
                if (m.isCount()) BulkVectorWriter.putLongsOfDoubles(v, col, from, n);
                else BulkVectorWriter.putDoubles(v, col, from, n);
            }
            BulkVectorWriter.putIntsNullIfNegative(out.vector(4 + Metric.COUNT), b.rank, from, n);
            BulkVectorWriter.putBooleans(out.vector(5 + Metric.COUNT), b.passes, from, n);
            c.pos = from + n;
            return n;
        }
    }

    /** Scan position. */
    static final class Cursor implements DuckDBTableFunctionState {
        int pos;

        @Override public void close() {}
    }
}
