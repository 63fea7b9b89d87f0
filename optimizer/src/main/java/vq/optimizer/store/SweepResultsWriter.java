package vq.optimizer.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * transaction; close before the transaction ends (the store finishes a writer left open before it
 * commits, and abandons it when the transaction fails). Not thread-safe: one writer per store at a
 * time, fed from one thread (collect results from worker threads first).
 *
 * <p>How: rows are buffered column by column in blocks of {@value #BLOCK} rows. From the first full
 * block on, one {@code INSERT INTO sweep_results SELECT ... FROM vq_sweep_stream()} runs on a
 * background thread ({@code vq-results-insert}) while the caller goes on adding rows: the Java
 * table function hands DuckDB each filled block a vector (2,048 rows) at a time, numbers with one
 * bulk copy per column ({@link BulkVectorWriter}), strings in batches, and returns the block for
 * reuse. At most {@value #BLOCKS} blocks (about 3 MB each) are in circulation, so memory stays
 * bounded whatever the row count; a caller that outruns DuckDB waits for a free block.
 *
 * <p>The INSERT runs with {@code preserve_insertion_order = false} (reset afterwards), which lets
 * DuckDB scan the stream and compress row groups on all its threads at once (1,000,000 rows: the
 * insert took 1.1-1.35 s instead of 1.6-2.4 s on 2 cores, alternated runs). The price: the rows of
 * one write are stored in no particular order. Every reader in vq orders explicitly (by
 * {@code param_set_id}, rank, ...), and so should queries that care; SQL gives no row order
 * without {@code ORDER BY} anyway. The params text is validated as JSON by the INSERT; a failed
 * INSERT fails the next {@link #add} or {@link #close} with the row range named, and the
 * transaction rolls back.
 */
public final class SweepResultsWriter implements AutoCloseable {
    /** Rows per block handed to DuckDB (8 vectors). */
    static final int BLOCK = 1 << 14;
    /** Blocks in circulation at most (the writer's memory bound, about 3 MB per block). */
    static final int BLOCKS = 8;
    static final String FUNCTION = "vq_sweep_stream";
    /** The end of the stream (never filled). */
    static final Buffer END = new Buffer(0);

    private final DuckDBConnection conn;
    private final Source source;
    private final Runnable onClose;
    private final Stream stream = new Stream();
    private final Map<String, byte[]> interned = new HashMap<>();
    private Buffer cur;
    private int allocated;
    private long rows;
    private Thread inserter;
    private volatile long insertedRows = -1;
    private volatile Throwable insertError;
    private boolean closed;

    SweepResultsWriter(DuckDBConnection conn, Source source, Runnable onClose) {
        this.conn = conn;
        this.source = source;
        this.onClose = onClose;
        source.current = stream;
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

    /** The blocks between the writer and the table function. */
    static final class Stream {
        /** Filled blocks in hand-over order, then {@link #END}. */
        final BlockingQueue<Buffer> filled = new LinkedBlockingQueue<>();
        /** Blocks DuckDB has finished with. */
        final BlockingQueue<Buffer> free = new LinkedBlockingQueue<>();
        /** Set when the writer is abandoned: the table function ends at once. */
        volatile boolean aborted;
    }

    /**
     * Appends one (parameter set, symbol) row.
     *
     * @param paramsJson        parameters as a JSON object, e.g. {@code {"fast":10,"slow":50}}
     * @param metrics           metric values indexed by {@link Metric#ordinal()} (length ≥ {@link Metric#COUNT});
     *                          count metrics must be whole numbers
     * @param paretoRank        non-dominated front number (1 = Pareto front), or a negative value for none
     * @param passesConstraints hard constraints met (min trades, max drawdown, min profit factor)
     * @throws IllegalArgumentException on a null id, symbol or params, or too few metrics (nothing is added)
     * @throws SQLException when the background INSERT has failed (the transaction must roll back)
     */
    public void add(String experimentId, long paramSetId, String symbol, String paramsJson, double[] metrics,
            int paretoRank, boolean passesConstraints) throws SQLException {
        if (closed) throw new IllegalStateException("writer is closed");
        if (metrics.length < Metric.COUNT) {
            throw new IllegalArgumentException("parameter set " + paramSetId + ": " + metrics.length + " metrics, expected "
                    + Metric.COUNT + " (Metric order)");
        }
        if (paramsJson == null) throw new IllegalArgumentException("parameter set " + paramSetId + ": params is null");
        byte[] exp = intern(experimentId, "experimentId"), sym = intern(symbol, "symbol");
        Buffer b = cur;
        if (b == null) b = cur = freeBlock();
        int i = b.n;
        b.experiment[i] = exp;
        b.symbol[i] = sym;
        b.params[i] = paramsJson.getBytes(StandardCharsets.UTF_8);
        b.paramSetId[i] = paramSetId;
        for (int k = 0; k < Metric.COUNT; k++) b.metrics[k][i] = metrics[k];
        b.rank[i] = paretoRank;
        b.passes[i] = passesConstraints;
        b.n = i + 1;
        rows++;
        if (b.n == BLOCK) {
            cur = null;
            stream.filled.add(b);
            if (inserter == null) startInserter();
        }
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

    /** A block to fill: a new one while fewer than {@link #BLOCKS} exist, else one DuckDB has finished with. */
    private Buffer freeBlock() throws SQLException {
        Buffer b = stream.free.poll();
        if (b == null && allocated < BLOCKS) {
            allocated++;
            return new Buffer(BLOCK);
        }
        try {
            while (b == null) {
                if (insertedRows >= 0 || insertError != null) throw failure();
                b = stream.free.poll(20, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new SQLException("sweep_results: interrupted while writing", e);
        }
        b.n = 0;
        Arrays.fill(b.params, null);
        return b;
    }

    private void startInserter() {
        inserter = Thread.ofPlatform().name("vq-results-insert").daemon().unstarted(this::insert);
        inserter.start();
    }

    /** Runs the INSERT over the whole stream (on the background thread, or inline for a small write). */
    private void insert() {
        StringBuilder sql = new StringBuilder("INSERT INTO sweep_results SELECT experiment_id, param_set_id, symbol, "
                + "CAST(params AS JSON), ");
        sql.append(Metric.columnList("")).append(", pareto_rank, passes_constraints FROM ").append(FUNCTION).append("()");
        try (Statement st = conn.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
            insertedRows = st.executeUpdate(sql.toString());
        } catch (Throwable t) {
            insertError = t;
            stream.aborted = true;   // stop handing blocks to a failed query
        } finally {
            // on its own statement (a failed one is closed): DuckDB's reason stays the error reported; in a transaction
            // the failure aborted, the store resets the setting after its rollback
            try (Statement st = conn.createStatement()) {
                st.execute("RESET preserve_insertion_order");
            } catch (SQLException e) {
                if (insertError != null) insertError.addSuppressed(e);
                else insertError = e;
            }
        }
    }

    private SQLException failure() {
        Throwable t = insertError;
        String range = "rows 0.." + (rows - 1);
        if (t == null) return new SQLException("sweep_results: the INSERT ended after " + insertedRows + " of " + rows + " rows");
        return new SQLException("sweep_results: writing " + range + " failed: " + t.getMessage(), t);
    }

    /** Rows appended so far. */
    public long rows() { return rows; }

    /**
     * Hands the remaining rows to DuckDB and waits until all of them are in the transaction.
     *
     * @throws SQLException when the INSERT failed (malformed params JSON, ...) or lost rows
     */
    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        try {
            if (cur != null && cur.n > 0) stream.filled.add(cur);
            cur = null;
            stream.filled.add(END);
            if (inserter == null) {
                if (rows == 0) return;
                insert();
            } else {
                joinInserter();
            }
            if (insertError != null || insertedRows != rows) throw failure();
        } finally {
            if (source.current == stream) source.current = null;
            onClose.run();
        }
    }

    /** Ends the stream without finishing the write (the transaction is being rolled back). Idempotent. */
    void abandon() {
        if (closed && inserter == null) return;
        closed = true;
        stream.aborted = true;
        stream.filled.add(END);
        if (inserter != null) {
            try {
                joinInserter();
            } catch (SQLException ignored) {
                // rolling back anyway
            }
        }
        if (source.current == stream) source.current = null;
        onClose.run();
    }

    private void joinInserter() throws SQLException {
        boolean interrupted = false;
        while (true) {
            try {
                inserter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // the INSERT uses the connection: it must end before anyone else does
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    // ------------------------------------------------------------------ the table function

    /** The {@value #FUNCTION}() table function of one connection: streams the current writer's blocks. */
    static final class Source implements DuckDBTableFunction<Stream, Cursor, Cursor> {
        volatile Stream current;

        /** Registers {@value #FUNCTION} on {@code conn}; returns the source whose stream the function reads. */
        static Source register(DuckDBConnection conn) throws SQLException {
            Source s = new Source();
            DuckDBFunctions.tableFunction().withName(FUNCTION).withFunction(s).register(conn);
            return s;
        }

        @Override public Stream bind(DuckDBTableFunctionBindInfo info) {
            info.addResultColumn("experiment_id", DuckDBColumnType.VARCHAR);
            info.addResultColumn("param_set_id", DuckDBColumnType.BIGINT);
            info.addResultColumn("symbol", DuckDBColumnType.VARCHAR);
            info.addResultColumn("params", DuckDBColumnType.VARCHAR);
            for (Metric m : Metric.VALUES) info.addResultColumn(m.column(), m.isCount() ? DuckDBColumnType.BIGINT : DuckDBColumnType.DOUBLE);
            info.addResultColumn("pareto_rank", DuckDBColumnType.INTEGER);
            info.addResultColumn("passes_constraints", DuckDBColumnType.BOOLEAN);
            return current;
        }

        @Override public Cursor init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(Runtime.getRuntime().availableProcessors());
            return new Cursor();
        }

        @Override public Cursor localInit(DuckDBTableFunctionInitInfo info) {
            return new Cursor();
        }

        @Override public long apply(DuckDBTableFunctionCallInfo call, DuckDBDataChunkWriter out) throws InterruptedException {
            Stream s = call.getBindData();
            Cursor c = call.getLocalInitData();
            if (s == null || c.done) return 0;
            Buffer b = c.block;
            if (b == null || c.pos >= b.n) {
                if (b != null) s.free.add(b);
                c.block = null;
                b = s.aborted ? END : s.filled.take();
                if (b == END) {
                    s.filled.add(END);   // every scanning thread sees the end
                    c.done = true;
                    return 0;
                }
                c.block = b;
                c.pos = 0;
            }
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

    /** One scanning thread's position: the block it reads and the next row in it. */
    static final class Cursor implements DuckDBTableFunctionState {
        Buffer block;
        int pos;
        boolean done;

        @Override public void close() {}
    }
}
