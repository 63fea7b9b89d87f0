package vq.sim.market;

/**
 * Read-only view of a symbol's L2 order book as the simulator maintains it. Level {@code k} counts from the
 * best price ({@code k = 0}: best bid / best ask). Prices USDT, sizes base units. Side: +1 bids, −1 asks.
 */
public interface BookView {
    /** Number of price levels on {@code side}. */
    int levels(int side);

    /** Price of level {@code k} of {@code side} (0 = best); {@code k < levels(side)}. */
    double price(int side, int k);

    /** Displayed size of level {@code k} of {@code side}. */
    double size(int side, int k);

    /** Displayed size at exactly {@code price} on {@code side}, 0 when there is no such level. */
    double sizeAt(int side, double price);

    /** Best bid price, NaN when the bid side is empty. */
    default double bestBid() { return levels(1) == 0 ? Double.NaN : price(1, 0); }

    /** Best ask price, NaN when the ask side is empty. */
    default double bestAsk() { return levels(-1) == 0 ? Double.NaN : price(-1, 0); }

    /** Whether the best bid is at or above the best ask (both sides non-empty). */
    default boolean crossed() {
        return levels(1) > 0 && levels(-1) > 0 && price(1, 0) >= price(-1, 0);
    }
}
