package vq.columnar;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Read access to one dataset: every segment file is memory-mapped read-only once (lazily) in a shared
 * {@link Arena} and reused; ranges are returned as zero-copy {@link Chunk}s, one per segment touched. Heap
 * use is O(segments), independent of rows. Thread-safe for reads; {@link #close()} unmaps everything
 * (chunks must not be used after that).
 */
public final class DatasetReader implements AutoCloseable {
    private final Path dir;
    private final Manifest manifest;
    private final Dataset dataset;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment[][] mapped; // [segment][column], null until mapped
    private final long[] firstRowOf;

    DatasetReader(Path dir, Manifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
        this.dataset = manifest.datasetKey().dataset();
        this.mapped = new MemorySegment[manifest.segments().size()][];
        this.firstRowOf = new long[manifest.segments().size() + 1];
        for (int i = 0; i < manifest.segments().size(); i++)
            firstRowOf[i + 1] = firstRowOf[i] + manifest.segments().get(i).rows();
    }

    public Manifest manifest() { return manifest; }

    public DatasetKey key() { return manifest.datasetKey(); }

    public Dataset dataset() { return dataset; }

    public long rows() { return manifest.rows(); }

    public int segmentCount() { return mapped.length; }

    /** All rows, as one chunk per segment. */
    public List<Chunk> all() {
        List<Chunk> out = new ArrayList<>(mapped.length);
        for (int s = 0; s < mapped.length; s++) out.add(chunk(s, 0, manifest.segments().get(s).rows()));
        return out;
    }

    /** Rows with {@code fromNanos <= ts < toNanos}, in time order, as one chunk per segment touched. */
    public List<Chunk> range(long fromNanos, long toNanos) {
        List<Chunk> out = new ArrayList<>();
        List<Manifest.Segment> segs = manifest.segments();
        for (int s = 0; s < segs.size(); s++) {
            Manifest.Segment seg = segs.get(s);
            if (seg.lastTsNanos() < fromNanos || seg.firstTsNanos() >= toNanos) continue;
            MemorySegment ts = columns(s)[0];
            long lo = lowerBound(ts, seg.rows(), fromNanos);
            long hi = lowerBound(ts, seg.rows(), toNanos);
            if (hi > lo) out.add(chunk(s, lo, hi - lo));
        }
        return out;
    }

    /** First index in [0, rows) whose ts is >= key (rows if none). */
    static long lowerBound(MemorySegment ts, long rows, long key) {
        long lo = 0, hi = rows;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (ts.getAtIndex(ColumnType.LONG_LE, mid) < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private Chunk chunk(int s, long startRow, long rows) {
        MemorySegment[] cols = columns(s);
        MemorySegment[] slice = new MemorySegment[cols.length];
        List<Column> schema = dataset.columns();
        for (int c = 0; c < cols.length; c++) {
            int w = schema.get(c).type().width();
            slice[c] = cols[c].asSlice(startRow * w, rows * w);
        }
        return new Chunk(dataset, slice, rows, firstRowOf[s] + startRow);
    }

    /** The full mapped columns of segment {@code s} (mapping it on first use). */
    private MemorySegment[] columns(int s) {
        MemorySegment[] cols = mapped[s];
        if (cols != null) return cols;
        synchronized (this) {
            if (mapped[s] != null) return mapped[s];
            Manifest.Segment seg = manifest.segments().get(s);
            Path file = dir.resolve(seg.file());
            MemorySegment whole;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                if (ch.size() != seg.bytes())
                    throw new CatalogException(file + ": size " + ch.size() + " differs from manifest (" + seg.bytes() + ")");
                whole = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            } catch (IOException e) {
                throw new CatalogException("cannot map " + file + ": " + e.getMessage(), e);
            }
            SegmentFormat.Header h = SegmentFormat.readHeader(whole, file);
            List<Column> schema = dataset.columns();
            if (h.rows() != seg.rows() || !h.columns().equals(schema))
                throw new CatalogException(file + ": header does not match the manifest (rows or schema)");
            cols = new MemorySegment[schema.size()];
            for (int c = 0; c < cols.length; c++)
                cols[c] = whole.asSlice(h.offsets()[c], seg.rows() * schema.get(c).type().width());
            mapped[s] = cols;
            return cols;
        }
    }

    /** Copies one f64 column of a range to a new heap array (for small ranges and tests; kernels use chunks). */
    public static double[] copyF64(List<Chunk> chunks, String column) {
        long n = 0;
        for (Chunk c : chunks) n += c.rows();
        double[] out = new double[Math.toIntExact(n)];
        int pos = 0;
        for (Chunk c : chunks) {
            MemorySegment.copy(c.column(column), ColumnType.DOUBLE_LE, 0, out, pos, (int) c.rows());
            pos += (int) c.rows();
        }
        return out;
    }

    /** Copies one i64 column of a range to a new heap array. */
    public static long[] copyI64(List<Chunk> chunks, String column) {
        long n = 0;
        for (Chunk c : chunks) n += c.rows();
        long[] out = new long[Math.toIntExact(n)];
        int pos = 0;
        for (Chunk c : chunks) {
            MemorySegment.copy(c.column(column), ColumnType.LONG_LE, 0, out, pos, (int) c.rows());
            pos += (int) c.rows();
        }
        return out;
    }

    @Override public void close() {
        arena.close();
    }
}
