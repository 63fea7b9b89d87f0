package vq.data;

import vq.columnar.Column;
import vq.columnar.ColumnType;
import vq.columnar.Dataset;

/**
 * Parsed rows of one dataset from one source, columnar and on-heap, handed from a parsing worker to the
 * writing thread ({@link Target#append}). Row values have passed the per-row value checks; order, gaps and
 * duplicates are checked when the block is appended. {@code line[r]} is the source line of row r, for errors.
 */
final class RowBlock {
    static final int CAPACITY = 2048;

    final Dataset dataset;
    String source;
    final long[] ts = new long[CAPACITY];
    final int[] line = new int[CAPACITY];
    final double[][] f64;
    final long[][] i64;
    final byte[][] i8;
    int size;

    RowBlock(Dataset dataset, String source) {
        this.dataset = dataset;
        this.source = source;
        int n = dataset.columns().size();
        f64 = new double[n][];
        i64 = new long[n][];
        i8 = new byte[n][];
        for (int c = 1; c < n; c++) {
            Column col = dataset.columns().get(c);
            switch (col.type()) {
                case F64 -> f64[c] = new double[CAPACITY];
                case I64 -> i64[c] = new long[CAPACITY];
                case I8 -> i8[c] = new byte[CAPACITY];
            }
        }
    }

    boolean full() { return size == CAPACITY; }

    /** Starts row {@code size}; returns its index. */
    int add(long tsNanos, long lineNo) {
        int r = size++;
        ts[r] = tsNanos;
        line[r] = (int) Math.min(lineNo, Integer.MAX_VALUE);
        return r;
    }

    static ColumnType type(Dataset d, int c) { return d.columns().get(c).type(); }

    /**
     * Blocks the writing thread has appended, handed back to the parsing workers so that a block's ~170 KB of
     * arrays is allocated once per block in flight rather than once per source file. Thread-safe. It holds at
     * most as many blocks as were ever in flight at once (bounded by the pipeline's window), so memory stays
     * bounded. A reused block keeps stale values beyond {@code size}; every row loop sets all columns of a row.
     */
    static final class Pool {
        private final java.util.Queue<RowBlock>[] free;

        @SuppressWarnings("unchecked")
        Pool() {
            free = new java.util.Queue[Dataset.values().length];
            for (int i = 0; i < free.length; i++) free[i] = new java.util.concurrent.ConcurrentLinkedQueue<>();
        }

        /** An empty block of {@code d} for {@code source}: a returned one if any, else a new one. */
        RowBlock take(Dataset d, String source) {
            RowBlock b = free[d.ordinal()].poll();
            if (b == null) return new RowBlock(d, source);
            b.source = source;
            b.size = 0;
            return b;
        }

        /** Returns every row block of {@code b} (the caller no longer uses them). */
        void give(Block b) {
            for (int i = 0; i < b.byDataset.length; i++) {
                RowBlock rb = b.byDataset[i];
                if (rb == null) continue;
                b.byDataset[i] = null;
                free[rb.dataset.ordinal()].add(rb);
            }
        }
    }
}
