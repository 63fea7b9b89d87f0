package vq.sim.strategy;

import vq.kernels.strategy.Bar;
import vq.kernels.strategy.Strategy;
import vq.kernels.strategy.StrategyContext;
import vq.kernels.strategy.TickBatch;
import vq.sim.order.Orders;

/**
 * Runs a Java {@link Strategy} (the kernels' strategy API: {@code onStart}, {@code onBar}, {@code onTick},
 * {@code onFinish}) on the event simulator for one symbol (index 0). Orders go through the simulator's
 * latency, fill rules, fees, margin and risk checks; ids are the simulator's order ids.
 *
 * <p>Each quote or trade reaches the strategy as a one-row {@link TickBatch}, in event order.
 */
public final class JavaStrategyAdapter implements SimStrategy {
    private final Strategy strategy;
    private final double leverage;
    private SimContext sim;
    private final long[] ts1 = new long[1];
    private final double[] a1 = new double[1], b1 = new double[1], c1 = new double[1], d1 = new double[1];

    private final StrategyContext ctx = new StrategyContext() {
        @Override public String symbol() { return sim.symbolName(0); }
        @Override public long timeNanos() { return sim.now(); }
        @Override public double position() { return sim.position(0); }
        @Override public double entryPrice() { return sim.position(0) == 0 ? Double.NaN : sim.entryPrice(0); }
        @Override public double equity() { return sim.equity(); }
        @Override public double leverage() { return leverage; }

        @Override public long submit(StrategyContext.OrderRequest o) {
            vq.sim.order.OrderRequest r = sim.order().symbol(0).side(o.qty() > 0 ? 1 : -1).qty(Math.abs(o.qty())).reason(Orders.R_MANUAL);
            switch (o.type()) {
                case MARKET -> r.market();
                case LIMIT -> r.limit(o.price());
                case STOP_MARKET -> r.stopMarket(o.stopPrice());
            }
            if (o.reduceOnly()) r.reduceOnly();
            if (o.postOnly()) r.postOnly();
            r.tif(switch (o.tif()) {
                case GTC -> Orders.GTC;
                case IOC -> Orders.IOC;
                case FOK -> Orders.FOK;
            });
            if (o.type() == StrategyContext.OrderRequest.Type.MARKET) r.tif(Orders.GTC); // market orders complete at the next price
            return r.submit();
        }

        @Override public boolean cancel(long orderId) {
            if (orderId < 0 || orderId >= sim.orders().size || !sim.orders().isLive((int) orderId)) return false;
            sim.cancel((int) orderId);
            return true;
        }

        @Override public int openOrders() {
            Orders o = sim.orders();
            int n = 0;
            for (int i = 0; i < o.size; i++) if (o.isLive(i) && o.sym[i] == 0) n++;
            return n;
        }
    };

    public JavaStrategyAdapter(Strategy strategy, double leverage) {
        this.strategy = strategy;
        this.leverage = leverage;
    }

    @Override public void onStart(SimContext c) {
        sim = c;
        strategy.onStart(ctx);
    }

    @Override public void onBar(SimContext c, int s, int i) {
        var f = c.feed(s);
        strategy.onBar(new Bar(f.barTs()[i], f.intervalNanos(), f.open()[i], f.high()[i], f.low()[i], f.close()[i], f.volume()[i]), ctx);
    }

    @Override public void onQuote(SimContext c, int s, int row) {
        var f = c.feed(s);
        ts1[0] = f.quoteTs()[row];
        a1[0] = f.bidPx()[row];
        b1[0] = f.bidSz()[row];
        c1[0] = f.askPx()[row];
        d1[0] = f.askSz()[row];
        strategy.onTick(TickBatch.quotes(ts1, a1, b1, c1, d1), ctx);
    }

    @Override public void onFinish(SimContext c) { strategy.onFinish(ctx); }
}
