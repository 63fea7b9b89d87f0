package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Appends {@code sweep_results} rows through the DuckDB Appender. Obtain from
 * {@link ResultsStore#sweepResults()} inside a transaction; close before the transaction ends.
 * Not thread-safe: one writer per thread, or collect results and write from one thread.
 */
public final class SweepResultsWriter implements AutoCloseable {
    private final DuckDBAppender a;
    private long rows;

    SweepResultsWriter(DuckDBAppender a) { this.a = a; }

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
        a.beginRow();
        a.append(experimentId);
        a.append(paramSetId);
        a.append(symbol);
        a.append(paramsJson);
        for (Metric m : Metric.VALUES) {
            double v = metrics[m.ordinal()];
            if (m.isCount()) a.append((long) v);
            else a.append(v);
        }
        if (paretoRank < 0) a.appendNull();
        else a.append(paretoRank);
        a.append(passesConstraints);
        a.endRow();
        rows++;
    }

    /** Rows appended so far. */
    public long rows() { return rows; }

    /** Flushes the remaining rows into the transaction. */
    @Override
    public void close() throws SQLException {
        a.close();
    }
}
