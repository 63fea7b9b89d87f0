package vq.sim.market;

import java.util.Arrays;
import java.util.Objects;

/**
 * Market data of one symbol for a simulation run, as plain on-heap primitive columns.
 *
 * <p>Shapes and units (any of the optional streams may be empty, but a feed needs bars or quotes):
 * <ul>
 *   <li>bars: {@code barTs[i]} open time (epoch ns UTC, strictly increasing, gaps allowed); bar {@code i}
 *       closes at {@code barTs[i] + intervalNanos}; OHLC in USDT; {@code volume} in base units (NaN
 *       allowed when unknown, then the realistic slippage's ADV term is disabled).</li>
 *   <li>mark bars (optional, same length as bars or empty): mark-price OHLC at the same open times; NaN
 *       where the catalog has no mark bar. Used for funding prices (open) and realistic liquidation
 *       (high/low).</li>
 *   <li>funding (optional): event times (epoch ns, strictly increasing, Binance jitter kept) and rates
 *       (fraction per event, positive: longs pay).</li>
 *   <li>quotes (optional): L1 best bid/ask with sizes (base units), ts non-decreasing.</li>
 *   <li>trades (optional): prints with qty (base units) and aggressor side (+1 buyer, −1 seller).</li>
 *   <li>book (optional, {@link BookFeed#EMPTY} when absent): L2 level changes read in place from the catalog
 *       (snapshots and diffs, absolute size per level, 0 removes it).</li>
 * </ul>
 *
 * @throws IllegalArgumentException naming the symbol, stream and row on length mismatch, non-monotone
 *                                  time, or non-finite/non-positive prices
 */
public record SymbolFeed(String symbol, long intervalNanos,
                         long[] barTs, double[] open, double[] high, double[] low, double[] close, double[] volume,
                         double[] markOpen, double[] markHigh, double[] markLow, double[] markClose,
                         long[] fundingTs, double[] fundingRate,
                         long[] quoteTs, double[] bidPx, double[] bidSz, double[] askPx, double[] askSz,
                         long[] tradeTs, double[] tradePx, double[] tradeQty, byte[] tradeSide, BookFeed book) {

    private static final long[] NO_L = new long[0];
    private static final double[] NO_D = new double[0];
    private static final byte[] NO_B = new byte[0];

    public SymbolFeed {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(book, "book (use BookFeed.EMPTY)");
        int n = barTs.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n)
            throw new IllegalArgumentException(symbol + ": bar columns differ in length");
        if (n > 0 && intervalNanos <= 0) throw new IllegalArgumentException(symbol + ": bar interval must be positive");
        for (int i = 0; i < n; i++) {
            if (i > 0 && barTs[i] <= barTs[i - 1])
                throw new IllegalArgumentException(symbol + ": bars row " + i + ": open time " + barTs[i] + " not after previous " + barTs[i - 1]);
            double o = open[i], h = high[i], l = low[i], c = close[i];
            if (!(o > 0 && h > 0 && l > 0 && c > 0) || !Double.isFinite(o + h + l + c))
                throw new IllegalArgumentException(symbol + ": bars row " + i + ": non-finite or non-positive price");
            if (l > Math.min(o, c) || h < Math.max(o, c))
                throw new IllegalArgumentException(symbol + ": bars row " + i + ": violates low <= open,close <= high");
        }
        int m = markOpen.length;
        if (m != 0 && m != n) throw new IllegalArgumentException(symbol + ": mark bars must be empty or aligned with bars (" + m + " vs " + n + ")");
        if (markHigh.length != m || markLow.length != m || markClose.length != m)
            throw new IllegalArgumentException(symbol + ": mark bar columns differ in length");
        if (fundingTs.length != fundingRate.length) throw new IllegalArgumentException(symbol + ": funding ts and rate differ in length");
        for (int k = 0; k < fundingTs.length; k++) {
            if (k > 0 && fundingTs[k] <= fundingTs[k - 1])
                throw new IllegalArgumentException(symbol + ": funding row " + k + ": time not after the previous one");
            if (!Double.isFinite(fundingRate[k])) throw new IllegalArgumentException(symbol + ": funding row " + k + ": non-finite rate");
        }
        int q = quoteTs.length;
        if (bidPx.length != q || bidSz.length != q || askPx.length != q || askSz.length != q)
            throw new IllegalArgumentException(symbol + ": quote columns differ in length");
        for (int k = 1; k < q; k++)
            if (quoteTs[k] < quoteTs[k - 1]) throw new IllegalArgumentException(symbol + ": quotes row " + k + ": time goes backwards");
        int t = tradeTs.length;
        if (tradePx.length != t || tradeQty.length != t || tradeSide.length != t)
            throw new IllegalArgumentException(symbol + ": trade columns differ in length");
        for (int k = 1; k < t; k++)
            if (tradeTs[k] < tradeTs[k - 1]) throw new IllegalArgumentException(symbol + ": trades row " + k + ": time goes backwards");
    }

    /** Bars only (no mark bars, funding or ticks). */
    public static SymbolFeed ofBars(String symbol, long intervalNanos, long[] ts, double[] open, double[] high,
                                    double[] low, double[] close, double[] volume) {
        return new SymbolFeed(symbol, intervalNanos, ts, open, high, low, close, volume,
                NO_D, NO_D, NO_D, NO_D, NO_L, NO_D, NO_L, NO_D, NO_D, NO_D, NO_D, NO_L, NO_D, NO_D, NO_B, BookFeed.EMPTY);
    }

    /** This feed with funding events. */
    public SymbolFeed withFunding(long[] ts, double[] rate) {
        return new SymbolFeed(symbol, intervalNanos, barTs, open, high, low, close, volume, markOpen, markHigh, markLow,
                markClose, ts, rate, quoteTs, bidPx, bidSz, askPx, askSz, tradeTs, tradePx, tradeQty, tradeSide, book);
    }

    /** This feed with mark-price bars aligned to the bars (NaN where absent). */
    public SymbolFeed withMarkBars(double[] mOpen, double[] mHigh, double[] mLow, double[] mClose) {
        return new SymbolFeed(symbol, intervalNanos, barTs, open, high, low, close, volume, mOpen, mHigh, mLow, mClose,
                fundingTs, fundingRate, quoteTs, bidPx, bidSz, askPx, askSz, tradeTs, tradePx, tradeQty, tradeSide, book);
    }

    /** This feed with L1 quotes. */
    public SymbolFeed withQuotes(long[] ts, double[] bid, double[] bidSize, double[] ask, double[] askSize) {
        return new SymbolFeed(symbol, intervalNanos, barTs, open, high, low, close, volume, markOpen, markHigh, markLow,
                markClose, fundingTs, fundingRate, ts, bid, bidSize, ask, askSize, tradeTs, tradePx, tradeQty, tradeSide, book);
    }

    /** This feed with trade prints. */
    public SymbolFeed withTrades(long[] ts, double[] px, double[] qty, byte[] side) {
        return new SymbolFeed(symbol, intervalNanos, barTs, open, high, low, close, volume, markOpen, markHigh, markLow,
                markClose, fundingTs, fundingRate, quoteTs, bidPx, bidSz, askPx, askSz, ts, px, qty, side, book);
    }

    /** This feed with an L2 book stream (DESIGN.md §4 {@code book}); {@link BookFeed#EMPTY} for none. */
    public SymbolFeed withBook(BookFeed b) {
        return new SymbolFeed(symbol, intervalNanos, barTs, open, high, low, close, volume, markOpen, markHigh, markLow,
                markClose, fundingTs, fundingRate, quoteTs, bidPx, bidSz, askPx, askSz, tradeTs, tradePx, tradeQty, tradeSide, b);
    }

    /** Whether the feed has L2 book rows. */
    public boolean hasBook() { return !book.isEmpty(); }

    /** Ticks only (no bars): quotes, trades and/or an L2 book. */
    public static SymbolFeed ofTicks(String symbol) {
        return new SymbolFeed(symbol, 0, NO_L, NO_D, NO_D, NO_D, NO_D, NO_D, NO_D, NO_D, NO_D, NO_D, NO_L, NO_D,
                NO_L, NO_D, NO_D, NO_D, NO_D, NO_L, NO_D, NO_D, NO_B, BookFeed.EMPTY);
    }

    public int bars() { return barTs.length; }

    /** Whether the feed has any market data at all. */
    public boolean isEmpty() { return barTs.length == 0 && quoteTs.length == 0 && tradeTs.length == 0 && book.isEmpty(); }

    public boolean hasMarkBars() { return markOpen.length > 0; }

    /** Bars {@code [from, to)} with everything else kept (funding/ticks are filtered by time by the engine). */
    public SymbolFeed sliceBars(int from, int to) {
        return new SymbolFeed(symbol, intervalNanos, Arrays.copyOfRange(barTs, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), Arrays.copyOfRange(close, from, to),
                Arrays.copyOfRange(volume, from, to),
                markOpen.length == 0 ? markOpen : Arrays.copyOfRange(markOpen, from, to),
                markHigh.length == 0 ? markHigh : Arrays.copyOfRange(markHigh, from, to),
                markLow.length == 0 ? markLow : Arrays.copyOfRange(markLow, from, to),
                markClose.length == 0 ? markClose : Arrays.copyOfRange(markClose, from, to),
                fundingTs, fundingRate, quoteTs, bidPx, bidSz, askPx, askSz, tradeTs, tradePx, tradeQty, tradeSide, book);
    }
}
