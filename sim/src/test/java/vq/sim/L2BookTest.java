package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.BookStats;
import vq.sim.engine.Simulator;
import vq.sim.market.BookFeed;
import vq.sim.market.BookView;
import vq.sim.market.OrderBook;
import vq.sim.market.SymbolFeed;
import vq.sim.report.JsonlEventLog;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/**
 * Execution on an L2 book, golden cases computed by hand: a market order sweeping three levels (VWAP), IOC
 * partial, FOK reject, a resting limit behind a queue filled only after prints consume the queue, a diff
 * removing a level, and the book stream's own checks (rows before a snapshot, crossed updates).
 */
class L2BookTest {
    static final long MS = 1_000_000L;
    static final double TAKER = VenueSpec.binanceFuturesUm().defaultFeeTier().takerRate();
    static final double MAKER = VenueSpec.binanceFuturesUm().defaultFeeTier().makerRate();

    /** Book rows {ms, side, price, size, flags} and trades {ms, price, qty, aggressor side}. */
    static SymbolFeed feed(double[][] book, double[][] trades) {
        int n = book.length;
        long[] ts = new long[n];
        byte[] side = new byte[n], flags = new byte[n];
        double[] px = new double[n], sz = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Bars.T0 + (long) book[i][0] * MS;
            side[i] = (byte) book[i][1];
            px[i] = book[i][2];
            sz[i] = book[i][3];
            flags[i] = (byte) book[i][4];
        }
        SymbolFeed f = SymbolFeed.ofTicks("BTCUSDT").withBook(BookFeed.of("BTCUSDT", ts, side, px, sz, flags));
        int m = trades.length;
        if (m == 0) return f;
        long[] tt = new long[m];
        double[] tp = new double[m], tq = new double[m];
        byte[] ta = new byte[m];
        for (int i = 0; i < m; i++) {
            tt[i] = Bars.T0 + (long) trades[i][0] * MS;
            tp[i] = trades[i][1];
            tq[i] = trades[i][2];
            ta[i] = (byte) trades[i][3];
        }
        return f.withTrades(tt, tp, tq, ta);
    }

    /** The standard book at t = 0 ms: bids 99.9×2, 99.8×2; asks 100.0×0.5, 100.1×1.0, 100.2×2.0, 100.3×5.0. */
    static final double[][] SNAP = {
            {0, 1, 99.9, 2.0, 1}, {0, 1, 99.8, 2.0, 0},
            {0, -1, 100.0, 0.5, 0}, {0, -1, 100.1, 1.0, 0}, {0, -1, 100.2, 2.0, 0}, {0, -1, 100.3, 5.0, 0}};

    static double[][] concat(double[][] a, double[][] b) {
        double[][] r = new double[a.length + b.length][];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    record Fill(long ms, double qty, double px) {}

    /** Result of a scripted run: fills, JSONL log, the simulator and the best ask seen after each update. */
    record Run(List<Fill> fills, String log, Simulator sim, List<Double> bestAsk) {}

    /** Runs {@code actions.get(k)} right after book update k (0 = the snapshot) is applied. */
    static Run run(SymbolFeed f, Map<Integer, Consumer<SimContext>> actions) { return run(f, actions, Latency.NONE); }

    static Run run(SymbolFeed f, Map<Integer, Consumer<SimContext>> actions, Latency latency) {
        StringWriter w = new StringWriter();
        List<Fill> fills = new ArrayList<>();
        List<Double> asks = new ArrayList<>();
        SimStrategy st = new SimStrategy() {
            int updates;
            @Override public void onBook(SimContext ctx, int s) {
                BookView b = ctx.book(s);
                asks.add(b.bestAsk());
                Consumer<SimContext> a = actions.get(updates++);
                if (a != null) a.accept(ctx);
            }
            @Override public void onFill(SimContext ctx, int id, double qty, double price) {
                fills.add(new Fill((ctx.now() - Bars.T0) / MS, qty, price));
            }
        };
        SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), 5, 1.0, 10_000).withFidelity(Fidelity.REALISTIC)
                .withLatency(latency).withSlippage(SlippageModel.NONE);
        Simulator sim = new Simulator(cfg, new SymbolFeed[] {f}, st, new JsonlEventLog(w));
        sim.run();
        return new Run(fills, w.toString(), sim, asks);
    }

    @Test
    void marketOrderSweepsThreeLevelsAtTheirVwap() {
        // buy 1.75: 0.5 @ 100.0 + 1.0 @ 100.1 + 0.25 @ 100.2 = 50.0 + 100.1 + 25.05 = 175.15 USDT → VWAP 100.0857142857…
        SymbolFeed f = feed(concat(SNAP, new double[][] {{5, 1, 99.7, 1.0, 0}}), new double[0][]);
        Run r = run(f, Map.of(0, ctx -> ctx.order().symbol(0).buy().market().qty(1.75).submit()));
        // the sell closing at the end of data is the second fill
        Fill first = r.fills().getFirst();
        assertEquals(0, first.ms());
        assertEquals(1.75, first.qty(), 1e-12);
        assertEquals(175.15 / 1.75, first.px(), 1e-12);
        assertTrue(r.log().contains("\"detail\":\"book: 3 levels 100.0x0.5 100.1x1.0 100.2x0.25\""), r.log());
        // slippage = (VWAP − best ask) × qty = 175.15 − 1.75 × 100.0 = 0.15; fee = taker × 175.15
        assertTrue(r.log().contains("\"fee\":" + (1.75 * (175.15 / 1.75) * TAKER)), r.log());
        BookStats bs = r.sim().bookStats(0);
        assertEquals(1, bs.bookFills()); // the end-of-data close is a plain fill, not a book walk
        assertEquals(3, bs.levelsConsumed());
        // our fill took the levels: at the next update the best ask is 100.2 with 1.75 left
        assertEquals(100.2, r.bestAsk().get(1), 0);
    }

    @Test
    void iocTakesTheDepthWithinItsLimitAndExpiresTheRest() {
        // buy 3 limit 100.1 IOC: 0.5 @ 100.0 + 1.0 @ 100.1 = 150.1 for 1.5 → VWAP 100.0666…; 1.5 expires
        Run r = run(feed(SNAP, new double[0][]), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(100.1).ioc().qty(3).submit()));
        Fill first = r.fills().getFirst();
        assertEquals(1.5, first.qty(), 1e-12);
        assertEquals(150.1 / 1.5, first.px(), 1e-12);
        assertTrue(r.log().contains("IOC remainder: book depth within the limit exhausted"), r.log());
        assertTrue(r.log().contains("\"detail\":\"book: 2 levels 100.0x0.5 100.1x1.0\""), r.log());
    }

    @Test
    void fokRejectsWhenTheDepthWithinTheLimitIsShortAndFillsWhenItIsNot() {
        // depth at ≤ 100.2: 0.5 + 1.0 + 2.0 = 3.5 < 4 → expires unfilled
        Run r = run(feed(SNAP, new double[0][]), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(100.2).fok().qty(4).submit()));
        assertTrue(r.fills().isEmpty(), r.fills().toString());
        assertTrue(r.log().contains("FOK: book depth 3.5 within the limit is less than 4.0"), r.log());
        assertEquals(1, r.sim().bookStats(0).fokRejects());
        // exactly 3.5: 50.0 + 100.1 + 200.4 = 350.5 → VWAP 100.142857…
        Run ok = run(feed(SNAP, new double[0][]), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(100.2).fok().qty(3.5).submit()));
        assertEquals(3.5, ok.fills().getFirst().qty(), 1e-12);
        assertEquals(350.5 / 3.5, ok.fills().getFirst().px(), 1e-12);
    }

    @Test
    void restingLimitFillsOnlyAfterPrintsConsumeItsQueue() {
        // buy 1 @ 99.9 joins behind the displayed 2.0 (queue ahead 2.0)
        double[][] book = concat(SNAP, new double[][] {
                {10, 1, 99.9, 1.5, 0},   // after the 0.5 print: level 1.5, queue min(1.5, 1.5) = 1.5
                {20, 1, 99.9, 3.0, 0},   // 1.5 joins behind us: queue stays 1.5
                {30, 1, 99.9, 2.0, 0},
                {40, 1, 99.9, 1.2, 0},
                {50, 1, 99.9, 0.2, 0},
                {60, 1, 99.8, 2.5, 0}});
        double[][] trades = {
                {10, 99.9, 0.5, -1},     // seller hits 99.9: queue 2.0 → 1.5, no fill
                {20, 99.9, 5.0, 1},      // a buyer-aggressor print at our price does not consume the bid queue
                {30, 99.9, 1.0, -1},     // queue 1.5 → 0.5, no fill
                {40, 99.9, 0.8, -1},     // queue 0.5 → −0.3: 0.3 fills us (partial), queue 0
                {50, 99.9, 1.0, -1}};    // the remaining 0.7 fills
        Run r = run(feed(book, trades), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(99.9).qty(1).submit()));
        assertEquals(40, r.fills().get(0).ms());
        assertEquals(0.3, r.fills().get(0).qty(), 1e-12);
        assertEquals(99.9, r.fills().get(0).px(), 0);
        assertEquals(50, r.fills().get(1).ms());
        assertEquals(0.7, r.fills().get(1).qty(), 1e-12);
        assertEquals(99.9, r.fills().get(1).px(), 0);
        assertTrue(r.log().contains("\"maker\":true"), r.log());
        assertEquals(2, r.sim().bookStats(0).queueFills());
    }

    @Test
    void levelShrinkingBelowTheQueueMovesTheOrderUp() {
        // queue 2.0; the level drops to 0.2 without a print (cancels): queue min(2.0, 0.2) = 0.2; a 0.5 print fills 0.3
        double[][] book = concat(SNAP, new double[][] {{10, 1, 99.9, 0.2, 0}, {30, 1, 99.8, 1.0, 0}});
        double[][] trades = {{20, 99.9, 0.5, -1}};
        Run r = run(feed(book, trades), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(99.9).qty(1).submit()));
        assertEquals(20, r.fills().getFirst().ms());
        assertEquals(0.3, r.fills().getFirst().qty(), 1e-12);
    }

    @Test
    void aPrintThroughTheLimitFillsItCompletely() {
        double[][] book = concat(SNAP, new double[][] {{30, 1, 99.8, 1.0, 0}});
        double[][] trades = {{20, 99.8, 0.1, -1}};
        Run r = run(feed(book, trades), Map.of(0, ctx -> ctx.order().symbol(0).buy().limit(99.9).qty(1).submit()));
        assertEquals(20, r.fills().getFirst().ms());
        assertEquals(1.0, r.fills().getFirst().qty(), 1e-12);
        assertEquals(99.9, r.fills().getFirst().px(), 0);
    }

    @Test
    void aDiffWithSizeZeroRemovesTheLevel() {
        // at 10 ms the 100.0 ask goes (size 0); a market buy of 1.0 then takes 100.1 only
        double[][] book = concat(SNAP, new double[][] {{10, -1, 100.0, 0.0, 0}, {20, 1, 99.7, 1.0, 0}});
        Run r = run(feed(book, new double[0][]), Map.of(1, ctx -> {
            assertEquals(100.1, ctx.book(0).bestAsk(), 0);
            assertEquals(0.0, ctx.book(0).sizeAt(-1, 100.0), 0);
            assertEquals(3, ctx.book(0).levels(-1));
            ctx.order().symbol(0).buy().market().qty(1.0).submit();
        }));
        assertEquals(10, r.fills().getFirst().ms());
        assertEquals(100.1, r.fills().getFirst().px(), 0);
        assertTrue(r.log().contains("\"detail\":\"book: 1 level 100.1x1.0\""), r.log());
    }

    @Test
    void latencyDelaysTheArrivalAndTheOrderWalksTheBookStandingThen() {
        // sent at 0 ms with domestic latency (20 ms): at 10 ms the 100.0 ask is gone and 100.1 grew to 3.0, so the
        // buy of 1.0 arriving at 20 ms takes 1.0 @ 100.1, not the 0.5 @ 100.0 + 0.5 @ 100.1 shown when it was sent
        double[][] book = concat(SNAP, new double[][] {{10, -1, 100.0, 0.0, 0}, {10, -1, 100.1, 3.0, 0}, {30, 1, 99.7, 1.0, 0}});
        Run r = run(feed(book, new double[0][]), Map.of(0, ctx -> ctx.order().symbol(0).buy().market().qty(1.0).submit()), Latency.DOMESTIC);
        assertEquals(20, r.fills().getFirst().ms());
        assertEquals(100.1, r.fills().getFirst().px(), 0);
    }

    @Test
    void triggeredStopWalksTheBidsAndAMarketRemainderWaitsForDepth() {
        // long 1.0 from a market buy at 0 ms (100.0 × 0.5 + 100.1 × 0.5); stop sell 3.0 at 99.85 is hit by a print
        // at 99.8 (10 ms): it walks the bids 99.9 × 2.0 + 99.8 × 1.0 = 299.6 → VWAP 99.8666…
        double[][] book = concat(SNAP, new double[][] {{20, 1, 99.7, 1.0, 0}});
        double[][] trades = {{10, 99.8, 0.1, -1}};
        Run r = run(feed(book, trades), Map.of(0, ctx -> {
            ctx.order().symbol(0).buy().market().qty(1.0).submit();
            ctx.order().symbol(0).sell().stopMarket(99.85).qty(3.0).submit();
        }));
        assertEquals(0, r.fills().get(0).ms());
        assertEquals((50.0 + 50.05) / 1.0, r.fills().get(0).px(), 1e-12);
        assertEquals(10, r.fills().get(1).ms());
        assertEquals(3.0, r.fills().get(1).qty(), 1e-12);
        assertEquals((199.8 + 99.8) / 3.0, r.fills().get(1).px(), 1e-12);
        assertTrue(r.log().contains("\"detail\":\"book: 2 levels 99.9x2.0 99.8x1.0\""), r.log());

        // a GTC market sell of 5.0 on bids of 4.0 takes them all; the last 1.0 fills at the next update's bid
        Run w = run(feed(concat(SNAP, new double[][] {{20, 1, 99.7, 3.0, 0}}), new double[0][]),
                Map.of(0, ctx -> ctx.order().symbol(0).sell().market().qty(5.0).submit()));
        assertEquals(4.0, w.fills().get(0).qty(), 1e-12);
        assertEquals((199.8 + 199.6) / 4.0, w.fills().get(0).px(), 1e-12);
        assertEquals(20, w.fills().get(1).ms());
        assertEquals(1.0, w.fills().get(1).qty(), 1e-12);
        assertEquals(99.7, w.fills().get(1).px(), 0);
    }

    @Test
    void anUpdateIdGapStopsTheBookUntilTheNextSnapshot() {
        // 10 ms: the importer marked a gap (flags bit 1): that row and the 20 ms row are not applied; a market buy sent
        // at 0 ms arrives at 20 ms (domestic latency) while the book is unknown, waits, and walks the re-synced book at 30 ms
        double[][] book = concat(SNAP, new double[][] {
                {10, -1, 100.0, 0.0, 2}, {20, -1, 100.0, 7.0, 0},
                {30, 1, 99.5, 1.0, 1}, {30, -1, 100.5, 2.0, 0}, {40, 1, 99.4, 1.0, 0}});
        Run r = run(feed(book, new double[0][]), Map.of(0, ctx -> ctx.order().symbol(0).buy().market().qty(1.0).submit()), Latency.DOMESTIC);
        assertEquals(30, r.fills().getFirst().ms());
        assertEquals(100.5, r.fills().getFirst().px(), 0);
        BookStats bs = r.sim().bookStats(0);
        assertEquals(1, bs.gaps());
        assertEquals(2, bs.snapshots());
        assertEquals(2, bs.rowsBeforeSnapshot());
        assertEquals(3, bs.updates()); // 0, 30 and 40 ms
        assertTrue(r.log().contains("\"action\":\"gap\""), r.log());
        assertTrue(r.log().contains("\"action\":\"resync\""), r.log());
    }

    @Test
    void rowsBeforeTheFirstSnapshotAreSkippedAndReportedAndCrossedUpdatesCounted() {
        double[][] book = concat(new double[][] {{-5, 1, 99.0, 1.0, 0}, {-5, -1, 101.0, 1.0, 0}},
                concat(SNAP, new double[][] {{10, 1, 100.0, 1.0, 0}, {20, -1, 100.0, 0.0, 0}}));
        Run r = run(feed(book, new double[0][]), Map.of());
        BookStats bs = r.sim().bookStats(0);
        assertEquals(2, bs.rowsBeforeSnapshot());
        assertEquals(1, bs.snapshots());
        assertEquals(3, bs.updates());
        assertEquals(1, bs.crossedUpdates()); // bid 100.0 ≥ ask 100.0 at 10 ms; the 20 ms diff removes the ask
        assertEquals(Bars.T0 + 10 * MS, bs.firstCrossedNs());
        assertTrue(r.log().contains("\"type\":\"book\",\"symbol\":\"BTCUSDT\",\"order_id\":null,\"action\":\"no_snapshot\""), r.log());
        assertTrue(r.log().contains("\"action\":\"crossed\""), r.log());
    }

    @Test
    void orderBookKeepsLevelsSortedBestFirst() {
        OrderBook b = new OrderBook();
        b.set(1, 99.0, 1);
        b.set(1, 99.5, 2);
        b.set(1, 98.0, 3);
        b.set(-1, 101.0, 4);
        b.set(-1, 100.5, 5);
        assertEquals(99.5, b.bestBid(), 0);
        assertEquals(98.0, b.price(1, 2), 0);
        assertEquals(100.5, b.bestAsk(), 0);
        assertEquals(101.0, b.price(-1, 1), 0);
        assertEquals(2.0, b.set(1, 99.5, 0), 0);   // removal returns the size it had
        assertEquals(99.0, b.bestBid(), 0);
        assertEquals(0.0, b.set(1, 97.0, 0), 0);   // removing a missing level changes nothing
        assertEquals(2, b.levels(1));
        b.consume(-1, 0, 5);
        assertEquals(101.0, b.bestAsk(), 0);
        assertFalse(b.crossed());
        for (int i = 0; i < 1000; i++) b.set(-1, 200.0 + i, 1); // grows past the initial capacity
        assertEquals(1001, b.levels(-1));
        assertEquals(1199.0, b.price(-1, 1000), 0);
    }

    @Test
    void badBookRowsAreRejectedNamingTheRow() {
        var e = assertThrows(IllegalArgumentException.class, () -> BookFeed.of("BTCUSDT", new long[] {2, 1}, new byte[] {1, 1},
                new double[] {1, 1}, new double[] {1, 1}, new byte[] {1, 0}));
        assertTrue(e.getMessage().contains("BTCUSDT: book row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BookFeed.of("BTCUSDT", new long[] {1}, new byte[] {0},
                new double[] {1}, new double[] {1}, new byte[] {1}));
        assertTrue(e.getMessage().contains("side 0"), e.getMessage());
    }
}
