package vq.sim.report;

/**
 * The structured event log of a run (issue #5): signals, orders, fills, funding, liquidations and risk
 * checks. {@link JsonlEventLog} writes one JSON object per line with a fixed set of keys so that
 * DuckDB's {@code read_json_auto} sees one table; {@link #NONE} discards everything (benchmarks).
 *
 * <p>Units: times epoch ns UTC; quantities base units; prices, fees, payments USDT; rates fractions.
 */
public interface EventLog {
    void signal(long ts, String sym, String kind, int bar);

    void order(long ts, String sym, int id, String action, int side, String type, double qty, double px, double stop,
               String tif, boolean reduceOnly, String reason, String detail);

    void fill(long ts, String sym, int id, int side, double qty, double px, double fee, boolean maker, double slippage,
              String reason);

    /**
     * A fill with a detail text, e.g. the L2 price levels a book-walking order consumed
     * ({@code "book: 3 levels 60000.0x0.5 60000.1x1.0 60000.2x0.25"}); by default the detail is dropped.
     */
    default void fill(long ts, String sym, int id, int side, double qty, double px, double fee, boolean maker, double slippage,
                      String reason, String detail) {
        fill(ts, sym, id, side, qty, px, fee, maker, slippage, reason);
    }

    void funding(long ts, String sym, double rate, double mark, double qty, double payment);

    /**
     * A condition of the L2 book stream worth knowing ({@code action}: {@code resync} for a second snapshot,
     * {@code crossed} for an update after which best bid ≥ best ask, {@code no_snapshot} for rows before the
     * first snapshot, {@code gap} where the importer marked an update-id gap); ignored by default.
     */
    default void book(long ts, String sym, String action, String detail) {}

    void liquidation(long ts, String sym, double qty, double px, double realized, double fee);

    void risk(long ts, String sym, int id, String rule, String action, double qtyBefore, double qtyAfter, String detail);

    default boolean enabled() { return true; }

    /** Discards every event. */
    EventLog NONE = new EventLog() {
        @Override public void signal(long ts, String sym, String kind, int bar) {}
        @Override public void order(long ts, String sym, int id, String action, int side, String type, double qty, double px,
                                    double stop, String tif, boolean reduceOnly, String reason, String detail) {}
        @Override public void fill(long ts, String sym, int id, int side, double qty, double px, double fee, boolean maker,
                                   double slippage, String reason) {}
        @Override public void funding(long ts, String sym, double rate, double mark, double qty, double payment) {}
        @Override public void liquidation(long ts, String sym, double qty, double px, double realized, double fee) {}
        @Override public void risk(long ts, String sym, int id, String rule, String action, double qtyBefore, double qtyAfter, String detail) {}
        @Override public boolean enabled() { return false; }
    };
}
