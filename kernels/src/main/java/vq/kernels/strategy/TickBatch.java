package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import vq.columnar.Chunk;
import vq.columnar.Dataset;

/**
 * A batch of L1 quotes or trades in time order, zero-copy over a catalog {@link Chunk} (DESIGN.md §4
 * columns). Rows {@code [0, size())}. Quote accessors fail on a trade batch and vice versa.
 */
public final class TickBatch {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong J = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** What the batch holds. */
    public enum Kind { QUOTES, TRADES }

    private final Kind kind;
    private final long offset, size;
    private final MemorySegment ts, a, b, c, d;

    private TickBatch(Kind kind, long offset, long size, MemorySegment ts, MemorySegment a, MemorySegment b, MemorySegment c, MemorySegment d) {
        this.kind = kind;
        this.offset = offset;
        this.size = size;
        this.ts = ts;
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /** Rows {@code [from, to)} of a quotes or trades chunk. */
    public static TickBatch of(Chunk chunk, long from, long to) {
        if (from < 0 || to > chunk.rows() || from > to) throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + chunk.rows());
        return switch (chunk.dataset()) {
            case QUOTES -> new TickBatch(Kind.QUOTES, from, to - from, chunk.column("ts"), chunk.column("bid_px"), chunk.column("bid_sz"),
                    chunk.column("ask_px"), chunk.column("ask_sz"));
            case TRADES -> new TickBatch(Kind.TRADES, from, to - from, chunk.column("ts"), chunk.column("price"), chunk.column("qty"),
                    chunk.column("side"), null);
            default -> throw new IllegalArgumentException("tick batches hold quotes or trades, not " + chunk.dataset().id());
        };
    }

    /** Quotes from heap arrays (tests, generated data). */
    public static TickBatch quotes(long[] ts, double[] bidPx, double[] bidSz, double[] askPx, double[] askSz) {
        return new TickBatch(Kind.QUOTES, 0, ts.length, MemorySegment.ofArray(ts), MemorySegment.ofArray(bidPx), MemorySegment.ofArray(bidSz),
                MemorySegment.ofArray(askPx), MemorySegment.ofArray(askSz));
    }

    public Kind kind() { return kind; }

    public int size() { return (int) size; }

    /** Event time of row i, epoch ns UTC. */
    public long ts(int i) { return ts.getAtIndex(J, offset + i); }

    public double bidPx(int i) { return q(a, i); }

    public double bidSz(int i) { return q(b, i); }

    public double askPx(int i) { return q(c, i); }

    public double askSz(int i) { return q(d, i); }

    /** Trade price. */
    public double price(int i) { return t(a, i); }

    /** Trade quantity (base asset, > 0). */
    public double qty(int i) { return t(b, i); }

    /** Aggressor side: +1 buyer, −1 seller. */
    public int side(int i) {
        if (kind != Kind.TRADES) throw new IllegalStateException("side() on a quote batch");
        return c.get(ValueLayout.JAVA_BYTE, offset + i);
    }

    private double q(MemorySegment s, int i) {
        if (kind != Kind.QUOTES) throw new IllegalStateException("quote field on a trade batch");
        return s.getAtIndex(D, offset + i);
    }

    private double t(MemorySegment s, int i) {
        if (kind != Kind.TRADES) throw new IllegalStateException("trade field on a quote batch");
        return s.getAtIndex(D, offset + i);
    }

    static { assert Dataset.QUOTES.index("bid_px") == 1; }
}
