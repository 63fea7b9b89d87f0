package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.BookStats;
import vq.sim.engine.Simulator;
import vq.sim.market.BookFeed;
import vq.sim.market.SymbolFeed;
import vq.sim.report.EventLog;

/**
 * Invariants of L2 execution on random books: a seeded random walk of the mid with levels added, resized and
 * removed around it (uncrossed by construction), prints at the touch, and {@link L2CaptureTest.Flow}'s orders
 * (market, IOC, FOK, passive GTC limits, cancels) under every latency preset. The book stays uncrossed, every
 * taker fill lies within the book it walked and every maker fill at its limit, no fill precedes sent + latency,
 * equity stays finite, and the event-log-free run is repeatable.
 */
class L2Properties {
    static final long MS = 1_000_000L;

    /** A random book stream with {@code updates} updates every 5 ms and a print at the touch every 3rd update. */
    static SymbolFeed randomBook(long seed, int updates) {
        SplittableRandom r = new SplittableRandom(seed);
        TreeMap<Long, Double> bids = new TreeMap<>(), asks = new TreeMap<>(); // price in ticks of 0.1
        List<long[]> meta = new ArrayList<>();   // {ms, side, flags}
        List<double[]> lv = new ArrayList<>();   // {price, size}
        long mid = 600_000; // 60,000.0 in ticks
        for (int k = 1; k <= 20; k++) { bids.put(mid - k, 0.01 + r.nextDouble() * 3); asks.put(mid + k, 0.01 + r.nextDouble() * 3); }
        boolean first = true;
        for (var e : bids.descendingMap().entrySet()) { meta.add(new long[] {0, 1, first ? 1 : 0}); lv.add(new double[] {e.getKey() / 10.0, e.getValue()}); first = false; }
        for (var e : asks.entrySet()) { meta.add(new long[] {0, -1, 0}); lv.add(new double[] {e.getKey() / 10.0, e.getValue()}); }
        List<double[]> trades = new ArrayList<>();
        for (int u = 1; u <= updates; u++) {
            long t = 5L * u;
            mid += r.nextInt(5) - 2;
            // remove what the new mid crosses, then change a few levels near the touch
            for (Long p : new ArrayList<>(bids.tailMap(mid, true).keySet())) { bids.remove(p); meta.add(new long[] {t, 1, 0}); lv.add(new double[] {p / 10.0, 0}); }
            for (Long p : new ArrayList<>(asks.headMap(mid, true).keySet())) { asks.remove(p); meta.add(new long[] {t, -1, 0}); lv.add(new double[] {p / 10.0, 0}); }
            for (int c = 1 + r.nextInt(4); c > 0; c--) {
                int side = r.nextBoolean() ? 1 : -1;
                long p = side > 0 ? mid - 1 - r.nextInt(15) : mid + 1 + r.nextInt(15);
                double size = r.nextInt(4) == 0 ? 0 : 0.001 + r.nextDouble() * 4;
                (side > 0 ? bids : asks).remove(p);
                if (size > 0) (side > 0 ? bids : asks).put(p, size);
                meta.add(new long[] {t, side, 0});
                lv.add(new double[] {p / 10.0, size});
            }
            if (u % 3 == 0 && !bids.isEmpty() && !asks.isEmpty()) {
                boolean buy = r.nextBoolean();
                trades.add(new double[] {t, (buy ? asks.firstKey() : bids.lastKey()) / 10.0, 0.001 + r.nextDouble(), buy ? 1 : -1});
            }
        }
        int n = meta.size();
        long[] ts = new long[n];
        byte[] side = new byte[n], flags = new byte[n];
        double[] px = new double[n], sz = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Bars.T0 + meta.get(i)[0] * MS;
            side[i] = (byte) meta.get(i)[1];
            flags[i] = (byte) meta.get(i)[2];
            px[i] = lv.get(i)[0];
            sz[i] = lv.get(i)[1];
        }
        int m = trades.size();
        long[] tt = new long[m];
        double[] tp = new double[m], tq = new double[m];
        byte[] ta = new byte[m];
        for (int i = 0; i < m; i++) {
            tt[i] = Bars.T0 + (long) trades.get(i)[0] * MS;
            tp[i] = trades.get(i)[1];
            tq[i] = trades.get(i)[2];
            ta[i] = (byte) trades.get(i)[3];
        }
        return SymbolFeed.ofTicks("BTCUSDT").withBook(BookFeed.of("BTCUSDT", ts, side, px, sz, flags)).withTrades(tt, tp, tq, ta);
    }

    static final Latency[] LATENCIES = {Latency.NONE, Latency.CO_LOCATED, Latency.DOMESTIC, Latency.INTERNATIONAL, Latency.RETAIL};

    @Property(tries = 40)
    void l2ExecutionInvariants(@ForAll long seed, @ForAll @IntRange(min = 50, max = 3000) int updates, @ForAll @IntRange(min = 0, max = 4) int lat) {
        SymbolFeed f = randomBook(seed, updates);
        Latency latency = LATENCIES[lat];
        SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), 10, 1.0, 1_000_000).withFidelity(Fidelity.REALISTIC).withLatency(latency);
        L2CaptureTest.Flow a = new L2CaptureTest.Flow(latency.nanos(), seed);
        Simulator sim = new Simulator(cfg, new SymbolFeed[] {f}, a, EventLog.NONE);
        sim.run();
        assertTrue(a.violations.isEmpty(), a.violations.subList(0, Math.min(5, a.violations.size())).toString());
        BookStats st = sim.bookStats(0);
        assertEquals(0, st.crossedUpdates(), st.toString());
        assertEquals(f.book().rows(), st.rows(), st.toString());
        assertTrue(Double.isFinite(sim.account().equity()));
        L2CaptureTest.Flow b = new L2CaptureTest.Flow(latency.nanos(), seed);
        Simulator again = new Simulator(cfg, new SymbolFeed[] {f}, b, EventLog.NONE);
        again.run();
        assertEquals(sim.account().equity(), again.account().equity(), 0, "repeatable");
        assertEquals(sim.bookStats(0), again.bookStats(0));
    }
}
