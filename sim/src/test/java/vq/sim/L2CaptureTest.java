package vq.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.data.SourceKind;
import vq.kernels.margin.VenueSpec;
import vq.sim.engine.BookStats;
import vq.sim.engine.Simulator;
import vq.sim.market.BookView;
import vq.sim.market.CatalogFeeds;
import vq.sim.market.SymbolFeed;
import vq.sim.order.Orders;
import vq.sim.report.JsonlEventLog;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/**
 * The simulator on a real L2 book: the Binance USD-M BTCUSDT websocket capture of
 * ../shared/data/nkaz001_hftbacktest/usdm (trades, bookTicker, depth diffs + REST snapshot, 5.75 min),
 * imported into a temporary catalog by the real importer and loaded zero-copy by {@link CatalogFeeds}. A
 * seeded strategy sends market orders, IOC/FOK limits and passive GTC limits; invariants: the book is never
 * crossed after a full update, every fill lies within the book's prices at that moment (taker buys at or
 * above the best ask and within the limit, maker fills at their limit), no fill before sent + latency, and
 * the run is identical when repeated.
 */
class L2CaptureTest {
    static Path catalogDir;

    @BeforeAll
    static void importCapture() throws IOException {
        Path gz = RealData.root("nkaz001_hftbacktest/usdm/btcusdt_20240808.gz");
        catalogDir = Files.createTempDirectory("vq-l2-").resolve("catalog");
        Importer.importPaths(Catalog.open(catalogDir), List.of(gz), ImportOptions.defaults().withKind(SourceKind.CAPTURE)
                .withSymbol("BTCUSDT").withMarket("futures-um"));
    }

    /** Seeded order flow on book updates; records invariant violations instead of throwing inside the loop. */
    static final class Flow implements SimStrategy {
        final SplittableRandom rng;
        final List<String> violations = new ArrayList<>();
        final long latencyNs;
        int updates, restingId = -1, restingSince, takerFills, makerFills;
        boolean[] maker = new boolean[1024];

        Flow(long latencyNs, long seed) {
            this.latencyNs = latencyNs;
            this.rng = new SplittableRandom(seed);
        }

        @Override public void onBook(SimContext ctx, int s) {
            BookView b = ctx.book(s);
            if (b.crossed()) violations.add("crossed at " + ctx.now() + ": " + b.bestBid() + " >= " + b.bestAsk());
            if (++updates % 40 != 0) return;
            double bid = b.bestBid(), ask = b.bestAsk(), pos = ctx.position(s);
            if (Math.abs(pos) > 15) { ctx.order().symbol(s).side(pos > 0 ? -1 : 1).market().qty(Math.abs(pos)).submit(); return; }
            int side = rng.nextBoolean() ? 1 : -1;
            double qty = rng.nextInt(5) == 0 ? 2 + rng.nextInt(8) : 0.001 * (1 + rng.nextInt(500));
            switch (rng.nextInt(4)) {
                case 0 -> track(ctx.order().symbol(s).side(side).market().qty(qty).submit(), false);
                case 1 -> track(ctx.order().symbol(s).side(side).limit(side > 0 ? ask + 0.2 : bid - 0.2).ioc().qty(qty).submit(), false);
                case 2 -> track(ctx.order().symbol(s).side(side).limit(side > 0 ? ask + 0.1 : bid - 0.1).fok().qty(qty).submit(), false);
                default -> {
                    if (restingId >= 0 && ctx.orders().isLive(restingId) && updates - restingSince < 400) return;
                    if (restingId >= 0) ctx.cancel(restingId);
                    restingId = track(ctx.order().symbol(s).side(side).limit(side > 0 ? bid : ask).qty(0.05).submit(), true);
                    restingSince = updates;
                }
            }
        }

        int track(int id, boolean isMaker) {
            if (id >= maker.length) maker = java.util.Arrays.copyOf(maker, id * 2);
            if (id >= 0) maker[id] = isMaker;
            return id;
        }

        @Override public void onFill(SimContext ctx, int id, double qty, double px) {
            Orders o = ctx.orders();
            if (o.reason[id] == Orders.R_END_OF_DATA) return;
            if (ctx.now() < o.sentNs[id] + latencyNs) violations.add("order " + id + " filled before sent + latency");
            BookView b = ctx.book(0);
            int side = o.side[id];
            // a passive limit fills at its price while it rests; one that the market crossed during its latency
            // takes liquidity on arrival and must then obey the taker invariants below
            if (id < maker.length && maker[id] && o.type[id] == Orders.LIMIT && px == o.limitPx[id]) {
                makerFills++;
                return;
            }
            takerFills++;
            // the book at onFill is the book the order walked (our consumption is removed after the fill)
            double best = side > 0 ? b.bestAsk() : b.bestBid();
            int opp = -side;
            double worst = b.price(opp, b.levels(opp) - 1);
            boolean inBook = side > 0 ? px >= best - 1e-9 && px <= worst + 1e-9 : px <= best + 1e-9 && px >= worst - 1e-9;
            if (!inBook) violations.add("taker fill of " + id + " at " + px + " outside the book " + best + " .. " + worst);
            if (o.type[id] == Orders.LIMIT && (side > 0 ? px > o.limitPx[id] + 1e-9 : px < o.limitPx[id] - 1e-9))
                violations.add("fill of " + id + " at " + px + " beyond its limit " + o.limitPx[id]);
        }
    }

    record Outcome(String log, BookStats stats, Flow flow, long trades) {}

    static Outcome run() {
        try (CatalogFeeds.Loaded l = CatalogFeeds.loadTicks(Catalog.open(catalogDir), "binance", "BTCUSDT", Long.MIN_VALUE, Long.MAX_VALUE, true)) {
            SymbolFeed f = l.feed();
            assertTrue(f.hasBook() && f.tradeTs().length > 0 && f.quoteTs().length > 0, l.tickSource());
            SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), 10, 1.0, 1_000_000).withFidelity(Fidelity.REALISTIC)
                    .withLatency(Latency.CO_LOCATED);
            Flow flow = new Flow(Latency.CO_LOCATED.nanos(), 7);
            StringWriter w = new StringWriter();
            Simulator sim = new Simulator(cfg, new SymbolFeed[] {f}, flow, new JsonlEventLog(w));
            sim.run();
            return new Outcome(w.toString(), sim.bookStats(0), flow, sim.trades().size);
        }
    }

    @Test
    void realCaptureBookStaysUncrossedFillsLieInTheBookAndRunsAreDeterministic() {
        Outcome a = run();
        BookStats st = a.stats();
        assertTrue(a.flow().violations.isEmpty(), a.flow().violations.size() + " violations, first: "
                + a.flow().violations.subList(0, Math.min(5, a.flow().violations.size())));
        assertEquals(1, st.snapshots(), st.toString());
        assertEquals(0, st.crossedUpdates(), st.toString());
        assertTrue(st.updates() > 6_000, st.toString());            // 6,551 diffs after the sync (plus the snapshot)
        assertTrue(st.bookFills() > 50, st.toString());
        assertTrue(st.levelsConsumed() > st.bookFills(), st.toString()); // some orders swept several levels
        assertTrue(st.queueFills() > 0, st.toString());
        assertTrue(a.flow().makerFills > 0 && a.flow().takerFills > 0, a.flow().makerFills + " / " + a.flow().takerFills);
        assertTrue(a.log().contains("\"detail\":\"book: "), "book-walk fills name their levels");
        Outcome b = run();
        assertEquals(a.log(), b.log(), "a second run must give the identical event log");
    }
}
