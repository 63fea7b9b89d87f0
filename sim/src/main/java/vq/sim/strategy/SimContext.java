package vq.sim.strategy;

import vq.sim.Fidelity;
import vq.sim.market.SymbolFeed;
import vq.sim.order.OrderRequest;
import vq.sim.order.Orders;

/**
 * What a strategy sees and can do during a run. All methods are cheap and allocation-free; the order
 * builder returned by {@link #order()} is reused (build, then {@link OrderRequest#submit()}, then build
 * the next one).
 */
public interface SimContext {
    /** Current simulation time, epoch ns UTC. */
    long now();

    int symbols();

    String symbolName(int s);

    SymbolFeed feed(int s);

    Fidelity fidelity();

    /** Signed position, base units (long &gt; 0). */
    double position(int s);

    /** Average entry price of the position, USDT (0 when flat). */
    double entryPrice(int s);

    /** Margin balance: wallet + unrealized PnL at the last marks, USDT. */
    double equity();

    double wallet();

    /** Binance liquidation price of the current position, USDT (NaN when flat). */
    double liquidationPrice(int s);

    /** Wilder ATR(14) of the symbol's bars at the last close, USDT (NaN during warm-up). */
    double atr(int s);

    /** Last traded/closing price of the symbol, USDT. */
    double lastPrice(int s);

    /** A reset order builder for a new order. */
    OrderRequest order();

    /** Requests cancellation (takes effect after the latency). */
    void cancel(int orderId);

    /**
     * Requests a modification (takes effect after the latency). NaN leaves a field unchanged.
     *
     * @param qty     new total quantity, base units
     * @param limitPx new limit price
     * @param stopPx  new stop price
     */
    void modify(int orderId, double qty, double limitPx, double stopPx);

    /** Read-only view of all orders (do not modify). */
    Orders orders();

    /** Schedules {@link SimStrategy#onTimer} at {@code atNanos} with {@code tag}. */
    void timer(long atNanos, int tag);

    /** Writes a {@code signal} event to the run's log. */
    void logSignal(int s, String kind, int bar);

    /** Id of the live attached stop-loss of symbol {@code s}, or −1. */
    int protectiveStop(int s);

    /** Id of the live attached take-profit of symbol {@code s}, or −1. */
    int protectiveTake(int s);

    /** Symbol {@code s}'s L2 book while the simulator maintains one from the feed's book stream, else null. */
    default vq.sim.market.BookView book(int s) { return null; }
}
