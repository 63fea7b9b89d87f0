package vq.optimizer.store;

import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/** Appends {@code trades} rows (DESIGN.md §7 trade record); from {@link ResultsStore#trades()} inside a transaction. */
public final class TradesWriter implements AutoCloseable {
    private final DuckDBAppender a;

    TradesWriter(DuckDBAppender a) { this.a = a; }

    /**
     * Appends one closed (or, with {@code exitTsNanos} = {@link Long#MIN_VALUE}, still open) trade.
     *
     * @param side        +1 long, −1 short (stored as 'long'/'short')
     * @param entryTsNanos fill time of the entry (epoch ns UTC)
     * @param exitTsNanos  fill time of the exit (epoch ns UTC), or {@link Long#MIN_VALUE} when open
     * @param qty          base-asset quantity (&gt; 0)
     * @param fees         fees paid, USDT (≥ 0)
     * @param funding      net funding paid, USDT (negative = received)
     * @param slippage     slippage cost, USDT (≥ 0)
     * @param grossPnl     PnL before costs, USDT
     * @param netPnl       PnL after fees, funding and slippage, USDT
     * @param rMultiple    net PnL / initial risk to the stop, NaN without a stop
     * @param exitReason   signal, stop_loss, take_profit, liquidation, end_of_data (null while open)
     */
    public void add(String runId, int tradeNo, String symbol, int side, long entryTsNanos, long exitTsNanos,
            double entryPrice, double exitPrice, double qty, double fees, double funding, double slippage,
            double grossPnl, double netPnl, double rMultiple, String exitReason) throws SQLException {
        if (side != 1 && side != -1) throw new IllegalArgumentException("trade " + runId + "#" + tradeNo + ": side " + side + " (expected +1 or -1)");
        a.beginRow();
        a.append(runId);
        a.append(tradeNo);
        a.append(symbol);
        a.append(side > 0 ? "long" : "short");
        a.appendEpochNanos(entryTsNanos);
        if (exitTsNanos == Long.MIN_VALUE) a.appendNull();
        else a.appendEpochNanos(exitTsNanos);
        a.append(entryPrice);
        a.append(exitPrice);
        a.append(qty);
        a.append(fees);
        a.append(funding);
        a.append(slippage);
        a.append(grossPnl);
        a.append(netPnl);
        a.append(rMultiple);
        if (exitReason == null) a.appendNull();
        else a.append(exitReason);
        a.endRow();
    }

    @Override
    public void close() throws SQLException {
        a.close();
    }
}
