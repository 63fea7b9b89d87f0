package vq.sim.strategy;

/**
 * A strategy run by the event-driven simulator. Callbacks happen in simulation-time order on one thread.
 * Implementations should not allocate in {@link #onBar}/{@link #onQuote}/{@link #onTrade} (the engine's
 * loop does not).
 */
public interface SimStrategy {
    default void onStart(SimContext ctx) {}

    /** Bar {@code bar} of symbol {@code s} has closed (time = its open + interval); stops/TP of the bar are done. */
    default void onBar(SimContext ctx, int s, int bar) {}

    /** Quote row {@code row} of symbol {@code s} has arrived. */
    default void onQuote(SimContext ctx, int s, int row) {}

    /** Trade print {@code row} of symbol {@code s} has arrived. */
    default void onTrade(SimContext ctx, int s, int row) {}

    /** An L2 book update of symbol {@code s} has been applied ({@link SimContext#book} shows the new book). */
    default void onBook(SimContext ctx, int s) {}

    /** Order {@code id} (partially) filled {@code qty} at {@code price}. */
    default void onFill(SimContext ctx, int id, double qty, double price) {}

    default void onTimer(SimContext ctx, int tag) {}

    default void onFinish(SimContext ctx) {}
}
