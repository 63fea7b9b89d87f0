package vq.data;

import vq.columnar.Dataset;

/**
 * A batch of parsed rows of one source across the datasets its kind writes (L1 files feed quotes and trades):
 * the unit a parsing worker hands to the writing thread.
 */
final class Block {
    final RowBlock[] byDataset = new RowBlock[Dataset.values().length];
    final String source;
    /** Name of the timestamp column in the source (for ordering errors). */
    final String tsField;

    /** Where row blocks come from (null: allocated per block). */
    private final RowBlock.Pool pool;

    Block(String source, String tsField) {
        this(source, tsField, null);
    }

    Block(String source, String tsField, RowBlock.Pool pool) {
        this.source = source;
        this.tsField = tsField;
        this.pool = pool;
    }

    /** An empty block of the same source. */
    Block next() { return new Block(source, tsField, pool); }

    RowBlock rows(Dataset d) {
        RowBlock b = byDataset[d.ordinal()];
        if (b == null) byDataset[d.ordinal()] = b = pool == null ? new RowBlock(d, source) : pool.take(d, source);
        return b;
    }

    boolean isEmpty() {
        for (RowBlock b : byDataset) if (b != null && b.size > 0) return false;
        return true;
    }

    /** Receives full blocks (and the last partial one) in order; returns a block to continue with. */
    interface Sink {
        Block accept(Block full);

        /** Where the blocks this sink receives should take their row blocks from (null: allocate). */
        default RowBlock.Pool pool() { return null; }
    }
}
