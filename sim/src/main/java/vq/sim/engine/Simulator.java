package vq.sim.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import vq.kernels.margin.MarginBrackets;
import vq.kernels.margin.SymbolSpec;
import vq.sim.Fidelity;
import vq.sim.MarginMode;
import vq.sim.SimConfig;
import vq.sim.account.Account;
import vq.sim.market.BookFeed;
import vq.sim.market.BookView;
import vq.sim.market.OrderBook;
import vq.sim.market.SymbolFeed;
import vq.sim.order.OrderRequest;
import vq.sim.order.Orders;
import vq.sim.report.EventLog;
import vq.sim.report.TradeBook;
import vq.sim.sizing.Sizing;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/**
 * The event-driven futures simulator: one account (cross margin shares it across symbols; for isolated
 * multi-symbol studies run one simulator per symbol), any number of symbols, bars and/or ticks.
 *
 * <h2>Event loop and ordering</h2>
 * The loop merges, by time, pre-sorted per-symbol streams (bar opens, bar closes, funding, quotes,
 * trades) with a primitive binary heap of dynamic events (order/cancel/modify arrivals after latency,
 * timers). Events with equal timestamps are ordered by class, then symbol index, then sequence number:
 * <ol start="0">
 *   <li>BAR_CLOSE of bar {@code i} (at {@code open_i + interval}): the bar's intrabar path is matched
 *       (stops, take-profits, limits, liquidation, adverse extreme first), equity is marked to the close,
 *       then the strategy's {@code onBar} runs;</li>
 *   <li>TIMER;</li>
 *   <li>FUNDING: a position held just before the funding time pays {@code qty × mark × rate} — so funding
 *       comes after the previous bar's close and before any fill at the next open (DESIGN.md §6). On bar
 *       feeds an event at T is charged at the open of the bar containing T (Binance stamps T with
 *       0–15 ms of jitter), the same alignment as {@code vq.kernels.screen.FundingSchedule};</li>
 *   <li>ORDER: orders, cancels and modifications reaching the venue ({@code sent + latency});</li>
 *   <li>BAR_OPEN: queued market orders fill at the open, then resting orders that the open gapped through
 *       fill at the open;</li>
 *   <li>QUOTE, then 6. TRADE, then</li>
 *   <li>BOOK: all L2 rows with this timestamp, applied as one update (a snapshot-start row clears the book
 *       first). Trades come before the book update of the same time because the venue's depth diff already
 *       shows the liquidity the print took: a print at a resting order's price advances its queue, and the
 *       diff that follows (level size down by the same amount) must not advance it twice.</li>
 * </ol>
 * Hence a signal at the close of bar i, sent with zero latency, reaches the venue at {@code open_{i+1}} and
 * fills at that open: never on the signal bar. The loop itself allocates nothing per event (the event log's
 * text aside).
 *
 * <h2>Fills on an L2 book</h2>
 * When a symbol's feed has a book stream ({@link BookFeed}) the simulator keeps an {@link OrderBook} for it.
 * From the first snapshot to the stream's last row the book is the market for execution (it replaces the
 * bar open and the L1 quote as best bid/ask; quotes still reach the strategy):
 * <ul>
 *   <li>a market order, a marketable limit (IOC, FOK, GTC) and a triggered stop walk the opposite side level
 *       by level, taking {@code min(level size, still needed)} per level, within the limit price if any; the
 *       fill is one taker fill at the VWAP of the levels consumed (slippage = (VWAP − best) × qty, no
 *       parametric slippage on top). IOC: what the depth within the limit allows fills, the rest expires.
 *       FOK: when that depth is smaller than the order, it expires unfilled. A GTC market order whose
 *       depth ran out waits for the next book update; a GTC limit's remainder rests. Our own fill removes the
 *       quantity from the local book until the venue's next update of that level overwrites it.</li>
 *   <li>a resting limit gets a queue position = the size displayed at its price on its side when it reaches
 *       the venue (or when the book first appears). It advances only when a trade prints at its price with
 *       the aggressor on the other side (by the print's quantity) or when the level's displayed size drops
 *       below it (queue ahead = min(queue ahead, level size): cancellations are assumed to be behind us);
 *       additions to the level never move it. This is hftbacktest's conservative (risk-averse) queue model,
 *       https://hftbacktest.readthedocs.io/en/latest/reference/queue_models.html (RiskAverseQueueModel), with
 *       the fill conditions of https://hftbacktest.readthedocs.io/en/latest/order_fill.html. Once the queue
 *       ahead is consumed, the rest of a print at its price fills it (maker, at its price, partially when
 *       the print is smaller); a print through its price fills it completely; an opposite side crossing its
 *       price fills it against the crossing depth.</li>
 *   <li>bars whose whole interval the book covers do not match orders on the bar path (the book and the
 *       prints do); a bar only partly covered (the first and last minute of a capture) does.</li>
 * </ul>
 * The dataset carries no update ids; the importer checks them and marks a gap (flags bit 1) where the chain
 * breaks. The simulator stops using the book at a gap (orders fall back to quotes/trades/bars) until the next
 * snapshot, and reports ({@link BookStats}, event log {@code type = 'book'}): gaps, rows skipped while the book
 * was unknown (before the first snapshot, inside a gap), re-syncs (a later snapshot), and updates after which the
 * book is crossed.
 *
 * <h2>Fills on bars</h2>
 * The bar path is open → first extreme → second extreme → close; with a long position the low comes
 * first, with a short the high (pessimistic, DESIGN.md §6); flat, the extreme nearer the open comes
 * first. Along each monotone leg, resting orders fire in the order the price reaches their levels (ties:
 * stops, then liquidation, then limits, then order id). A level the open already gapped through fills at
 * the open. Stops are taker, limits maker. In {@code screening} fidelity protective orders (and
 * liquidation) of a position are live from the bar after the fill bar; in {@code realistic} from the fill.
 */
public final class Simulator implements SimContext, OrderRequest.Submitter {

    static final int CLS_BAR_CLOSE = 0, CLS_TIMER = 1, CLS_FUNDING = 2, CLS_ORDER = 3, CLS_BAR_OPEN = 4, CLS_QUOTE = 5, CLS_TRADE = 6,
            CLS_BOOK = 7;
    // BookStats counters
    private static final int B_ROWS = 0, B_UPD = 1, B_SNAP = 2, B_BEFORE = 3, B_CROSSED = 4, B_FIRST_CROSSED = 5, B_FILLS = 6,
            B_LEVELS = 7, B_QUEUE_FILLS = 8, B_FOK = 9, B_GAPS = 10;
    static final int K_NEW = 0, K_CANCEL = 1, K_MODIFY = 2, K_TIMER = 3;
    static final double EPS = 1e-12;

    private final SimConfig cfg;
    private final boolean screening;
    private final SymbolFeed[] feeds;
    private final String[] names;
    private final SimStrategy strategy;
    private final EventLog log;
    private final boolean logOn;
    private final int nSym;
    private final Account acct;
    private final Orders ord = new Orders();
    private final TradeBook trades;
    private final OrderRequest req = new OrderRequest(this);
    private final double[] clearance, tick, maker, taker, maxNotional;
    private final double leverage;
    private final long latency;
    private final SplittableRandom rng;
    private final Sizing sizing;
    private final RiskEngine risk;

    // per-symbol cursors
    private final int[] barIdx;
    private final boolean[] inBar;
    private final int[] qIdx, tIdx, fIdx;
    // funding aligned to bars: event k charged at time fAt[s][k]
    private final long[][] fAt;
    private final double[][] fRate, fMark;
    // per-symbol state
    private final double[] last, bid, ask, bidSz, askSz;
    private final long[] liqActiveNs;
    private final double[] liqCache;
    private final boolean[] liqDirty;
    private final int[] protStop, protTake;
    private final int[][] act;
    private final int[] actN;
    private final long[] barsInPosition, barsSeen;
    // ATR(14) Wilder and realistic σ/ADV windows
    private final double[] atr, prevClose;
    private final int[] atrN;
    private final double[][] retWin, volWin;
    private final int[] winN, winPos;
    private final double[] sumRet, sumRet2, sumVol;
    // dynamic heap
    private long[] hTs = new long[64];
    private int[] hKind = new int[64], hId = new int[64];
    private long[] hSeq = new long[64];
    private double[] hA = new double[64], hB = new double[64], hC = new double[64];
    private int hSize;
    private long seq;
    // equity curve
    private long[] eqTs = new long[1024];
    private long[] eqLabel = new long[1024];
    private long sampleLabel;
    private double[] eq = new double[1024];
    private int eqN;
    private long now;
    private long liquidations;
    private double slippagePaid;
    private final double[] tmp2 = new double[2];
    private boolean finished;
    // L2 books (null for symbols without a book stream)
    private final OrderBook[] books;
    private final int[] bkChunk;
    private final long[] bkRow;
    private final boolean[] bookLive;
    private final long[] bookFrom, bookTo;
    private final long[][] bkStat;
    private String fillDetail;

    /**
     * @param cfg      run configuration
     * @param feeds    one feed per symbol (symbol names must exist in the venue table)
     * @param strategy the strategy
     * @param log      event log ({@link EventLog#NONE} to skip)
     * @throws IllegalArgumentException when a symbol has no venue entry or the leverage exceeds the first
     *                                  bracket's maximum
     */
    public Simulator(SimConfig cfg, SymbolFeed[] feeds, SimStrategy strategy, EventLog log) {
        this.cfg = cfg;
        this.screening = cfg.fidelity() == Fidelity.SCREENING;
        this.feeds = feeds.clone();
        this.strategy = strategy;
        this.log = log;
        this.logOn = log.enabled();
        this.nSym = feeds.length;
        if (nSym == 0) throw new IllegalArgumentException("no symbols to simulate");
        names = new String[nSym];
        MarginBrackets[] br = new MarginBrackets[nSym];
        clearance = new double[nSym];
        maxNotional = new double[nSym];
        tick = new double[nSym];
        maker = new double[nSym];
        taker = new double[nSym];
        double[] lev = new double[nSym];
        for (int s = 0; s < nSym; s++) {
            names[s] = feeds[s].symbol();
            if (feeds[s].isEmpty()) throw new IllegalArgumentException(names[s] + ": feed has no bars, quotes or trades");
            SymbolSpec spec = cfg.venue().resolve(names[s]); // SYN<symbol> (synthetic) uses <symbol>'s table
            br[s] = spec.brackets();
            clearance[s] = spec.liquidationClearanceFeeRate();
            tick[s] = spec.tickSize();
            maker[s] = cfg.feeTier().makerRate();
            taker[s] = cfg.feeTier().takerRate();
            lev[s] = cfg.leverage();
            if (cfg.leverage() > br[s].maxLeverage(0))
                throw new IllegalArgumentException(names[s] + ": leverage " + cfg.leverage() + " exceeds Binance's maximum " + br[s].maxLeverage(0));
            maxNotional[s] = br[s].maxNotionalAt(cfg.leverage());
        }
        this.leverage = cfg.leverage();
        this.latency = screening ? 0 : cfg.latency().nanos();
        this.rng = new SplittableRandom(cfg.seed());
        this.sizing = cfg.sizing();
        acct = new Account(cfg.marginMode(), cfg.initialEquity(), br, lev);
        trades = new TradeBook(nSym);
        risk = new RiskEngine(cfg.risk(), cfg.initialEquity(), nSym);
        barIdx = new int[nSym];
        inBar = new boolean[nSym];
        qIdx = new int[nSym];
        tIdx = new int[nSym];
        fIdx = new int[nSym];
        fAt = new long[nSym][];
        fRate = new double[nSym][];
        fMark = new double[nSym][];
        last = new double[nSym];
        bid = new double[nSym];
        ask = new double[nSym];
        bidSz = new double[nSym];
        askSz = new double[nSym];
        Arrays.fill(bid, Double.NaN);
        Arrays.fill(ask, Double.NaN);
        Arrays.fill(last, Double.NaN);
        liqActiveNs = new long[nSym];
        liqCache = new double[nSym];
        liqDirty = new boolean[nSym];
        Arrays.fill(liqDirty, true);
        protStop = new int[nSym];
        protTake = new int[nSym];
        Arrays.fill(protStop, -1);
        Arrays.fill(protTake, -1);
        act = new int[nSym][16];
        actN = new int[nSym];
        barsInPosition = new long[nSym];
        barsSeen = new long[nSym];
        atr = new double[nSym];
        prevClose = new double[nSym];
        atrN = new int[nSym];
        Arrays.fill(atr, Double.NaN);
        Arrays.fill(prevClose, Double.NaN);
        int w = cfg.slippage().window();
        retWin = new double[nSym][w];
        volWin = new double[nSym][w];
        winN = new int[nSym];
        winPos = new int[nSym];
        sumRet = new double[nSym];
        sumRet2 = new double[nSym];
        sumVol = new double[nSym];
        for (int s = 0; s < nSym; s++) alignFunding(s);
        books = new OrderBook[nSym];
        bkChunk = new int[nSym];
        bkRow = new long[nSym];
        bookLive = new boolean[nSym];
        bookFrom = new long[nSym];
        bookTo = new long[nSym];
        bkStat = new long[nSym][11];
        for (int s = 0; s < nSym; s++) {
            bkStat[s][B_FIRST_CROSSED] = Long.MIN_VALUE;
            BookFeed bf = feeds[s].book();
            if (bf.isEmpty()) { bookFrom[s] = Long.MAX_VALUE; bookTo[s] = Long.MIN_VALUE; continue; }
            books[s] = new OrderBook();
            bookFrom[s] = bf.firstSnapshotTs();
            bookTo[s] = bf.lastTs();
            while (bkChunk[s] < bf.chunks() && bf.rows(bkChunk[s]) == 0) bkChunk[s]++;
        }
    }

    /** Aligns funding events to bar opens (bar feeds) or keeps their own times (tick feeds). */
    private void alignFunding(int s) {
        SymbolFeed f = feeds[s];
        long[] ft = f.fundingTs();
        double[] fr = f.fundingRate();
        int n = f.bars();
        long[] at = new long[ft.length];
        double[] rate = new double[ft.length];
        double[] mark = new double[ft.length];
        int k = 0;
        if (n == 0) {
            for (int e = 0; e < ft.length; e++) {
                at[k] = ft[e];
                rate[k] = fr[e];
                mark[k] = Double.NaN;
                k++;
            }
        } else {
            long[] ts = f.barTs();
            long iv = f.intervalNanos();
            int bar = 0;
            for (int e = 0; e < ft.length; e++) {
                long t = ft[e];
                if (t < ts[0] || t >= ts[n - 1] + iv) continue;
                while (ts[bar] + iv <= t) bar++;
                if (k > 0 && at[k - 1] == ts[bar]) {
                    rate[k - 1] += fr[e];
                    continue;
                }
                at[k] = ts[bar];
                rate[k] = fr[e];
                double m = f.hasMarkBars() ? f.markOpen()[bar] : Double.NaN;
                mark[k] = Double.isFinite(m) ? m : f.open()[bar];
                k++;
            }
        }
        fAt[s] = Arrays.copyOf(at, k);
        fRate[s] = Arrays.copyOf(rate, k);
        fMark[s] = Arrays.copyOf(mark, k);
    }

    // ------------------------------------------------------------------ main loop

    /** Runs the whole simulation once. */
    public void run() {
        if (finished) throw new IllegalStateException("a Simulator runs once");
        strategy.onStart(this);
        while (true) {
            long bestTs = Long.MAX_VALUE;
            int bestCls = Integer.MAX_VALUE, bestSym = -1;
            for (int s = 0; s < nSym; s++) {
                SymbolFeed f = feeds[s];
                int i = barIdx[s];
                if (i < f.bars()) {
                    long t = inBar[s] ? f.barTs()[i] + f.intervalNanos() : f.barTs()[i];
                    int c = inBar[s] ? CLS_BAR_CLOSE : CLS_BAR_OPEN;
                    if (t < bestTs || (t == bestTs && c < bestCls)) { bestTs = t; bestCls = c; bestSym = s; }
                }
                if (fIdx[s] < fAt[s].length) {
                    long t = fAt[s][fIdx[s]];
                    if (t < bestTs || (t == bestTs && CLS_FUNDING < bestCls)) { bestTs = t; bestCls = CLS_FUNDING; bestSym = s; }
                }
                if (qIdx[s] < f.quoteTs().length) {
                    long t = f.quoteTs()[qIdx[s]];
                    if (t < bestTs || (t == bestTs && CLS_QUOTE < bestCls)) { bestTs = t; bestCls = CLS_QUOTE; bestSym = s; }
                }
                if (tIdx[s] < f.tradeTs().length) {
                    long t = f.tradeTs()[tIdx[s]];
                    if (t < bestTs || (t == bestTs && CLS_TRADE < bestCls)) { bestTs = t; bestCls = CLS_TRADE; bestSym = s; }
                }
                if (books[s] != null && bkChunk[s] < f.book().chunks()) {
                    long t = f.book().ts(bkChunk[s], bkRow[s]);
                    if (t < bestTs || (t == bestTs && CLS_BOOK < bestCls)) { bestTs = t; bestCls = CLS_BOOK; bestSym = s; }
                }
            }
            if (hSize > 0) {
                long t = hTs[0];
                int c = hKind[0] == K_TIMER ? CLS_TIMER : CLS_ORDER;
                if (t < bestTs || (t == bestTs && c <= bestCls)) { bestTs = t; bestCls = c; bestSym = -2; }
            }
            if (bestSym == -1) break;
            now = bestTs;
            if (bestSym == -2) {
                int kind = hKind[0], id = hId[0];
                double a = hA[0], b = hB[0], c = hC[0];
                heapPop();
                if (kind == K_TIMER) strategy.onTimer(this, id);
                else onArrival(kind, id, a, b, c);
                continue;
            }
            switch (bestCls) {
                case CLS_BAR_OPEN -> barOpen(bestSym);
                case CLS_BAR_CLOSE -> barClose(bestSym);
                case CLS_FUNDING -> funding(bestSym);
                case CLS_QUOTE -> quote(bestSym);
                case CLS_TRADE -> trade(bestSym);
                case CLS_BOOK -> bookEvent(bestSym);
                default -> throw new IllegalStateException();
            }
        }
        // tick-only symbols: close what is still open at the last price
        for (int s = 0; s < nSym; s++) if (acct.qty[s] != 0) closeAtEnd(s, last[s]);
        sampleLabel = lastLabel();
        sampleEquity(now, true);
        strategy.onFinish(this);
        finished = true;
    }

    // ------------------------------------------------------------------ bars

    private void barOpen(int s) {
        SymbolFeed f = feeds[s];
        int i = barIdx[s];
        inBar[s] = true;
        double o = f.open()[i];
        double prev = last[s];
        last[s] = o;
        acct.mark[s] = o;
        long ts = f.barTs()[i];
        if (bookCovers(s, ts, ts + f.intervalNanos())) return; // the L2 book and the prints match orders in this bar
        // 1) market orders that reached the venue before this open fill at the open (taker), in id order
        int m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] == Orders.OPEN && ord.type[id] == Orders.MARKET && ord.arriveNs[id] <= ts) {
                double px = slipped(s, ord.side[id], o, ord.qty[id], true);
                executeFill(id, Double.NaN, px, false, ts, o);
            }
        }
        // 2) IOC/FOK limits are decided at the open; resting levels gapped through fill at the open
        m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] == Orders.OPEN && ord.type[id] == Orders.LIMIT && ord.tif[id] != Orders.GTC && ord.arriveNs[id] <= ts) {
                boolean marketable = ord.side[id] > 0 ? o <= ord.limitPx[id] : o >= ord.limitPx[id];
                if (marketable) executeFill(id, Double.NaN, o, false, ts, o);
                else expire(id, "not marketable at the open");
            }
        }
        openCheck(s, o, ts);
    }

    /**
     * Levels the open is already beyond fill at the open (DESIGN.md §6): first the adverse ones — stops
     * and liquidation, the higher (long; short: lower) first, a stop winning a tie — then limits
     * (take-profits), each in id order. A stop gapped through fills at the open (taker), a liquidation at
     * its price, a limit at the open (maker, it was resting).
     */
    private void openCheck(int s, double o, long ts) {
        while (true) {
            int best = -1;
            int bestPrio = 9;
            double bestLevel = Double.NaN;
            for (int k = 0; k < actN[s]; k++) {
                int id = act[s][k];
                if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > ts) continue;
                byte t = ord.type[id];
                int side = ord.side[id];
                double level;
                int prio;
                if (t == Orders.STOP_MARKET || (t == Orders.STOP_LIMIT && !ord.triggered[id])) {
                    level = ord.stopPx[id];
                    if (!(side < 0 ? o <= level : o >= level)) continue;
                    prio = 0;
                } else if (t == Orders.LIMIT || t == Orders.STOP_LIMIT) {
                    level = ord.limitPx[id];
                    if (!(side > 0 ? o <= level : o >= level)) continue;
                    prio = 2;
                } else continue;
                boolean better = best < 0 || prio < bestPrio
                        || (prio == bestPrio && prio == 0 && (side < 0 ? level > bestLevel : level < bestLevel));
                if (better) { best = id; bestPrio = prio; bestLevel = level; }
            }
            double q = acct.qty[s];
            if (q != 0 && liqActiveNs[s] <= ts) {
                double lp = liqPrice(s);
                if (lp > 0 && (q > 0 ? o <= lp : o >= lp)) {
                    boolean stopFirst = best >= 0 && bestPrio == 0 && (q > 0 ? bestLevel >= lp : bestLevel <= lp);
                    if (!stopFirst) { liquidate(s, lp, ts); continue; }
                }
            }
            if (best < 0) return;
            int id = best;
            if (ord.type[id] == Orders.STOP_LIMIT && !ord.triggered[id]) {
                ord.triggered[id] = true;
                boolean marketable = ord.side[id] > 0 ? ord.limitPx[id] >= o : ord.limitPx[id] <= o;
                if (marketable) executeFill(id, Double.NaN, o, false, ts, o);
            } else if (bestPrio == 0) {
                executeFill(id, Double.NaN, slipped(s, ord.side[id], o, Double.NaN, false), false, ts, o);
            } else {
                executeFill(id, Double.NaN, o, true, ts, o);
            }
        }
    }

    private void barClose(int s) {
        SymbolFeed f = feeds[s];
        int i = barIdx[s];
        long ts = f.barTs()[i];
        long closeTs = ts + f.intervalNanos();
        double o = f.open()[i], h = f.high()[i], l = f.low()[i], c = f.close()[i];
        double q = acct.qty[s];
        boolean lowFirst = q > 0 || (q == 0 && (o - l) <= (h - o));
        double a1 = lowFirst ? l : h, a2 = lowFirst ? h : l;
        long activeBy = screening ? ts : closeTs;
        if (!bookCovers(s, ts, closeTs)) {
            walk(s, o, a1, false, ts, activeBy);
            walk(s, a1, a2, false, ts, activeBy);
            walk(s, a2, c, false, ts, activeBy);
        }
        last[s] = c;
        acct.mark[s] = c;
        now = closeTs;
        updateIndicators(s, h, l, c, f.volume()[i]);
        barsSeen[s]++;
        if (acct.qty[s] != 0) barsInPosition[s]++;
        sampleLabel = ts;
        sampleEquity(closeTs, false);
        risk.onEquity(closeTs, acct.equity());
        strategy.onBar(this, s, i);
        inBar[s] = false;
        barIdx[s] = i + 1;
        if (i + 1 == f.bars() && f.quoteTs().length == 0 && f.tradeTs().length == 0 && !f.hasBook()) {
            // end of this symbol's data: cancel its orders, close at the last close (taker)
            for (int k = actN[s] - 1; k >= 0; k--) cancelNow(act[s][k], "end of data");
            if (acct.qty[s] != 0) closeAtEnd(s, c);
        }
    }

    private void closeAtEnd(int s, double px) {
        int id = ord.add();
        ord.sym[id] = s;
        ord.side[id] = (byte) (acct.qty[s] > 0 ? -1 : 1);
        ord.type[id] = Orders.MARKET;
        ord.reduceOnly[id] = true;
        ord.reason[id] = Orders.R_END_OF_DATA;
        ord.qty[id] = Math.abs(acct.qty[s]);
        ord.sentNs[id] = now;
        ord.arriveNs[id] = now;
        ord.status[id] = Orders.OPEN;
        addActive(s, id);
        if (logOn) log.order(now, names[s], id, "submit", ord.side[id], "market", ord.qty[id], Double.NaN, Double.NaN, "GTC", true, "end_of_data", null);
        executeFill(id, Double.NaN, px, false, now, px);
    }

    /**
     * Matches one monotone price leg {@code a → b}. {@code gap}: the leg is the jump between the previous
     * price and the open, so every level hit fills at {@code b}.
     */
    private void walk(int s, double a, double b, boolean gap, long barOpenTs, long activeBy) {
        if (a == b) return;
        boolean down = b < a;
        SymbolFeed f = feeds[s];
        while (true) {
            int best = -1;          // order id, or −2 for liquidation
            double bestDist = Double.POSITIVE_INFINITY;
            int bestPrio = 9;
            double bestLevel = Double.NaN;
            for (int k = 0; k < actN[s]; k++) {
                int id = act[s][k];
                if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > activeBy) continue;
                byte t = ord.type[id];
                double level;
                int prio;
                if (t == Orders.STOP_MARKET || (t == Orders.STOP_LIMIT && !ord.triggered[id])) {
                    if (down != (ord.side[id] < 0)) continue; // sell stops fire on the way down, buy stops up
                    level = ord.stopPx[id];
                    prio = 0;
                } else if (t == Orders.LIMIT || t == Orders.STOP_LIMIT) {
                    if (down != (ord.side[id] > 0)) continue; // buy limits fill on the way down, sell limits up
                    level = ord.limitPx[id];
                    prio = 2;
                } else continue;
                if (!(down ? (level <= a && level >= b) : (level >= a && level <= b))) continue;
                double d = Math.abs(level - a);
                if (d < bestDist || (d == bestDist && (prio < bestPrio || (prio == bestPrio && id < best)))) {
                    best = id; bestDist = d; bestPrio = prio; bestLevel = level;
                }
            }
            double q = acct.qty[s];
            if (q != 0 && liqActiveNs[s] <= activeBy && (q > 0) == down) {
                double lp = liqPrice(s);
                boolean markOk = true;
                if (!screening && f.hasMarkBars() && !gap) {
                    int i = barIdx[s];
                    double mh = f.markHigh()[i], ml = f.markLow()[i];
                    if (Double.isFinite(mh) && Double.isFinite(ml)) markOk = q > 0 ? ml <= lp : mh >= lp;
                }
                if (markOk && lp > 0 && (down ? (lp <= a && lp >= b) : (lp >= a && lp <= b))) {
                    double d = Math.abs(lp - a);
                    if (d < bestDist || (d == bestDist && 1 < bestPrio)) {
                        best = -2; bestDist = d; bestPrio = 1; bestLevel = lp;
                    }
                }
            }
            if (best == -1) return;
            // intrabar fills are stamped with the bar's label (its open time), never before the order arrived
            long ts = gap || best == -2 ? Math.max(barOpenTs, best == -2 ? liqActiveNs[s] : 0) : Math.max(barOpenTs, ord.arriveNs[best]);
            if (best == -2) {
                liquidate(s, bestLevel, ts);
                continue;
            }
            int id = best;
            byte t = ord.type[id];
            if (t == Orders.STOP_MARKET) {
                double px = gap ? b : bestLevel;
                if (!screening && !gap) px += ord.side[id] * tick[s]; // realistic: one tick beyond the stop, against us
                px = slipped(s, ord.side[id], px, Double.NaN, false);
                executeFill(id, Double.NaN, px, false, ts, gap ? b : bestLevel);
            } else if (t == Orders.STOP_LIMIT && !ord.triggered[id]) {
                ord.triggered[id] = true;
                if (logOn) log.order(ts, names[s], id, "triggered", ord.side[id], "stop_limit", ord.qty[id], ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), null);
                double at = gap ? b : bestLevel;
                boolean marketable = ord.side[id] > 0 ? ord.limitPx[id] >= at : ord.limitPx[id] <= at;
                if (marketable) executeFill(id, Double.NaN, at, false, ts, at);
            } else {
                // limit: touched exactly at the leg's end = maybe (realistic, seeded); crossed = filled
                boolean touchedOnly = !gap && bestLevel == b;
                if (!screening && touchedOnly && cfg.limitFillProbability() < 1 && rng.nextDouble() >= cfg.limitFillProbability()) {
                    ord.activeNs[id] = Long.MAX_VALUE - 1; // not filled in this bar; retried next bar
                    pendingReactivate(s, id);
                    continue;
                }
                executeFill(id, Double.NaN, gap ? b : bestLevel, true, ts, gap ? b : bestLevel);
            }
        }
    }

    private int[] reactivate = new int[8];
    private int reactivateN;

    private void pendingReactivate(int s, int id) {
        if (reactivateN == reactivate.length) reactivate = Arrays.copyOf(reactivate, reactivateN * 2);
        reactivate[reactivateN++] = id;
        // the order becomes eligible again from the next bar (see barClose -> sampleEquity)
    }

    private void updateIndicators(int s, double h, double l, double c, double v) {
        double pc = prevClose[s];
        double tr = Double.isNaN(pc) ? h - l : Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
        int n = ++atrN[s];
        if (n <= 14) {
            atr[s] = n == 1 ? tr : atr[s] + (tr - atr[s]) / n;  // running mean as the seed
            if (n < 14) atr[s] = atr[s];
        } else {
            atr[s] = (atr[s] * 13 + tr) / 14;
        }
        if (!screening) {
            double[] rw = retWin[s], vw = volWin[s];
            int w = rw.length;
            double r = Double.isNaN(pc) ? 0 : Math.log(c / pc);
            int p = winPos[s];
            if (winN[s] == w) {
                sumRet[s] -= rw[p];
                sumRet2[s] -= rw[p] * rw[p];
                sumVol[s] -= vw[p];
            } else winN[s]++;
            rw[p] = r;
            vw[p] = v;
            sumRet[s] += r;
            sumRet2[s] += r * r;
            sumVol[s] += v;
            winPos[s] = (p + 1) % w;
        }
        prevClose[s] = c;
        if (reactivateN > 0) {
            for (int k = 0; k < reactivateN; k++) {
                int id = reactivate[k];
                if (ord.status[id] == Orders.OPEN) ord.activeNs[id] = now;
            }
            reactivateN = 0;
        }
    }

    /** Realistic slippage on a taker fill: spread/2 + k·σ·√(qty/ADV) of the price, against the taker. */
    private double slipped(int s, int side, double px, double qty, boolean useQty) {
        if (screening) return px;
        double frac = cfg.slippage().halfSpreadBps() * 1e-4;
        int n = winN[s];
        if (cfg.slippage().k() > 0 && n >= 2) {
            double mean = sumRet[s] / n;
            double var = Math.max(0, (sumRet2[s] - n * mean * mean) / (n - 1));
            double adv = sumVol[s] / n;
            double q = useQty && Double.isFinite(qty) ? qty : estimateQty(s, px);
            if (adv > 0 && Double.isFinite(adv) && q > 0) frac += cfg.slippage().k() * Math.sqrt(var) * Math.sqrt(q / adv);
        }
        return px * (1 + side * frac);
    }

    private double estimateQty(int s, double px) {
        double q = Math.abs(acct.qty[s]);
        return q > 0 ? q : acct.equity() * leverage / px;
    }

    // ------------------------------------------------------------------ funding, ticks

    private void funding(int s) {
        int k = fIdx[s]++;
        double rate = fRate[s][k];
        double mark = fMark[s][k];
        if (Double.isNaN(mark)) {
            double b = bid[s], a = ask[s];
            mark = Double.isFinite(b) && Double.isFinite(a) ? (a + b) / 2 : last[s];
        }
        double q = acct.qty[s];
        if (q == 0 || !Double.isFinite(mark)) return;
        double pay = acct.funding(s, rate, mark, true);
        liqDirty[s] = true;
        trades.onFunding(s, pay);
        if (logOn) log.funding(now, names[s], rate, mark, q, pay);
    }

    private void quote(int s) {
        SymbolFeed f = feeds[s];
        int r = qIdx[s]++;
        if (l2(s)) {
            // the L2 book is the market: the L1 quote only reaches the strategy
            strategy.onQuote(this, s, r);
            if (f.bars() == 0) { sampleLabel = now; sampleEquity(now, false); }
            return;
        }
        bid[s] = f.bidPx()[r];
        ask[s] = f.askPx()[r];
        bidSz[s] = f.bidSz()[r];
        askSz[s] = f.askSz()[r];
        double mid = (bid[s] + ask[s]) / 2;
        if (f.bars() == 0) {
            acct.mark[s] = mid;
            if (Double.isNaN(last[s]) || f.tradeTs().length == 0) last[s] = mid;
        }
        liquidateOnMid(s, mid);
        int m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > now) continue;
            byte t = ord.type[id];
            int side = ord.side[id];
            if (t == Orders.MARKET || (t == Orders.STOP_MARKET && ord.triggered[id])) {
                double px = side > 0 ? ask[s] : bid[s];
                double avail = side > 0 ? askSz[s] : bidSz[s];
                takeFromBook(id, px, avail);
            } else if (t == Orders.LIMIT || (t == Orders.STOP_LIMIT && ord.triggered[id])) {
                // the opposite touch crossing our price fills us (we were resting: maker)
                boolean cross = side > 0 ? ask[s] <= ord.limitPx[id] : bid[s] >= ord.limitPx[id];
                if (cross) executeFill(id, Double.NaN, ord.limitPx[id], true, now, ord.limitPx[id]);
            }
        }
        strategy.onQuote(this, s, r);
        if (f.bars() == 0) { sampleLabel = now; sampleEquity(now, false); }
    }

    /** Liquidation on the mark: the quote's or book's mid price (tick feeds). */
    private void liquidateOnMid(int s, double mid) {
        double q = acct.qty[s];
        if (q != 0 && liqActiveNs[s] <= now && Double.isFinite(mid)) {
            double lp = liqPrice(s);
            if (lp > 0 && (q > 0 ? mid <= lp : mid >= lp)) liquidate(s, lp, now);
        }
    }

    private void takeFromBook(int id, double px, double avail) {
        if (!Double.isFinite(px)) return;
        double rem = ord.remaining(id);
        if (Double.isNaN(rem)) rem = Double.POSITIVE_INFINITY;
        if (ord.tif[id] == Orders.FOK && Double.isFinite(rem) && avail < rem) { expire(id, "FOK: displayed size too small"); return; }
        double q = Math.min(rem, avail > 0 ? avail : rem);
        executeFill(id, q, px, false, now, px);
        if (ord.tif[id] == Orders.IOC && ord.isLive(id)) expire(id, "IOC remainder");
    }

    private void trade(int s) {
        SymbolFeed f = feeds[s];
        int r = tIdx[s]++;
        double px = f.tradePx()[r], tq = f.tradeQty()[r];
        last[s] = px;
        if (l2(s)) { tradeOnBook(s, r, px, tq); return; }
        if (f.bars() == 0 && f.quoteTs().length == 0) acct.mark[s] = px;
        int m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > now) continue;
            byte t = ord.type[id];
            int side = ord.side[id];
            if ((t == Orders.STOP_MARKET || t == Orders.STOP_LIMIT) && !ord.triggered[id]) {
                boolean hit = side > 0 ? px >= ord.stopPx[id] : px <= ord.stopPx[id];
                if (hit) {
                    ord.triggered[id] = true;
                    if (t == Orders.STOP_MARKET) {
                        double fillPx = f.quoteTs().length > 0 && Double.isFinite(bid[s]) ? (side > 0 ? ask[s] : bid[s]) : px;
                        executeFill(id, Double.NaN, fillPx, false, now, ord.stopPx[id]);
                    }
                }
            } else if (t == Orders.MARKET && f.quoteTs().length == 0) {
                takeFromBook(id, px, tq);
            } else if (t == Orders.LIMIT || (t == Orders.STOP_LIMIT && ord.triggered[id])) {
                double lp = ord.limitPx[id];
                boolean through = side > 0 ? px < lp : px > lp;
                boolean at = px == lp;
                if (through || (at && rng.nextDouble() < cfg.limitFillProbability())) {
                    double rem = ord.remaining(id);
                    executeFill(id, Math.min(rem, tq), lp, true, now, lp); // partial when the print is smaller
                }
            }
        }
        strategy.onTrade(this, s, r);
    }

    // ------------------------------------------------------------------ L2 book

    /** Whether symbol {@code s} is matched on its L2 book now (from its first snapshot to the stream's last row). */
    private boolean l2(int s) { return books[s] != null && bookLive[s] && now <= bookTo[s]; }

    /** Whether the L2 book of {@code s} is live over the whole of {@code [t0, t1]}. */
    private boolean bookCovers(int s, long t0, long t1) { return books[s] != null && bookFrom[s] <= t0 && bookTo[s] >= t1; }

    /** Applies every book row with the current time as one update, then matches orders against the new book. */
    private void bookEvent(int s) {
        BookFeed bf = feeds[s].book();
        OrderBook b = books[s];
        long[] st = bkStat[s];
        int c = bkChunk[s];
        long r = bkRow[s];
        boolean applied = false, resync = false;
        long skipped = 0;
        while (c < bf.chunks()) {
            if (r >= bf.rows(c)) { c++; r = 0; continue; }
            if (bf.ts(c, r) != now) break;
            if (bf.snapshotStart(c, r)) {
                resync |= st[B_SNAP] > 0;
                b.clear();
                st[B_SNAP]++;
                bookLive[s] = true;
            } else if (bf.gapStart(c, r) && bookLive[s]) {
                // the venue's update ids jump here: the book is unknown until the next snapshot
                bookLive[s] = false;
                st[B_GAPS]++;
                if (logOn) log.book(now, names[s], "gap", "update-id gap in the depth stream: the book is not used until the next snapshot");
            }
            if (!bookLive[s]) skipped++;
            else {
                b.set(bf.side(c, r), bf.price(c, r), bf.size(c, r));
                st[B_ROWS]++;
                applied = true;
            }
            r++;
        }
        while (c < bf.chunks() && r >= bf.rows(c)) { c++; r = 0; }
        bkChunk[s] = c;
        bkRow[s] = r;
        if (skipped > 0) {
            if (logOn && st[B_BEFORE] == 0) log.book(now, names[s], "no_snapshot", "book rows before the first snapshot are skipped (the book is unknown until then)");
            st[B_BEFORE] += skipped;
        }
        if (!applied) return;
        st[B_UPD]++;
        if (resync && logOn) log.book(now, names[s], "resync", "snapshot " + st[B_SNAP] + ": the book was rebuilt from a new snapshot");
        if (b.crossed()) {
            if (st[B_CROSSED]++ == 0) st[B_FIRST_CROSSED] = now;
            if (logOn && st[B_CROSSED] <= 10)
                log.book(now, names[s], "crossed", "best bid " + b.bestBid() + " >= best ask " + b.bestAsk() + " after the update");
        }
        refreshTop(s);
        SymbolFeed f = feeds[s];
        double mid = (bid[s] + ask[s]) / 2;
        if (f.bars() == 0 && Double.isFinite(mid)) {
            acct.mark[s] = mid;
            if (Double.isNaN(last[s])) last[s] = mid;
        }
        liquidateOnMid(s, mid);
        int m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > now) continue;
            byte t = ord.type[id];
            if (t == Orders.MARKET || (t == Orders.STOP_MARKET && ord.triggered[id])) {
                sweep(id, Double.NaN, false); // a GTC market remainder that waited for depth
            } else if (t == Orders.LIMIT || (t == Orders.STOP_LIMIT && ord.triggered[id])) {
                int side = ord.side[id];
                double lp = ord.limitPx[id];
                if (side > 0 ? ask[s] <= lp : bid[s] >= lp) {
                    sweep(id, lp, true); // the other side crossed our resting price: it trades with us
                } else {
                    double shown = b.sizeAt(side, lp);
                    double qa = ord.queueAhead[id];
                    ord.queueAhead[id] = Double.isNaN(qa) ? shown : Math.min(qa, shown);
                }
            }
        }
        strategy.onBook(this, s);
        if (f.bars() == 0) { sampleLabel = now; sampleEquity(now, false); }
    }

    private void refreshTop(int s) {
        OrderBook b = books[s];
        boolean hb = b.levels(1) > 0, ha = b.levels(-1) > 0;
        bid[s] = hb ? b.price(1, 0) : Double.NaN;
        bidSz[s] = hb ? b.size(1, 0) : Double.NaN;
        ask[s] = ha ? b.price(-1, 0) : Double.NaN;
        askSz[s] = ha ? b.size(-1, 0) : Double.NaN;
    }

    /** A trade print while the book is live: stops trigger on it; resting limits advance in their queue or fill. */
    private void tradeOnBook(int s, int r, double px, double tq) {
        SymbolFeed f = feeds[s];
        int aggressor = f.tradeSide()[r];
        if (f.bars() == 0 && !Double.isFinite(bid[s] + ask[s])) acct.mark[s] = px;
        int m = snapshot(s);
        for (int k = 0; k < m; k++) {
            int id = snap[k];
            if (ord.status[id] != Orders.OPEN || ord.activeNs[id] > now) continue;
            byte t = ord.type[id];
            int side = ord.side[id];
            if ((t == Orders.STOP_MARKET || t == Orders.STOP_LIMIT) && !ord.triggered[id]) {
                boolean hit = side > 0 ? px >= ord.stopPx[id] : px <= ord.stopPx[id];
                if (!hit) continue;
                ord.triggered[id] = true;
                if (t == Orders.STOP_MARKET) sweep(id, Double.NaN, false);
                else {
                    if (logOn) log.order(now, names[s], id, "triggered", side, "stop_limit", ord.qty[id], ord.limitPx[id], ord.stopPx[id],
                            Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), null);
                    restOrTake(s, id);
                }
            } else if (t == Orders.LIMIT || (t == Orders.STOP_LIMIT && ord.triggered[id])) {
                double lp = ord.limitPx[id];
                if (side > 0 ? px < lp : px > lp) {
                    // printed through our price: the whole level, us included, traded
                    fillFromPrint(s, id, Double.NaN, lp, px);
                } else if (px == lp && aggressor == -side) {
                    double qa = ord.queueAhead[id];
                    if (Double.isNaN(qa)) qa = books[s].sizeAt(side, lp);
                    qa -= tq;
                    if (qa < 0) {
                        ord.queueAhead[id] = 0;
                        fillFromPrint(s, id, -qa, lp, px);
                    } else ord.queueAhead[id] = qa;
                }
            }
        }
        strategy.onTrade(this, s, r);
    }

    private void fillFromPrint(int s, int id, double qty, double lp, double printPx) {
        bkStat[s][B_QUEUE_FILLS]++;
        if (logOn) fillDetail = Double.isNaN(qty) ? "print at " + printPx + " through the limit" : "print at the limit after the queue ahead was consumed";
        executeFill(id, qty, lp, true, now, lp);
        fillDetail = null;
    }

    /** An order reaching the venue while the book is live. */
    private void arriveOnBook(int s, int id) {
        byte t = ord.type[id];
        if (t == Orders.MARKET) sweep(id, Double.NaN, false);
        else if (t == Orders.LIMIT) restOrTake(s, id);
        // stops wait for a print through their stop price
    }

    /** A limit (or triggered stop-limit) at the venue: marketable → walk the book; else IOC/FOK expire, GTC rests in the queue. */
    private void restOrTake(int s, int id) {
        int side = ord.side[id];
        double lp = ord.limitPx[id];
        boolean marketable = side > 0 ? ask[s] <= lp : bid[s] >= lp;
        if (marketable) sweep(id, lp, false);
        else if (ord.tif[id] != Orders.GTC) {
            if (ord.tif[id] == Orders.FOK) bkStat[s][B_FOK]++;
            expire(id, Orders.tifName(ord.tif[id]) + " limit not marketable on the book");
        } else ord.queueAhead[id] = books[s].sizeAt(side, lp);
    }

    /**
     * Walks the opposite side of the book for order {@code id}, level by level from the best price, within
     * {@code limit} (NaN: none), and fills {@code min(needed, depth)} in one fill: taker at the VWAP of the
     * levels consumed ({@code resting = false}) or maker at {@code limit} (a resting order the other side
     * crossed). FOK expires when the depth is short; IOC's remainder expires; a GTC limit's remainder rests.
     * The quantity filled is removed from the local book.
     */
    private void sweep(int id, double limit, boolean resting) {
        int s = ord.sym[id];
        int side = ord.side[id], opp = -side;
        OrderBook b = books[s];
        int levels = b.levels(opp);
        if (levels == 0) {
            if (ord.tif[id] == Orders.FOK) { bkStat[s][B_FOK]++; expire(id, "FOK: the book has no " + (side > 0 ? "asks" : "bids")); }
            else if (ord.tif[id] == Orders.IOC) expire(id, "IOC: the book has no " + (side > 0 ? "asks" : "bids"));
            return;
        }
        double best = b.price(opp, 0);
        if (Double.isNaN(ord.qty[id])) {
            // sized at the fill: margin fraction of equity × leverage at the best price (DESIGN.md §6 sizing)
            double eqv = acct.equity();
            if (!(eqv > 0)) { cancelNow(id, "no equity left to size the order"); return; }
            ord.qty[id] = Math.min(ord.sizeFraction[id], sizing.maxPositionPct()) * eqv * leverage / best;
        }
        double need = ord.remaining(id);
        if (ord.reduceOnly[id]) {
            if (!reduces(s, side)) { cancelNow(id, "reduce-only: nothing to reduce"); return; }
            need = Math.min(need, Math.abs(acct.qty[s]));
        }
        double got = 0, cost = 0;
        int k = 0;
        for (; k < levels && got < need; k++) {
            double p = b.price(opp, k);
            if (!Double.isNaN(limit) && (side > 0 ? p > limit : p < limit)) break;
            double take = Math.min(b.size(opp, k), need - got);
            got += take;
            cost += take * p;
        }
        if (ord.tif[id] == Orders.FOK && got < need * (1 - 1e-12)) {
            bkStat[s][B_FOK]++;
            expire(id, "FOK: book depth " + got + " within the limit is less than " + need);
            return;
        }
        if (got > 0) {
            double px = resting ? limit : cost / got;
            if (logOn) fillDetail = levelsText(b, opp, k, need);
            double before = ord.filled[id];
            executeFill(id, got, px, resting, now, resting ? limit : best);
            fillDetail = null;
            double left = ord.filled[id] - before;
            while (left > 0 && b.levels(opp) > 0) {
                double take = Math.min(b.size(opp, 0), left);
                b.consume(opp, 0, take);
                left -= take;
            }
            refreshTop(s);
            bkStat[s][B_FILLS]++;
            bkStat[s][B_LEVELS] += k;
        }
        if (!ord.isLive(id)) return;
        if (ord.tif[id] == Orders.IOC) expire(id, "IOC remainder: book depth within the limit exhausted");
        else if (ord.type[id] != Orders.MARKET && ord.type[id] != Orders.STOP_MARKET && !Double.isNaN(limit))
            ord.queueAhead[id] = b.sizeAt(side, limit);
    }

    /** "book: N levels p×q p×q … (need Q)" for the event log (first 20 levels). */
    private static String levelsText(OrderBook b, int opp, int n, double need) {
        StringBuilder t = new StringBuilder("book: ").append(n).append(n == 1 ? " level" : " levels");
        double left = need;
        for (int k = 0; k < n && k < 20; k++) {
            double take = Math.min(b.size(opp, k), left);
            left -= take;
            t.append(' ').append(b.price(opp, k)).append('x').append(take);
        }
        if (n > 20) t.append(" …");
        return t.toString();
    }

    // ------------------------------------------------------------------ orders

    @Override
    public int submit(OrderRequest r) {
        int s = r.sym;
        if (s < 0 || s >= nSym) throw new IllegalArgumentException("order for unknown symbol index " + s);
        if (r.side != 1 && r.side != -1) throw new IllegalArgumentException("order side must be buy or sell");
        int id = ord.add();
        ord.sym[id] = s;
        ord.side[id] = (byte) r.side;
        ord.type[id] = r.type;
        ord.tif[id] = r.tif;
        ord.reason[id] = r.reason;
        ord.reduceOnly[id] = r.reduceOnly;
        ord.postOnly[id] = r.postOnly;
        ord.qty[id] = r.qty;
        ord.limitPx[id] = r.limitPx;
        ord.stopPx[id] = r.stopPx;
        ord.sizeFraction[id] = r.marginFraction;
        ord.attachStopDist[id] = r.stopDist;
        ord.attachTakeDist[id] = r.takeDist;
        ord.attachStopPct[id] = r.stopPct;
        ord.attachTakePct[id] = r.takePct;
        ord.attachRiskReward[id] = r.riskReward;
        ord.sentNs[id] = now;
        ord.arriveNs[id] = now + latency;
        ord.activeNs[id] = now + latency;
        String typeName = Orders.typeName(r.type);
        if ((r.type == Orders.LIMIT || r.type == Orders.STOP_LIMIT) && !(r.limitPx > 0))
            return reject(id, "limit price missing or not positive");
        if ((r.type == Orders.STOP_MARKET || r.type == Orders.STOP_LIMIT) && !(r.stopPx > 0))
            return reject(id, "stop price missing or not positive");
        if (!r.reduceOnly) {
            // sizing (when the strategy gave no quantity) and risk checks happen before the order leaves
            if (Double.isNaN(r.qty) && Double.isNaN(r.marginFraction)) sizeAtSubmit(id, s);
            double notional = Double.isNaN(ord.qty[id]) ? ord.sizeFraction[id] * acct.equity() * leverage : ord.qty[id] * last[s];
            double mult = risk.check(this, id, s, notional);
            if (!(mult > 0)) return reject(id, "risk");
            if (mult < 1) {
                if (Double.isNaN(ord.qty[id])) ord.sizeFraction[id] *= mult;
                else ord.qty[id] *= mult;
            }
        }
        if (!Double.isNaN(ord.qty[id]) && !(ord.qty[id] > 0)) return reject(id, "quantity must be > 0");
        if (logOn) log.order(now, names[s], id, "submit", r.side, typeName, ord.qty[id], r.limitPx, r.stopPx,
                Orders.tifName(r.tif), r.reduceOnly, Orders.reasonName(r.reason), null);
        heapPush(ord.arriveNs[id], K_NEW, id, 0, 0, 0);
        return id;
    }

    private void sizeAtSubmit(int id, int s) {
        double px = last[s];
        double eqv = acct.equity();
        double stopDist = ord.attachStopDist[id];
        if (Double.isNaN(stopDist) && !Double.isNaN(ord.attachStopPct[id])) stopDist = px * ord.attachStopPct[id];
        double q;
        String rule;
        switch (sizing.method()) {
            case FIXED_FRACTIONAL -> {
                if (Double.isFinite(stopDist) && stopDist > 0) { q = sizing.riskFraction() * eqv / stopDist; rule = "sizing.fixed_fractional"; }
                else { ord.sizeFraction[id] = sizing.fraction(); rule = "sizing.fixed_fractional.no_stop_fallback_margin"; q = Double.NaN; }
            }
            case ATR -> {
                double a = atr[s];
                if (Double.isFinite(a) && a > 0) { q = sizing.riskFraction() * eqv / (sizing.atrMultiple() * a); rule = "sizing.atr"; }
                else { ord.sizeFraction[id] = sizing.fraction(); rule = "sizing.atr.warmup_fallback_margin"; q = Double.NaN; }
            }
            case KELLY -> {
                ord.sizeFraction[id] = kellyFraction();
                rule = "sizing.kelly";
                q = Double.NaN;
            }
            default -> {
                ord.sizeFraction[id] = sizing.fraction();
                rule = "sizing.margin_fraction";
                q = Double.NaN;
            }
        }
        if (!Double.isNaN(q)) {
            double capped = capQty(q, px, eqv);
            if (capped < q && logOn) log.risk(now, names[s], id, "sizing.cap", "resize", q, capped, "max_position/max_leverage");
            q = capped;
        }
        ord.qty[id] = q;
        if (logOn && !rule.equals("sizing.margin_fraction")) log.risk(now, names[s], id, rule, "size", Double.NaN, q, null);
    }

    private double capQty(double q, double px, double eqv) {
        double maxLev = Double.isNaN(sizing.maxLeverage()) ? leverage : Math.min(sizing.maxLeverage(), leverage);
        double capNotional = Math.min(sizing.maxPositionPct() * eqv * leverage, maxLev * eqv);
        return Math.min(q, Math.max(0, capNotional / px));
    }

    /** Fractional Kelly from this run's closed trades (returns on margin); warm-up uses the sizing fraction. */
    private double kellyFraction() {
        int n = trades.size, wins = 0, losses = 0;
        double sw = 0, sl = 0;
        for (int t = 0; t < n; t++) {
            if (trades.openTrade(trades.sym[t]) == t) continue;
            double m = trades.margin[t];
            if (!(m > 0)) continue;
            double r = trades.net[t] / m;
            if (r > 0) { wins++; sw += r; } else if (r < 0) { losses++; sl -= r; }
        }
        if (wins + losses < sizing.kellyMinTrades() || wins == 0 || losses == 0) return sizing.fraction();
        double p = (double) wins / (wins + losses);
        double b = (sw / wins) / (sl / losses);
        double f = sizing.kellyMultiplier() * Math.max(0, p - (1 - p) / b);
        return Math.min(f, sizing.maxPositionPct());
    }

    private int reject(int id, String why) {
        ord.status[id] = Orders.REJECTED;
        if (logOn) log.order(now, names[ord.sym[id]], id, "reject", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), why);
        return -1;
    }

    private void expire(int id, String why) {
        ord.status[id] = Orders.EXPIRED;
        removeActive(ord.sym[id], id);
        if (logOn) log.order(now, names[ord.sym[id]], id, "expire", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), why);
    }

    private void cancelNow(int id, String why) {
        if (!ord.isLive(id)) return;
        ord.status[id] = Orders.CANCELED;
        int s = ord.sym[id];
        removeActive(s, id);
        if (protStop[s] == id) protStop[s] = -1;
        if (protTake[s] == id) protTake[s] = -1;
        if (logOn) log.order(now, names[s], id, "cancel", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), why);
    }

    private void onArrival(int kind, int id, double a, double b, double c) {
        if (kind == K_CANCEL) { cancelNow(id, "requested"); return; }
        if (kind == K_MODIFY) {
            if (!ord.isLive(id)) return;
            if (!Double.isNaN(a)) ord.qty[id] = a;
            if (!Double.isNaN(b) && b != ord.limitPx[id] && ord.status[id] == Orders.OPEN && l2(ord.sym[id]))
                ord.queueAhead[id] = books[ord.sym[id]].sizeAt(ord.side[id], b); // a new price loses the queue place
            if (!Double.isNaN(b)) ord.limitPx[id] = b;
            if (!Double.isNaN(c)) ord.stopPx[id] = c;
            if (logOn) log.order(now, names[ord.sym[id]], id, "modify", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                    ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), null);
            return;
        }
        if (ord.status[id] != Orders.SENT) return;
        int s = ord.sym[id];
        SymbolFeed f = feeds[s];
        if (ord.reduceOnly[id] && !reduces(s, ord.side[id])) { expireSent(id, "reduce-only order would not reduce the position"); return; }
        // post-only: reject when it would take liquidity at arrival
        if (ord.type[id] == Orders.LIMIT && ord.postOnly[id]) {
            double ref = ord.side[id] > 0 ? (Double.isFinite(ask[s]) ? ask[s] : last[s]) : (Double.isFinite(bid[s]) ? bid[s] : last[s]);
            if (Double.isFinite(ref) && (ord.side[id] > 0 ? ord.limitPx[id] >= ref : ord.limitPx[id] <= ref)) {
                expireSent(id, "post-only order would take liquidity");
                return;
            }
        }
        ord.status[id] = Orders.OPEN;
        addActive(s, id);
        if (logOn) log.order(now, names[s], id, "accept", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), null);
        if (l2(s)) { arriveOnBook(s, id); return; }
        boolean hasBook = f.quoteTs().length > 0 && Double.isFinite(bid[s]);
        if (ord.type[id] == Orders.MARKET) {
            if (hasBook) {
                takeFromBook(id, ord.side[id] > 0 ? ask[s] : bid[s], ord.side[id] > 0 ? askSz[s] : bidSz[s]);
            } else if (f.bars() > 0 && inBar[s]) {
                // arrived inside a bar (latency): best estimate of the price then is the bar's open
                int i = barIdx[s];
                double o = f.open()[i];
                executeFill(id, Double.NaN, slipped(s, ord.side[id], o, ord.qty[id], true), false, now, o);
            }
            // otherwise it waits for the next bar open (bars) or the next quote/trade (ticks)
        } else if (ord.type[id] == Orders.LIMIT && hasBook) {
            boolean marketable = ord.side[id] > 0 ? ord.limitPx[id] >= ask[s] : ord.limitPx[id] <= bid[s];
            if (marketable) takeFromBook(id, ord.side[id] > 0 ? ask[s] : bid[s], ord.side[id] > 0 ? askSz[s] : bidSz[s]);
            else if (ord.tif[id] != Orders.GTC) expire(id, "IOC/FOK limit not marketable");
        }
    }

    private void expireSent(int id, String why) {
        ord.status[id] = Orders.EXPIRED;
        if (logOn) log.order(now, names[ord.sym[id]], id, "reject", ord.side[id], Orders.typeName(ord.type[id]), ord.qty[id],
                ord.limitPx[id], ord.stopPx[id], Orders.tifName(ord.tif[id]), ord.reduceOnly[id], Orders.reasonName(ord.reason[id]), why);
    }

    private boolean reduces(int s, int side) {
        double q = acct.qty[s];
        return q != 0 && Math.signum(q) != side;
    }

    /**
     * Fills order {@code id}: {@code qty} (NaN = everything left, sized now if needed) at {@code px}.
     *
     * @param refPx price without slippage, for the slippage cost
     */
    private void executeFill(int id, double qty, double px, boolean isMaker, long ts, double refPx) {
        int s = ord.sym[id];
        int side = ord.side[id];
        double marginUsed = Double.NaN;
        if (Double.isNaN(ord.qty[id])) {
            // size at the fill: margin M = fraction × equity (= wallet when flat); notional = M × leverage;
            // qty = notional / price (DESIGN.md §6)
            double eqv = acct.equity();
            if (!(eqv > 0)) { cancelNow(id, "no equity left to size the order"); return; }
            marginUsed = Math.min(ord.sizeFraction[id], sizing.maxPositionPct()) * eqv;
            double notional = marginUsed * leverage;
            ord.qty[id] = notional / px;
        }
        double rem = ord.qty[id] - ord.filled[id];
        double q = Double.isNaN(qty) ? rem : Math.min(qty, rem);
        if (ord.reduceOnly[id]) {
            if (!reduces(s, side)) { cancelNow(id, "reduce-only: nothing to reduce"); return; }
            q = Math.min(q, Math.abs(acct.qty[s]));
        }
        if (!(q > 0) || !Double.isFinite(px) || !(px > 0)) {
            if (!(q > 0)) cancelNow(id, "nothing left to fill");
            return;
        }
        double posBefore = acct.qty[s];
        double feeRate = isMaker ? maker[s] : taker[s];
        if (!screening && !ord.reduceOnly[id]) {
            // Binance accepts an order only if its initial margin plus the opening fee fits the available
            // balance (margin balance minus margin already used); the screening rules do not model this
            double closingPart = posBefore != 0 && Math.signum(posBefore) != side ? Math.min(q, Math.abs(posBefore)) : 0;
            double openPart = q - closingPart;
            if (openPart > 0) {
                double used = 0;
                for (int o = 0; o < nSym; o++) used += acct.isoMargin[o];
                // Binance: isolated positions' unrealized PnL stays in their own isolated wallets, so it
                // never funds a new position; in cross mode the margin balance (wallet + uPnL) does
                double avail = (acct.mode == MarginMode.ISOLATED ? acct.wallet : acct.equity()) - used;
                double perUnit = px / leverage + px * feeRate;
                double fit = Math.max(0, avail / perUnit);
                if (openPart > fit) {
                    if (logOn) log.risk(ts, names[s], id, "venue.insufficient_margin", fit > 0 ? "resize" : "reject", q, closingPart + fit,
                            "initial margin + fee exceed the available balance " + avail);
                    if (fit <= 0 && closingPart == 0) { cancelNow(id, "insufficient margin"); return; }
                    q = closingPart + fit;
                    ord.qty[id] = ord.filled[id] + q;
                    if (!Double.isNaN(marginUsed)) marginUsed = fit * px / leverage;
                    openPart = fit;
                }
                // Binance's maximum position at the current leverage (leverage-bracket cap, error −2027): the
                // position after the fill may not exceed it; the opening part is cut to what still fits
                double held = closingPart > 0 ? 0 : Math.abs(posBefore);
                double room = Math.max(0, maxNotional[s] / px - held);
                if (openPart > room) {
                    if (logOn) log.risk(ts, names[s], id, "venue.max_position_at_leverage", room > 0 ? "resize" : "reject", q,
                            closingPart + room, "position notional would exceed " + maxNotional[s] + " USDT, Binance's maximum at "
                                    + leverage + "x");
                    if (room <= 0 && closingPart == 0) { cancelNow(id, "maximum position at leverage"); return; }
                    if (!Double.isNaN(marginUsed)) marginUsed = room * px / leverage;
                    q = closingPart + room;
                    ord.qty[id] = ord.filled[id] + q;
                }
            }
        }
        double slip = Math.abs(px - refPx) * q;
        slippagePaid += slip;
        double closing = posBefore != 0 && Math.signum(posBefore) != side ? Math.min(q, Math.abs(posBefore)) : 0;
        double opening = q - closing;
        double realized = acct.fill(s, side * q, px, feeRate, closingMarginOverride(posBefore, side, q, marginUsed));
        liqDirty[s] = true;
        double fee = q * px * feeRate;
        if (closing > 0) {
            double feeC = fee * closing / q;
            boolean flat = acct.qty[s] == 0 || opening > 0;
            trades.onReduce(s, ts, closing, px, feeC, slip * closing / q, realized, flat, ord.reason[id]);
        }
        if (opening > 0) {
            boolean fromFlat = closing > 0 || posBefore == 0;
            trades.onOpen(s, side, ts, opening, px, fee * opening / q, slip * opening / q, opening * px / leverage);
            if (fromFlat) liqActiveNs[s] = ts; // liquidation is live from the fill (entry bar included)
        }
        ord.filled[id] += q;
        ord.avgFillPx[id] = Double.isNaN(ord.avgFillPx[id]) ? px : (ord.avgFillPx[id] * (ord.filled[id] - q) + px * q) / ord.filled[id];
        if (logOn) {
            if (fillDetail == null) log.fill(ts, names[s], id, side, q, px, fee, isMaker, slip, Orders.reasonName(ord.reason[id]));
            else log.fill(ts, names[s], id, side, q, px, fee, isMaker, slip, Orders.reasonName(ord.reason[id]), fillDetail);
        }
        boolean done = ord.qty[id] - ord.filled[id] <= EPS * ord.qty[id];
        if (done) {
            ord.status[id] = Orders.FILLED;
            removeActive(s, id);
            if (protStop[s] == id) protStop[s] = -1;
            if (protTake[s] == id) protTake[s] = -1;
            int peer = ord.oco[id];
            if (peer >= 0 && ord.isLive(peer)) cancelNow(peer, "OCO peer filled");
        }
        if (acct.qty[s] == 0 && posBefore != 0) {
            // flat: the position's protective orders go too
            for (int k = actN[s] - 1; k >= 0; k--) {
                int o = act[s][k];
                if (ord.reduceOnly[o]) cancelNow(o, "position closed");
            }
        }
        if (opening > 0 && (!Double.isNaN(ord.attachStopDist[id]) || !Double.isNaN(ord.attachStopPct[id])
                || !Double.isNaN(ord.attachTakeDist[id]) || !Double.isNaN(ord.attachTakePct[id]))) {
            attachBracket(id, s, side, px, ts);
        }
        strategy.onFill(this, id, q, px);
    }

    /** The isolated margin to book for a fill sized at the fill from a flat position (exactly M), else NaN. */
    private static double closingMarginOverride(double posBefore, int side, double q, double marginUsed) {
        return posBefore == 0 && !Double.isNaN(marginUsed) ? marginUsed : Double.NaN;
    }

    /** First bar open strictly after {@code ts} (screening: protection live from the bar after the fill bar). */
    private long nextBarOpen(int s, long ts) {
        SymbolFeed f = feeds[s];
        if (f.bars() == 0) return ts;
        int i = barIdx[s];
        long[] bt = f.barTs();
        if (i < f.bars() && bt[i] <= ts) return bt[i] + f.intervalNanos();
        return ts + 1;
    }

    private void attachBracket(int parent, int s, int side, double fillPx, long ts) {
        double stopDist = ord.attachStopDist[parent];
        if (Double.isNaN(stopDist) && !Double.isNaN(ord.attachStopPct[parent])) stopDist = fillPx * ord.attachStopPct[parent];
        double takeDist = ord.attachTakeDist[parent];
        if (Double.isNaN(takeDist) && !Double.isNaN(ord.attachTakePct[parent])) takeDist = fillPx * ord.attachTakePct[parent];
        if (Double.isNaN(takeDist) && !Double.isNaN(ord.attachRiskReward[parent]) && !Double.isNaN(stopDist))
            takeDist = ord.attachRiskReward[parent] * stopDist;
        long active = screening ? nextBarOpen(s, ts) : ts;
        double q = Math.abs(acct.qty[s]);
        // one bracket per position: replace the previous protective orders
        if (protStop[s] >= 0) cancelNow(protStop[s], "replaced by new bracket");
        if (protTake[s] >= 0) cancelNow(protTake[s], "replaced by new bracket");
        int sl = -1, tp = -1;
        if (!Double.isNaN(stopDist)) {
            sl = ord.add();
            ord.sym[sl] = s;
            ord.side[sl] = (byte) -side;
            ord.type[sl] = Orders.STOP_MARKET;
            ord.stopPx[sl] = fillPx - side * stopDist;
            ord.reason[sl] = Orders.R_STOP_LOSS;
            trades.setInitialRisk(s, q * stopDist);
        }
        if (!Double.isNaN(takeDist)) {
            tp = ord.add();
            ord.sym[tp] = s;
            ord.side[tp] = (byte) -side;
            ord.type[tp] = Orders.LIMIT;
            ord.limitPx[tp] = fillPx + side * takeDist;
            ord.reason[tp] = Orders.R_TAKE_PROFIT;
        }
        if (sl >= 0) armProtective(sl, s, q, parent, ts, active);
        if (tp >= 0) armProtective(tp, s, q, parent, ts, active);
        if (sl >= 0 && tp >= 0) {
            ord.oco[sl] = tp;
            ord.oco[tp] = sl;
        }
        protStop[s] = sl;
        protTake[s] = tp;
    }

    private void armProtective(int o, int s, double q, int parent, long ts, long active) {
        {
            ord.qty[o] = q;
            ord.reduceOnly[o] = true;
            ord.parent[o] = parent;
            ord.sentNs[o] = ts;
            ord.arriveNs[o] = ts;
            ord.activeNs[o] = active;
            ord.status[o] = Orders.OPEN;
            addActive(s, o);
            if (logOn) log.order(ts, names[s], o, "attach", ord.side[o], Orders.typeName(ord.type[o]), q, ord.limitPx[o],
                    ord.stopPx[o], "GTC", true, Orders.reasonName(ord.reason[o]), "OCO bracket of order " + parent);
        }
    }

    private void liquidate(int s, double lp, long ts) {
        double q = acct.qty[s];
        for (int k = actN[s] - 1; k >= 0; k--) cancelNow(act[s][k], "liquidation");
        acct.liquidate(s, lp, clearance[s], tmp2);
        liqDirty[s] = true;
        liquidations++;
        double realized = tmp2[0], fee = tmp2[1];
        trades.onReduce(s, ts, Math.abs(q), lp, fee, 0, realized, true, Orders.R_LIQUIDATION);
        if (logOn) log.liquidation(ts, names[s], q, lp, realized, fee);
    }

    private int[] snap = new int[16];

    /** Copies symbol {@code s}'s live order ids (ascending) into {@link #snap}; returns how many. */
    private int snapshot(int s) {
        int n = actN[s];
        if (snap.length < n) snap = new int[Math.max(n, snap.length * 2)];
        System.arraycopy(act[s], 0, snap, 0, n);
        return n;
    }

    /**
     * Cached Binance liquidation price of symbol {@code s}: recomputed after fills, funding and liquidations
     * of that symbol (isolated), or at every use in cross mode (it depends on the other positions' marks).
     */
    private double liqPrice(int s) {
        if (liqDirty[s] || acct.mode == MarginMode.CROSS) {
            liqCache[s] = acct.liquidationPrice(s);
            liqDirty[s] = false;
        }
        return liqCache[s];
    }

    private void addActive(int s, int id) {
        int n = actN[s];
        if (n == act[s].length) act[s] = Arrays.copyOf(act[s], n * 2);
        // keep ids ascending (deterministic iteration); new ids are the largest
        int k = n;
        while (k > 0 && act[s][k - 1] > id) { act[s][k] = act[s][k - 1]; k--; }
        act[s][k] = id;
        actN[s] = n + 1;
    }

    private void removeActive(int s, int id) {
        int n = actN[s];
        int[] a = act[s];
        for (int k = 0; k < n; k++) {
            if (a[k] == id) {
                System.arraycopy(a, k + 1, a, k, n - k - 1);
                actN[s] = n - 1;
                return;
            }
        }
    }

    // ------------------------------------------------------------------ equity

    /**
     * Equity samples: one per distinct bar close (several symbols closing together share one), at most one
     * per second on tick feeds, and a final one after the end-of-data closes ({@code force}). Each sample
     * carries a label: the bar's open time for bar closes (DESIGN.md §3: bars are labelled by their open),
     * the event time otherwise; daily returns and drawdown durations use the labels.
     */
    private void sampleEquity(long ts, boolean force) {
        double e = acct.equity();
        if (!force && eqN > 0 && eqTs[eqN - 1] == ts) { eq[eqN - 1] = e; return; }
        if (!force && feeds[0].bars() == 0 && eqN > 0 && ts / 1_000_000_000L == eqTs[eqN - 1] / 1_000_000_000L) {
            eq[eqN - 1] = e;
            eqTs[eqN - 1] = ts;
            eqLabel[eqN - 1] = sampleLabel;
            return;
        }
        if (eqN == eqTs.length) {
            eqTs = Arrays.copyOf(eqTs, eqN * 2);
            eqLabel = Arrays.copyOf(eqLabel, eqN * 2);
            eq = Arrays.copyOf(eq, eqN * 2);
        }
        eqTs[eqN] = ts;
        eqLabel[eqN] = sampleLabel;
        eq[eqN] = e;
        eqN++;
    }

    private long lastLabel() { return eqN > 0 ? eqLabel[eqN - 1] : now; }

    // ------------------------------------------------------------------ heap of dynamic events

    private void heapPush(long ts, int kind, int id, double a, double b, double c) {
        if (hSize == hTs.length) {
            int n = hSize * 2;
            hTs = Arrays.copyOf(hTs, n);
            hKind = Arrays.copyOf(hKind, n);
            hId = Arrays.copyOf(hId, n);
            hSeq = Arrays.copyOf(hSeq, n);
            hA = Arrays.copyOf(hA, n);
            hB = Arrays.copyOf(hB, n);
            hC = Arrays.copyOf(hC, n);
        }
        int i = hSize++;
        hTs[i] = ts; hKind[i] = kind; hId[i] = id; hSeq[i] = seq++; hA[i] = a; hB[i] = b; hC[i] = c;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (!less(i, p)) break;
            swap(i, p);
            i = p;
        }
    }

    private boolean less(int i, int j) {
        if (hTs[i] != hTs[j]) return hTs[i] < hTs[j];
        int ci = hKind[i] == K_TIMER ? CLS_TIMER : CLS_ORDER, cj = hKind[j] == K_TIMER ? CLS_TIMER : CLS_ORDER;
        if (ci != cj) return ci < cj;
        return hSeq[i] < hSeq[j];
    }

    private void swap(int i, int j) {
        long t = hTs[i]; hTs[i] = hTs[j]; hTs[j] = t;
        int k = hKind[i]; hKind[i] = hKind[j]; hKind[j] = k;
        k = hId[i]; hId[i] = hId[j]; hId[j] = k;
        t = hSeq[i]; hSeq[i] = hSeq[j]; hSeq[j] = t;
        double d = hA[i]; hA[i] = hA[j]; hA[j] = d;
        d = hB[i]; hB[i] = hB[j]; hB[j] = d;
        d = hC[i]; hC[i] = hC[j]; hC[j] = d;
    }

    private void heapPop() {
        int last = --hSize;
        if (last > 0) {
            swap(0, last);
            int i = 0;
            while (true) {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < hSize && less(l, m)) m = l;
                if (r < hSize && less(r, m)) m = r;
                if (m == i) break;
                swap(i, m);
                i = m;
            }
        }
    }

    // ------------------------------------------------------------------ SimContext

    @Override public long now() { return now; }
    @Override public int symbols() { return nSym; }
    @Override public String symbolName(int s) { return names[s]; }
    @Override public SymbolFeed feed(int s) { return feeds[s]; }
    @Override public Fidelity fidelity() { return cfg.fidelity(); }
    @Override public double position(int s) { return acct.qty[s]; }
    @Override public double entryPrice(int s) { return acct.entry[s]; }
    @Override public double equity() { return acct.equity(); }
    @Override public double wallet() { return acct.wallet; }
    @Override public double liquidationPrice(int s) { return acct.liquidationPrice(s); }
    @Override public double atr(int s) { return atrN[s] >= 14 ? atr[s] : Double.NaN; }
    @Override public double lastPrice(int s) { return last[s]; }
    @Override public OrderRequest order() { return req.reset(); }
    @Override public Orders orders() { return ord; }
    @Override public int protectiveStop(int s) { return protStop[s]; }
    @Override public int protectiveTake(int s) { return protTake[s]; }
    @Override public BookView book(int s) { return books[s] != null && bookLive[s] ? books[s] : null; }

    @Override public void cancel(int id) {
        if (id < 0 || !ord.isLive(id)) return;
        if (latency == 0) cancelNow(id, "requested");
        else heapPush(now + latency, K_CANCEL, id, 0, 0, 0);
    }

    @Override public void modify(int id, double qty, double limitPx, double stopPx) {
        if (id < 0 || !ord.isLive(id)) return;
        if (latency == 0) onArrival(K_MODIFY, id, qty, limitPx, stopPx);
        else heapPush(now + latency, K_MODIFY, id, qty, limitPx, stopPx);
    }

    @Override public void timer(long atNanos, int tag) { heapPush(Math.max(atNanos, now), K_TIMER, tag, 0, 0, 0); }

    @Override public void logSignal(int s, String kind, int bar) {
        if (logOn) log.signal(now, names[s], kind, bar);
    }

    // ------------------------------------------------------------------ results

    public Account account() { return acct; }
    public TradeBook trades() { return trades; }
    public int equityPoints() { return eqN; }
    public long[] equityTs() { return Arrays.copyOf(eqTs, eqN); }
    /** Label of each equity sample: the bar open time for bar closes (see {@link #sampleEquity}). */
    public long[] equityLabels() { return Arrays.copyOf(eqLabel, eqN); }
    public double[] equityCurve() { return Arrays.copyOf(eq, eqN); }
    public long liquidations() { return liquidations; }
    public double slippagePaid() { return slippagePaid; }
    public long barsInPosition() { long n = 0; for (long b : barsInPosition) n += b; return n; }
    public long barsSeen() { long n = 0; for (long b : barsSeen) n += b; return n; }
    public SimConfig config() { return cfg; }
    public String[] symbolNames() { return names.clone(); }
    public EventLog eventLog() { return log; }

    /** What symbol {@code s}'s L2 book stream did in this run (all zero when the feed has none). */
    public BookStats bookStats(int s) {
        long[] b = bkStat[s];
        return new BookStats(b[B_ROWS], b[B_UPD], b[B_SNAP], b[B_BEFORE], b[B_GAPS], b[B_CROSSED], b[B_FIRST_CROSSED], b[B_FILLS], b[B_LEVELS],
                b[B_QUEUE_FILLS], b[B_FOK]);
    }
    MarginMode marginMode() { return acct.mode; }
    int symbolCount() { return nSym; }
}
