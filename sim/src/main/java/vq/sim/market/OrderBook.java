package vq.sim.market;

import java.util.Arrays;

/**
 * An L2 (market-by-price) order book of one symbol: price levels on both sides with their displayed size.
 *
 * <p>Layout: per side one primitive array of prices and one of sizes, sorted so that the <em>best</em>
 * price is the last element (bids ascending, asks descending). Updates concentrate near the top of the book,
 * so inserting or removing a level moves only the few levels above it. Lookup is a binary search: O(log L)
 * per level change, L levels on the side; no allocation except when a side outgrows its arrays. Prices are
 * compared exactly (they come from the same decimal strings of the venue).
 *
 * <p>Not thread-safe. Mutated only by the simulator; strategies see it as a {@link BookView}.
 */
public final class OrderBook implements BookView {
    private double[] bidPx = new double[256], bidSz = new double[256], askPx = new double[256], askSz = new double[256];
    private int nBid, nAsk;

    /** Removes every level. */
    public void clear() { nBid = 0; nAsk = 0; }

    /**
     * Sets the displayed size at {@code price} on {@code side} (+1 bid, −1 ask): {@code size = 0} removes the
     * level (a missing level stays missing), otherwise the level is inserted or overwritten.
     *
     * @return the size displayed at that level before the change (0 when there was none)
     */
    public double set(int side, double price, double size) {
        boolean bid = side > 0;
        double[] px = bid ? bidPx : askPx, sz = bid ? bidSz : askSz;
        int n = bid ? nBid : nAsk;
        int i = find(px, n, price, bid);
        if (i >= 0) {
            double before = sz[i];
            if (size == 0) {
                System.arraycopy(px, i + 1, px, i, n - i - 1);
                System.arraycopy(sz, i + 1, sz, i, n - i - 1);
                if (bid) nBid--; else nAsk--;
            } else sz[i] = size;
            return before;
        }
        if (size == 0) return 0;
        int at = -i - 1;
        if (n == px.length) {
            px = Arrays.copyOf(px, n * 2);
            sz = Arrays.copyOf(sz, n * 2);
            if (bid) { bidPx = px; bidSz = sz; } else { askPx = px; askSz = sz; }
        }
        System.arraycopy(px, at, px, at + 1, n - at);
        System.arraycopy(sz, at, sz, at + 1, n - at);
        px[at] = price;
        sz[at] = size;
        if (bid) nBid++; else nAsk++;
        return 0;
    }

    /**
     * Removes {@code qty} from level {@code k} of {@code side} (our own order took it); the level goes when
     * nothing is left. The venue's next absolute update of that level overwrites it.
     */
    public void consume(int side, int k, double qty) {
        boolean bid = side > 0;
        double[] sz = bid ? bidSz : askSz;
        int n = bid ? nBid : nAsk;
        int i = n - 1 - k;
        double left = sz[i] - qty;
        if (left <= 1e-12 * sz[i]) set(side, (bid ? bidPx : askPx)[i], 0);
        else sz[i] = left;
    }

    /** Index of {@code price}, or {@code -(insertion point) - 1}; bids ascending, asks descending. */
    private static int find(double[] px, int n, double price, boolean ascending) {
        int lo = 0, hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double v = px[mid];
            if (v == price) return mid;
            if (ascending == (v < price)) lo = mid + 1;
            else hi = mid - 1;
        }
        return -(lo + 1);
    }

    @Override public int levels(int side) { return side > 0 ? nBid : nAsk; }

    @Override public double price(int side, int k) { return side > 0 ? bidPx[nBid - 1 - k] : askPx[nAsk - 1 - k]; }

    @Override public double size(int side, int k) { return side > 0 ? bidSz[nBid - 1 - k] : askSz[nAsk - 1 - k]; }

    @Override public double sizeAt(int side, double price) {
        boolean bid = side > 0;
        int i = find(bid ? bidPx : askPx, bid ? nBid : nAsk, price, bid);
        return i >= 0 ? (bid ? bidSz : askSz)[i] : 0;
    }
}
