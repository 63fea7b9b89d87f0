package vq.kernels.strategy;

/**
 * What a Java {@link Strategy} may see and do during a run: the clock, its position and equity, and orders.
 * Implemented by the event simulator. Quantities are in the base asset (BTC), signed: positive buys/long,
 * negative sells/short. Prices and money are in the quote currency (USDT). Times are epoch ns UTC.
 */
public interface StrategyContext {
    /** Symbol being traded ({@code BTCUSDT}). */
    String symbol();

    /** Event time of the current callback, epoch ns UTC. */
    long timeNanos();

    /** Current position, signed base-asset quantity (0 = flat). */
    double position();

    /** Average entry price of the current position (NaN when flat). */
    double entryPrice();

    /** Account equity marked to the latest price, in quote currency. */
    double equity();

    /** Leverage the account allows for this symbol (the simulator's setting, ≥ 1). */
    double leverage();

    /**
     * Submits an order; returns its id. Fills are decided by the simulator (latency, fees, fill rules of its
     * fidelity); the strategy observes them through {@link #position()} and {@link #openOrders()}.
     * Orders that the account cannot carry are rejected by the simulator's risk checks (logged, never thrown).
     */
    long submit(OrderRequest order);

    /** Cancels an open order; false if it is no longer open. */
    boolean cancel(long orderId);

    /** Number of open (unfilled, uncancelled) orders. */
    int openOrders();

    /**
     * An order request.
     *
     * @param type       market, limit or stop-market
     * @param qty        signed base-asset quantity (non-zero)
     * @param price      limit price (LIMIT), else NaN
     * @param stopPrice  trigger price (STOP_MARKET), else NaN
     * @param reduceOnly only reduces the position
     * @param postOnly   LIMIT only: cancel instead of taking liquidity
     * @param tif        time in force
     */
    record OrderRequest(Type type, double qty, double price, double stopPrice, boolean reduceOnly, boolean postOnly, TimeInForce tif) {
        public enum Type { MARKET, LIMIT, STOP_MARKET }

        public enum TimeInForce { GTC, IOC, FOK }

        public OrderRequest {
            if (!(qty != 0 && Double.isFinite(qty))) throw new IllegalArgumentException("order qty must be finite and non-zero, got " + qty);
            if (type == Type.LIMIT && !(price > 0)) throw new IllegalArgumentException("limit price must be > 0, got " + price);
            if (type == Type.STOP_MARKET && !(stopPrice > 0)) throw new IllegalArgumentException("stop price must be > 0, got " + stopPrice);
            if (postOnly && type != Type.LIMIT) throw new IllegalArgumentException("postOnly applies to limit orders only");
        }

        public static OrderRequest market(double qty) { return new OrderRequest(Type.MARKET, qty, Double.NaN, Double.NaN, false, false, TimeInForce.IOC); }

        public static OrderRequest limit(double qty, double price) { return new OrderRequest(Type.LIMIT, qty, price, Double.NaN, false, false, TimeInForce.GTC); }

        public static OrderRequest stopMarket(double qty, double stopPrice) {
            return new OrderRequest(Type.STOP_MARKET, qty, Double.NaN, stopPrice, true, false, TimeInForce.GTC);
        }

        public OrderRequest asReduceOnly() { return new OrderRequest(type, qty, price, stopPrice, true, postOnly, tif); }

        public OrderRequest asPostOnly() { return new OrderRequest(type, qty, price, stopPrice, reduceOnly, true, tif); }
    }
}
