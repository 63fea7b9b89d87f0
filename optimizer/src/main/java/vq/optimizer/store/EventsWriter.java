package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/** Appends {@code events} rows (the validation event log); from {@link ResultsStore#events()} inside a transaction. */
public final class EventsWriter implements AutoCloseable {
    private final DuckDBAppender a;

    EventsWriter(DuckDBAppender a) { this.a = a; }

    /**
     * @param seq         order of the event within the run (0, 1, ...)
     * @param tsNanos     event time (epoch ns UTC)
     * @param type        signal, order, fill, funding, liquidation, risk_check, ...
     * @param symbol      symbol, or null
     * @param payloadJson event fields as a JSON object, or null
     */
    public void add(String runId, long seq, long tsNanos, String type, String symbol, String payloadJson) throws SQLException {
        a.beginRow();
        a.append(runId);
        a.append(seq);
        a.appendEpochNanos(tsNanos);
        a.append(type);
        if (symbol == null) a.appendNull();
        else a.append(symbol);
        if (payloadJson == null) a.appendNull();
        else a.append(payloadJson);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        a.close();
    }
}
