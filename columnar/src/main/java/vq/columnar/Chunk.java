package vq.columnar;

import java.lang.foreign.MemorySegment;

/**
 * A contiguous run of rows of one segment file: zero-copy slices of the memory-mapped columns.
 * {@code column(i)} has {@code rows × width} bytes, little-endian, 64-byte aligned at row 0 of the segment
 * (a slice that starts mid-segment is aligned to its type's width). {@code firstRow} is the index of the
 * chunk's first row within the whole dataset.
 */
public final class Chunk {
    private final Dataset dataset;
    private final MemorySegment[] columns;
    private final long rows;
    private final long firstRow;

    Chunk(Dataset dataset, MemorySegment[] columns, long rows, long firstRow) {
        this.dataset = dataset;
        this.columns = columns;
        this.rows = rows;
        this.firstRow = firstRow;
    }

    public long rows() { return rows; }

    /** Index of this chunk's first row in the dataset (0 = first row of the first segment). */
    public long firstRow() { return firstRow; }

    public Dataset dataset() { return dataset; }

    /** The column by schema index ({@link Dataset#index}); read-only. */
    public MemorySegment column(int index) { return columns[index]; }

    /** The column by name; throws {@link IllegalArgumentException} when the dataset has no such column. */
    public MemorySegment column(String name) {
        int i = dataset.index(name);
        if (i < 0) throw new IllegalArgumentException("dataset " + dataset.id() + " has no column " + name);
        return columns[i];
    }

    public long ts(long row) { return columns[0].getAtIndex(ColumnType.LONG_LE, row); }

    public double f64(int column, long row) { return columns[column].getAtIndex(ColumnType.DOUBLE_LE, row); }

    public long i64(int column, long row) { return columns[column].getAtIndex(ColumnType.LONG_LE, row); }

    public byte i8(int column, long row) { return columns[column].get(ColumnType.BYTE, row); }
}
