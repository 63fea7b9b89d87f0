package vq.kernels.strategy;

import org.roaringbitmap.BitSetUtil;
import org.roaringbitmap.RoaringBitmap;

/**
 * Signal masks of one parameter set over a block of bars {@code [from, to)}: bit {@code k} of each
 * {@code long[]} (word {@code k >>> 6}, bit {@code k & 63}) is bar {@code from + k}. A set bit means the
 * condition holds at that bar's close (DESIGN.md §6: a market order then fills at the next bar's open).
 * Entry masks already include the time filters; exit masks are never filtered. A side the strategy does not
 * trade has all-zero masks. Reused across blocks: {@link CompiledStrategy.Bound#signals} overwrites it.
 */
public final class Signals {
    /** Entry/exit masks, {@code capacity} bits each. */
    public final long[] entryLong, exitLong, entryShort, exitShort;
    int from, to;

    /** Masks for blocks of up to {@code capacity} bars. */
    public Signals(int capacity) {
        int w = SignalKernel.words(capacity);
        entryLong = new long[w];
        exitLong = new long[w];
        entryShort = new long[w];
        exitShort = new long[w];
    }

    /** Capacity in bars. */
    public int capacity() { return entryLong.length * 64; }

    /** First bar of the block last evaluated. */
    public int from() { return from; }

    /** End (exclusive) of the block last evaluated. */
    public int to() { return to; }

    /** Whether bit for absolute bar {@code i} is set in {@code mask} (one of the four fields). */
    public boolean get(long[] mask, int i) { return SignalKernel.get(mask, i - from); }

    /** Bars of {@code mask} as a RoaringBitmap of absolute bar indices (compact when signals are sparse). */
    public RoaringBitmap toRoaring(long[] mask) {
        RoaringBitmap r = BitSetUtil.bitmapOf(java.util.Arrays.copyOf(mask, SignalKernel.words(to - from)));
        if (from != 0) {
            RoaringBitmap shifted = RoaringBitmap.addOffset(r, from);
            return shifted;
        }
        return r;
    }
}
