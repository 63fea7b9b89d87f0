package vq.sim.market;

import java.lang.foreign.MemorySegment;
import java.util.List;
import vq.columnar.Chunk;
import vq.columnar.ColumnType;
import vq.columnar.Dataset;

/**
 * The L2 book stream of one symbol (catalog dataset {@code book}, DESIGN.md §4), read in place: the columns
 * are the catalog's memory-mapped segments (zero-copy {@link Chunk}s) or, for tests, heap arrays wrapped as
 * segments. Nothing is copied; the simulator walks the rows chunk by chunk.
 *
 * <p>Row shape (one price level change): {@code ts} epoch ns UTC (the exchange's transaction time; all rows
 * of one depth message share it), {@code side} i8 (+1 bid, −1 ask), {@code price} f64 USDT, {@code size}
 * f64 base units, the <em>absolute</em> size now displayed at that level (0 removes the level),
 * {@code flags} i8 (bit 0 = first row of a snapshot: the book is cleared before this row; bit 1 = first row after
 * an update-id gap: the book is unknown from here until the next snapshot). Rows with equal
 * {@code ts} form one update that the simulator applies as a whole before it looks at the book.
 *
 * <p>Update ids: the dataset carries none. The importer ({@code vq.data.CaptureReader}) enforces Binance's
 * USD-M sync rule ({@code U ≤ lastUpdateId ≤ u}, then {@code pu} = previous {@code u}); where the chain breaks
 * it writes the revealing diff with flags bit 1 and nothing more until the next snapshot re-syncs the book, so
 * a catalog book has no hidden gaps. The simulator counts both ({@link vq.sim.engine.BookStats}).
 *
 * <p>Lifetime: when built from a catalog reader the segments are valid until {@link #close()} closes that
 * reader; use the feed only inside that window.
 *
 * @throws IllegalArgumentException at construction, naming the symbol and row, when ts decreases, a side is
 *                                  not ±1, a price is not finite and positive or a size is negative or not
 *                                  finite
 */
public final class BookFeed implements AutoCloseable {
    /** No L2 data. */
    public static final BookFeed EMPTY = new BookFeed("", new MemorySegment[0][], new long[0], null);

    private static final int TS = 0, SIDE = 1, PRICE = 2, SIZE = 3, FLAGS = 4;

    private final MemorySegment[][] cols;  // [chunk][column]
    private final long[] rows;             // rows per chunk
    private final long total;
    private final AutoCloseable owner;

    private BookFeed(String symbol, MemorySegment[][] cols, long[] rows, AutoCloseable owner) {
        this.cols = cols;
        this.rows = rows;
        this.owner = owner;
        long n = 0;
        long prev = Long.MIN_VALUE;
        for (int c = 0; c < cols.length; c++) {
            for (long r = 0; r < rows[c]; r++, n++) {
                long t = cols[c][TS].getAtIndex(ColumnType.LONG_LE, r);
                if (t < prev) throw new IllegalArgumentException(symbol + ": book row " + n + ": time " + t + " before the previous row's " + prev);
                prev = t;
                byte sd = cols[c][SIDE].get(ColumnType.BYTE, r);
                if (sd != 1 && sd != -1) throw new IllegalArgumentException(symbol + ": book row " + n + ": side " + sd + " (expected +1 bid or -1 ask)");
                double px = cols[c][PRICE].getAtIndex(ColumnType.DOUBLE_LE, r);
                if (!(px > 0) || !Double.isFinite(px)) throw new IllegalArgumentException(symbol + ": book row " + n + ": price " + px + " not finite and positive");
                double sz = cols[c][SIZE].getAtIndex(ColumnType.DOUBLE_LE, r);
                if (!(sz >= 0) || !Double.isFinite(sz)) throw new IllegalArgumentException(symbol + ": book row " + n + ": size " + sz + " not finite and >= 0");
            }
        }
        this.total = n;
    }

    /**
     * The catalog's book chunks, read in place.
     *
     * @param owner closed by {@link #close()} (the {@code DatasetReader} that mapped the chunks), or null
     */
    public static BookFeed ofChunks(String symbol, List<Chunk> chunks, AutoCloseable owner) {
        MemorySegment[][] cols = new MemorySegment[chunks.size()][];
        long[] rows = new long[chunks.size()];
        for (int c = 0; c < cols.length; c++) {
            Chunk ch = chunks.get(c);
            if (ch.dataset() != Dataset.BOOK) throw new IllegalArgumentException(symbol + ": chunk of dataset " + ch.dataset().id() + " is not a book chunk");
            cols[c] = new MemorySegment[] {ch.column("ts"), ch.column("side"), ch.column("price"), ch.column("size"), ch.column("flags")};
            rows[c] = ch.rows();
        }
        return new BookFeed(symbol, cols, rows, owner);
    }

    /** Heap columns of equal length (tests, synthetic books). */
    public static BookFeed of(String symbol, long[] ts, byte[] side, double[] price, double[] size, byte[] flags) {
        int n = ts.length;
        if (side.length != n || price.length != n || size.length != n || flags.length != n)
            throw new IllegalArgumentException(symbol + ": book columns differ in length");
        if (n == 0) return EMPTY;
        MemorySegment[][] cols = {{MemorySegment.ofArray(ts), MemorySegment.ofArray(side), MemorySegment.ofArray(price),
                MemorySegment.ofArray(size), MemorySegment.ofArray(flags)}};
        return new BookFeed(symbol, cols, new long[] {n}, null);
    }

    /** Total rows (level changes, snapshot levels included). */
    public long rows() { return total; }

    public boolean isEmpty() { return total == 0; }

    /** Number of chunks (catalog segments touched). */
    public int chunks() { return cols.length; }

    /** Rows of chunk {@code c}. */
    public long rows(int c) { return rows[c]; }

    public long ts(int c, long r) { return cols[c][TS].getAtIndex(ColumnType.LONG_LE, r); }

    public int side(int c, long r) { return cols[c][SIDE].get(ColumnType.BYTE, r); }

    public double price(int c, long r) { return cols[c][PRICE].getAtIndex(ColumnType.DOUBLE_LE, r); }

    public double size(int c, long r) { return cols[c][SIZE].getAtIndex(ColumnType.DOUBLE_LE, r); }

    /** Whether row {@code r} of chunk {@code c} starts a snapshot (flags bit 0). */
    public boolean snapshotStart(int c, long r) { return (cols[c][FLAGS].get(ColumnType.BYTE, r) & 1) != 0; }

    /** Whether row {@code r} of chunk {@code c} follows an update-id gap (flags bit 1): the book is unknown until the next snapshot. */
    public boolean gapStart(int c, long r) { return (cols[c][FLAGS].get(ColumnType.BYTE, r) & 2) != 0; }

    /** Time of the first row, or Long.MAX_VALUE when empty. */
    public long firstTs() {
        for (int c = 0; c < cols.length; c++) if (rows[c] > 0) return ts(c, 0);
        return Long.MAX_VALUE;
    }

    /** Time of the last row, or Long.MIN_VALUE when empty. */
    public long lastTs() {
        for (int c = cols.length - 1; c >= 0; c--) if (rows[c] > 0) return ts(c, rows[c] - 1);
        return Long.MIN_VALUE;
    }

    /** Time of the first snapshot-start row, or Long.MAX_VALUE when the stream has none. */
    public long firstSnapshotTs() {
        for (int c = 0; c < cols.length; c++) for (long r = 0; r < rows[c]; r++) if (snapshotStart(c, r)) return ts(c, r);
        return Long.MAX_VALUE;
    }

    /** Closes the catalog reader the chunks came from (no-op for heap feeds). */
    @Override public void close() {
        if (owner == null) return;
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the book reader: " + e.getMessage(), e);
        }
    }
}
