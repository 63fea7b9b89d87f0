package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Appends {@code walk_forward} rows (per window, the parameter set chosen in-sample and its in- and
 * out-of-sample results) and {@code walk_forward_equity} points (the stitched out-of-sample equity
 * curve, view {@code walk_forward_stitched}). From {@link ResultsStore#walkForward()} inside a
 * transaction.
 */
public final class WalkForwardWriter implements AutoCloseable {
    private final DuckDBAppender a;
    private final DuckDBAppender eq;

    WalkForwardWriter(DuckDBAppender a, DuckDBAppender eq) {
        this.a = a;
        this.eq = eq;
    }

    /**
     * One point of the stitched out-of-sample equity curve (start = 1.0): the equity after the stitched
     * segment that ends at {@code tsNanos}. Points of one (experiment, symbol, scheme) in time order.
     */
    public void addStitched(String experimentId, String symbol, String scheme, long tsNanos, double oosEquity) throws SQLException {
        eq.beginRow();
        eq.append(experimentId);
        eq.append(symbol);
        eq.append(scheme);
        eq.appendEpochNanos(tsNanos);
        eq.append(oosEquity);
        eq.endRow();
    }

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
        try {
            a.close();
        } finally {
            eq.close();
        }
    }
}
