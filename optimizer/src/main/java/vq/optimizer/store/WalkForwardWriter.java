package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Appends {@code walk_forward} rows: per window, the parameter set chosen in-sample and its in- and
 * out-of-sample results; the {@code walk_forward_stitched} view chains the OOS returns into one
 * equity curve. From {@link ResultsStore#walkForward()} inside a transaction.
 */
public final class WalkForwardWriter implements AutoCloseable {
    private final DuckDBAppender a;

    WalkForwardWriter(DuckDBAppender a) { this.a = a; }

    /**
     * @param scheme     rolling or anchored
     * @param windowNo   0-based window index in time order
     * @param isReturn   in-sample total return of the chosen set (fraction)
     * @param oosReturn  out-of-sample total return (fraction)
     * @param oosSharpe  out-of-sample Sharpe (annualised, 365 d)
     */
    public void add(String experimentId, String symbol, String scheme, int windowNo, long trainFromNanos,
            long trainToNanos, long testFromNanos, long testToNanos, long paramSetId, double isReturn,
            double oosReturn, double oosSharpe) throws SQLException {
        a.beginRow();
        a.append(experimentId);
        a.append(symbol);
        a.append(scheme);
        a.append(windowNo);
        a.appendEpochNanos(trainFromNanos);
        a.appendEpochNanos(trainToNanos);
        a.appendEpochNanos(testFromNanos);
        a.appendEpochNanos(testToNanos);
        a.append(paramSetId);
        a.append(isReturn);
        a.append(oosReturn);
        a.append(oosSharpe);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        a.close();
    }
}
