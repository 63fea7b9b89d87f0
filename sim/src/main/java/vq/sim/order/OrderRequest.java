package vq.sim.order;

/**
 * A reusable, mutable order builder handed out by {@link vq.sim.strategy.SimContext#order()} (one instance
 * per run: building an order allocates nothing). Call {@link #submit()} last; it returns the order id.
 *
 * <p>Defaults after {@code order()}: market, GTC, not reduce-only, not post-only, reason entry, no
 * quantity (set {@link #qty} or {@link #marginFraction}), no attached stop/take-profit.
 */
public final class OrderRequest {
    public int sym;
    public int side;
    public byte type;
    public byte tif;
    public byte reason;
    public boolean reduceOnly;
    public boolean postOnly;
    public double qty;
    public double marginFraction;
    public double limitPx;
    public double stopPx;
    public double stopDist;
    public double takeDist;
    public double stopPct;
    public double takePct;
    public double riskReward;
    private final Submitter submitter;

    /** The engine side of {@link #submit()}. */
    public interface Submitter {
        int submit(OrderRequest r);
    }

    public OrderRequest(Submitter submitter) {
        this.submitter = submitter;
        reset();
    }

    public OrderRequest reset() {
        sym = 0;
        side = 0;
        type = Orders.MARKET;
        tif = Orders.GTC;
        reason = Orders.R_ENTRY;
        reduceOnly = false;
        postOnly = false;
        qty = Double.NaN;
        marginFraction = Double.NaN;
        limitPx = Double.NaN;
        stopPx = Double.NaN;
        stopDist = Double.NaN;
        takeDist = Double.NaN;
        stopPct = Double.NaN;
        takePct = Double.NaN;
        riskReward = Double.NaN;
        return this;
    }

    public OrderRequest symbol(int s) { sym = s; return this; }
    public OrderRequest buy() { side = 1; return this; }
    public OrderRequest sell() { side = -1; return this; }
    public OrderRequest side(int s) { side = s; return this; }
    public OrderRequest market() { type = Orders.MARKET; return this; }
    public OrderRequest limit(double px) { type = Orders.LIMIT; limitPx = px; return this; }
    public OrderRequest stopMarket(double stop) { type = Orders.STOP_MARKET; stopPx = stop; return this; }
    public OrderRequest stopLimit(double stop, double px) { type = Orders.STOP_LIMIT; stopPx = stop; limitPx = px; return this; }
    public OrderRequest tif(byte t) { tif = t; return this; }
    public OrderRequest ioc() { tif = Orders.IOC; return this; }
    public OrderRequest fok() { tif = Orders.FOK; return this; }
    public OrderRequest reduceOnly() { reduceOnly = true; return this; }
    public OrderRequest postOnly() { postOnly = true; return this; }
    public OrderRequest reason(byte r) { reason = r; return this; }
    public OrderRequest qty(double q) { qty = q; return this; }
    /** Size at the fill: margin = f × equity, notional = margin × leverage (DESIGN.md §6 screening sizing). */
    public OrderRequest marginFraction(double f) { marginFraction = f; return this; }
    /** Attach a stop-loss {@code d} USDT from the fill price (OCO with the take-profit). */
    public OrderRequest stopDistance(double d) { stopDist = d; return this; }
    public OrderRequest takeDistance(double d) { takeDist = d; return this; }
    /** Attach a stop-loss at fill × (1 ∓ p). */
    public OrderRequest stopPct(double p) { stopPct = p; return this; }
    public OrderRequest takePct(double p) { takePct = p; return this; }
    /** Take-profit at rr × the stop distance. */
    public OrderRequest riskReward(double rr) { riskReward = rr; return this; }

    /** Sends the order (it reaches the venue after the run's latency); returns the order id, or −1 if rejected. */
    public int submit() { return submitter.submit(this); }
}
