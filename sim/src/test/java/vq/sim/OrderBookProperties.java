package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import vq.sim.market.OrderBook;

/**
 * {@link OrderBook} against a reference model (one {@link TreeMap} per side): random level sets, removals
 * (size 0, present or not) and consumptions from the top leave the same levels, sizes and best prices.
 */
class OrderBookProperties {

    @Property(tries = 200)
    void matchesATreeMapModel(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int ops, @ForAll @IntRange(min = 1, max = 400) int grid) {
        SplittableRandom r = new SplittableRandom(seed);
        OrderBook b = new OrderBook();
        TreeMap<Double, Double> bids = new TreeMap<>(), asks = new TreeMap<>();
        for (int i = 0; i < ops; i++) {
            int side = r.nextBoolean() ? 1 : -1;
            TreeMap<Double, Double> m = side > 0 ? bids : asks;
            int op = r.nextInt(10);
            if (op == 0) {
                if (b.levels(side) == 0) continue;
                // consume part or all of the best level
                Map.Entry<Double, Double> best = side > 0 ? m.lastEntry() : m.firstEntry();
                double take = r.nextBoolean() ? best.getValue() : best.getValue() * r.nextDouble();
                b.consume(side, 0, take);
                double left = best.getValue() - take;
                if (left <= 1e-12 * best.getValue()) m.remove(best.getKey());
                else m.put(best.getKey(), left);
            } else {
                int k = r.nextInt(grid);
                double px = side > 0 ? 100 - 0.1 * k : 100.1 + 0.1 * k;
                double size = op <= 3 ? 0 : 0.001 * (1 + r.nextInt(5000));
                double before = b.set(side, px, size);
                assertEquals(m.getOrDefault(px, 0.0), before, 0, "size before at " + px);
                if (size == 0) m.remove(px);
                else m.put(px, size);
            }
            if (i % 64 == 0 || i == ops - 1) {
                check(b, bids, 1);
                check(b, asks, -1);
            }
        }
    }

    static void check(OrderBook b, TreeMap<Double, Double> m, int side) {
        assertEquals(m.size(), b.levels(side));
        Iterator<Map.Entry<Double, Double>> it = (side > 0 ? m.descendingMap() : m).entrySet().iterator();
        for (int k = 0; it.hasNext(); k++) {
            Map.Entry<Double, Double> e = it.next();
            assertEquals(e.getKey(), b.price(side, k), 0, "price of level " + k + " side " + side);
            assertEquals(e.getValue(), b.size(side, k), 1e-12, "size of level " + k + " side " + side);
            assertEquals(e.getValue(), b.sizeAt(side, e.getKey()), 1e-12);
        }
        if (!m.isEmpty()) assertEquals(side > 0 ? m.lastKey() : m.firstKey(), side > 0 ? b.bestBid() : b.bestAsk(), 0);
    }
}
