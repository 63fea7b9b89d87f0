package vq.kernels.strategy.examples;

import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.Strategy;
import vq.kernels.strategy.StrategyContext;
import vq.kernels.strategy.TickBatch;

/**
 * Order-flow imbalance momentum on L1 quotes (the seed's OFI strategy). For consecutive best quotes
 * (b, q^b, a, q^a), the order-flow imbalance of update n is (Cont, Kukanov &amp; Stoikov 2014, "The Price
 * Impact of Order Book Events", J. Financial Econometrics 12(1), eq. 2):
 *
 * <pre>
 * e_n = 1{b_n ≥ b_{n-1}}·q^b_n − 1{b_n ≤ b_{n-1}}·q^b_{n-1} − 1{a_n ≤ a_{n-1}}·q^a_n + 1{a_n ≥ a_{n-1}}·q^a_{n-1}
 * </pre>
 *
 * The signal is the rolling sum of e over the last {@code window} quote updates (base-asset units). When it
 * rises above {@code threshold} the strategy targets a long position, below −{@code threshold} a short one;
 * the target size is {@code fraction} × equity × leverage / mid. It submits a market order for the
 * difference and waits while an order is open. The first update only seeds the previous quote.
 */
@Strategy.Info(name = "ofi", description = "Order-flow imbalance momentum on L1 quotes (Cont, Kukanov & Stoikov 2014)", data = {"quotes"})
public final class OrderFlowImbalance implements Strategy {
    @Strategy.Param(min = 10, max = 5000, distribution = ParameterSpace.Distribution.LOG_UNIFORM,
            description = "quote updates in the rolling OFI sum")
    int window = 100;

    @Strategy.Param(min = 0.1, max = 50, distribution = ParameterSpace.Distribution.LOG_UNIFORM,
            description = "entry threshold on the rolling OFI, base-asset units")
    double threshold = 5.0;

    @Strategy.Param(fixed = true, description = "fraction of equity used as margin per position")
    double fraction = 0.1;

    private double[] ring;
    private int pos, filled, sinceResum;
    private double sum;
    private double pb = Double.NaN, pbs, pa, pas;
    private double lastOfi = Double.NaN;

    public OrderFlowImbalance() {}

    @Override public void onStart(StrategyContext ctx) {
        ring = new double[window];
        pos = filled = sinceResum = 0;
        sum = 0;
        pb = Double.NaN;
    }

    /** The OFI contribution of one update given the previous quote (formula in the class doc). */
    public static double contribution(double bid, double bidSz, double ask, double askSz,
                                      double prevBid, double prevBidSz, double prevAsk, double prevAskSz) {
        double e = 0;
        if (bid >= prevBid) e += bidSz;
        if (bid <= prevBid) e -= prevBidSz;
        if (ask <= prevAsk) e -= askSz;
        if (ask >= prevAsk) e += prevAskSz;
        return e;
    }

    @Override public void onTick(TickBatch batch, StrategyContext ctx) {
        if (batch.kind() != TickBatch.Kind.QUOTES) return;
        for (int i = 0; i < batch.size(); i++) {
            double b = batch.bidPx(i), bs = batch.bidSz(i), a = batch.askPx(i), as = batch.askSz(i);
            if (!Double.isNaN(pb)) {
                push(contribution(b, bs, a, as, pb, pbs, pa, pas));
                if (filled == window) act(ctx, (a + b) / 2);
            }
            pb = b;
            pbs = bs;
            pa = a;
            pas = as;
        }
    }

    private void push(double e) {
        sum += e - ring[pos];
        ring[pos] = e;
        pos = pos + 1 == window ? 0 : pos + 1;
        if (filled < window) filled++;
        if (++sinceResum == window) { // re-sum exactly once per window so rounding cannot drift
            double s = 0;
            for (double x : ring) s += x;
            sum = s;
            sinceResum = 0;
        }
        lastOfi = sum;
    }

    private void act(StrategyContext ctx, double mid) {
        if (ctx.openOrders() > 0 || !(mid > 0)) return;
        double size = fraction * ctx.equity() * ctx.leverage() / mid;
        double target;
        if (sum > threshold) target = size;
        else if (sum < -threshold) target = -size;
        else return;
        double pos = ctx.position();
        if (Math.signum(pos) == Math.signum(target)) return; // already on that side
        ctx.submit(StrategyContext.OrderRequest.market(target - pos));
    }

    /** The rolling OFI after the last update (NaN before the first). */
    public double ofi() { return lastOfi; }
}
