package vq.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.order.Orders;
import vq.sim.report.JsonlEventLog;
import vq.sim.strategy.SignalStrategy;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/** Invariants over random markets, signals and configurations (both fidelities, all latencies). */
class SimProperties {
    static final VenueSpec V = VenueSpec.binanceFuturesUm();

    static SymbolFeed randomBars(long seed, int n, double vol) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 50_000;
        for (int i = 0; i < n; i++) {
            ts[i] = Bars.T0 + i * Bars.MIN;
            o[i] = p;
            double a = p * Math.exp(vol * r.nextGaussian()), b = p * Math.exp(vol * r.nextGaussian());
            p = p * Math.exp(vol * r.nextGaussian());
            c[i] = p;
            h[i] = Math.max(Math.max(o[i], c[i]), Math.max(a, b));
            l[i] = Math.min(Math.min(o[i], c[i]), Math.min(a, b));
            v[i] = 10 + 100 * r.nextDouble();
        }
        long[] ft = new long[n / 480 + 1];
        double[] fr = new double[ft.length];
        for (int k = 0; k < ft.length; k++) { ft[k] = Bars.T0 + k * 480 * Bars.MIN + 7_000_000L; fr[k] = (r.nextDouble() - 0.4) * 1e-3; }
        return SymbolFeed.ofBars("BTCUSDT", Bars.MIN, ts, o, h, l, c, v).withFunding(ft, fr);
    }

    /** Random entries/exits with random orders of every type, checking invariants as the run goes. */
    static final class Chaos implements SimStrategy {
        final SplittableRandom r;
        boolean ok = true;
        String why = "";

        final boolean realistic, marginChecked;

        Chaos(long seed, boolean realistic, boolean cross) { r = new SplittableRandom(seed); this.realistic = realistic; marginChecked = realistic || !cross; }

        @Override public void onBar(SimContext ctx, int s, int bar) {
            double e = ctx.equity();
            if (!Double.isFinite(e)) { ok = false; why = "equity " + e + " at bar " + bar; }
            double q = ctx.position(s);
            double c = ctx.feed(s).close()[bar];
            if (q > 0) {
                // realistic: a live long is never liquidatable at the close it survived (screening checks a
                // position's liquidation from the bar after its fill bar, as the SIMD screen does). Its liquidation
                // price is below its entry when the account passed a margin check (realistic) or the margin is its
                // own (isolated); a screening-fidelity cross account adds to a position with no margin check, so a
                // top-up can leave the wallet short of maintenance at entry
                double lp = ctx.liquidationPrice(s);
                if (!(lp >= 0)) { ok = false; why = "long LP " + lp; }
                if (realistic && !(lp < c)) { ok = false; why = "long LP " + lp + " vs close " + c + " at bar " + bar; }
                if (marginChecked && !(lp < ctx.entryPrice(s))) { ok = false; why = "long LP " + lp + " vs entry " + ctx.entryPrice(s); }
            }
            int u = r.nextInt(12);
            switch (u) {
                case 0 -> ctx.order().symbol(s).buy().market().stopPct(0.01).takePct(0.02).submit();
                case 1 -> ctx.order().symbol(s).sell().market().stopPct(0.01).riskReward(2).submit();
                case 2 -> ctx.order().symbol(s).buy().limit(c * 0.999).postOnly().submit();
                case 3 -> ctx.order().symbol(s).sell().stopMarket(c * 0.995).submit();
                case 4 -> ctx.order().symbol(s).buy().stopLimit(c * 1.003, c * 1.004).submit();
                case 5 -> { if (q != 0) ctx.order().symbol(s).side(q > 0 ? -1 : 1).market().qty(Math.abs(q)).reduceOnly().reason(Orders.R_SIGNAL).submit(); }
                case 6 -> { int id = ctx.protectiveStop(s); if (id >= 0) ctx.modify(id, Double.NaN, Double.NaN, ctx.orders().stopPx[id] * 1.001); }
                case 7 -> { int id = ctx.protectiveTake(s); if (id >= 0) ctx.cancel(id); }
                case 8 -> ctx.order().symbol(s).sell().limit(c * 1.001).ioc().submit();
                default -> { }
            }
        }
    }

    @Property(tries = 300)
    void invariants(@ForAll long seed, @ForAll @IntRange(min = 50, max = 1500) int bars, @ForAll @DoubleRange(min = 0.0005, max = 0.02) @net.jqwik.api.constraints.Scale(5) double vol,
                    @ForAll @DoubleRange(min = 1, max = 100) double leverage, @ForAll @DoubleRange(min = 0.05, max = 1) double fraction,
                    @ForAll boolean realistic, @ForAll boolean cross, @ForAll @IntRange(min = 0, max = 4) int latency) {
        SymbolFeed f = randomBars(seed, bars, vol);
        Latency lat = new Latency[] {Latency.NONE, Latency.CO_LOCATED, Latency.DOMESTIC, Latency.INTERNATIONAL, Latency.RETAIL}[latency];
        SimConfig cfg = SimConfig.screening(V, Math.floor(leverage), fraction, 10_000)
                .withFidelity(realistic ? Fidelity.REALISTIC : Fidelity.SCREENING).withLatency(lat)
                .withMarginMode(cross ? MarginMode.CROSS : MarginMode.ISOLATED)
                .withSlippage(new SlippageModel(0.5, 0.1, 30)).withLimitFillProbability(0.7).withSeed(seed);
        Chaos st = new Chaos(seed, realistic, cross);
        StringWriter w = new StringWriter();
        Simulator sim = new Simulator(cfg, new SymbolFeed[] {f}, st, new JsonlEventLog(w));
        RunResult rr = RunResult.run(sim);
        assertTrue(st.ok, st.why);
        for (double e : rr.equity()) assertTrue(Double.isFinite(e), "equity never NaN");
        var m = rr.metrics();
        String ctx = "seed=" + seed + " bars=" + bars + " vol=" + vol + " lev=" + leverage + " frac=" + fraction + " realistic=" + realistic
                + " cross=" + cross + " latency=" + latency;
        // realistic runs apply Binance's margin check (margin + fee <= available balance), so equity stays >= 0 and
        // drawdown within [0,1]; screening runs follow the screen, which sizes margin = fraction x wallet and pays
        // the fee on top, so a liquidated fraction-1 position can leave the wallet slightly below zero
        assertTrue(m.maxDrawdown() >= 0, "drawdown >= 0: " + m.maxDrawdown() + " " + ctx);
        if (realistic) assertTrue(m.maxDrawdown() <= 1, "drawdown in [0,1]: " + m.maxDrawdown() + " " + ctx);
        assertTrue(m.fees() >= 0, "fees >= 0");
        var tb = rr.trades();
        for (int t = 0; t < tb.size; t++) assertTrue(tb.fees[t] >= 0, "trade fees >= 0");
        // no fill before it was sent plus the latency (fills carry order ids; protective orders are born at their
        // parent's fill). Orders are sent at a bar's close, so this also means: never a fill inside the signal bar.
        Orders o = sim.orders();
        long lat2 = realistic ? lat.nanos() : 0;
        for (String line : w.toString().split("\n")) {
            if (!line.contains("\"type\":\"fill\"")) continue;
            long ts = Long.parseLong(line.substring(9, line.indexOf(',')));
            int p = line.indexOf("\"order_id\":") + 11;
            int id = Integer.parseInt(line.substring(p, line.indexOf(',', p)));
            if (o.parent[id] >= 0 || o.reason[id] == Orders.R_END_OF_DATA) continue;
            assertTrue(ts >= o.sentNs[id] + lat2, "order " + id + " filled at " + ts + " before sent " + o.sentNs[id] + " + latency " + lat2);
        }
    }
}
