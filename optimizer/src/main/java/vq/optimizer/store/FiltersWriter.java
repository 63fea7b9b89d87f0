package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * Appends {@code filters} rows: one overfitting-filter verdict per (parameter set, symbol, filter);
 * from {@link ResultsStore#filters()} inside a transaction. {@code stage} is the filter's 1-based
 * position in the pipeline, used by the {@code filter_funnel} view.
 */
public final class FiltersWriter implements AutoCloseable {
    private final DuckDBAppender a;

    FiltersWriter(DuckDBAppender a) { this.a = a; }

    /**
     * @param filter     dsr, wfa, pbo, pkfold, ... (lower case)
     * @param value      the statistic (e.g. DSR probability), NaN if none
     * @param threshold  the pass threshold, NaN if none
     * @param detailJson extra fields as a JSON object, or null
     */
    public void add(String experimentId, long paramSetId, String symbol, int stage, String filter, boolean passed,
            double value, double threshold, String detailJson) throws SQLException {
        a.beginRow();
        a.append(experimentId);
        a.append(paramSetId);
        a.append(symbol);
        a.append(stage);
        a.append(filter);
        a.append(passed);
        a.append(value);
        a.append(threshold);
        if (detailJson == null) a.appendNull();
        else a.append(detailJson);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        a.close();
    }
}
