package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Appends {@code equity} rows (a sampled equity curve, marked to the bar close); from
 * {@link ResultsStore#equity()} inside a transaction.
 */
public final class EquityWriter implements AutoCloseable {
    private final DuckDBAppender a;

    EquityWriter(DuckDBAppender a) { this.a = a; }

    /**
     * @param tsNanos  sample time (epoch ns UTC)
     * @param equity   account equity, USDT
     * @param drawdown fall from the running peak as a fraction of the peak, in [0, 1]
     */
    public void add(String runId, long tsNanos, double equity, double drawdown) throws SQLException {
        a.beginRow();
        a.append(runId);
        a.appendEpochNanos(tsNanos);
        a.append(equity);
        a.append(drawdown);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        a.close();
    }
}
