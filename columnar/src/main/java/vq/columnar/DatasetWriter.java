package vq.columnar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends one import batch to a dataset. Rows are buffered off-heap (bounded: a segment is cut at each UTC
 * month boundary and at {@link #MAX_SEGMENT_ROWS}), each full segment is handed at once to a background thread that
 * writes it to a temp file ({@link DirectWriter}: bypassing the page cache where the file system allows) and fsyncs
 * it while rows keep coming, and {@link #commit} waits for those writes, renames the
 * segment files into place and then writes the manifest atomically (temp + fsync + rename, manifest last). A writer closed without commit deletes its temp files: the catalog stays as it
 * was, also if the process is killed (stray {@code .tmp-*} files are ignored by readers and removed by the
 * next writer).
 *
 * <p>Row protocol: {@code beginRow(tsNanos)}, then {@code f64/i64/i8(column, value)} for the other columns
 * (unset columns stay 0), repeated. Timestamps must increase (strictly for bars and funding); segments of
 * the batch must not overlap existing ones. One writer per dataset at a time (a file lock enforces it).
 * Not thread-safe.
 */
public final class DatasetWriter implements AutoCloseable {
    /** Largest segment (rows); ~4M rows keep a segment of trades under ~130 MB. */
    public static final long MAX_SEGMENT_ROWS = 1L << 22;
    /**
     * Largest segment (bytes of column data): wide rows get fewer rows per segment (bars: ~1.6 M), which bounds
     * the writer's off-heap buffer at about this size per open dataset.
     */
    public static final long MAX_SEGMENT_BYTES = 128L << 20;
    private static final long INITIAL_CAPACITY = 1L << 16;

    private final Catalog catalog;
    private final DatasetKey key;
    private final Dataset dataset;
    private final List<Column> schema;
    private final int[] widths;
    private final boolean replace;
    private final Path dir;
    private final Manifest existing;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final long maxSegmentRows;

    private Arena arena;
    private MemorySegment[] buffers;
    private long capacity;
    private long rows; // rows in the current (unflushed) segment
    private long monthEnd = Long.MIN_VALUE;
    private long lastTs = Long.MIN_VALUE;
    private long batchRows;
    private final List<Manifest.Segment> written = new ArrayList<>();
    private final List<Path> temps = new ArrayList<>();
    private final List<Manifest.Source> sources = new ArrayList<>();
    private boolean committed;
    /** {@link #finishRows} was called: no more rows, buffers freed. */
    private boolean rowsFinished;
    /** Inside {@link #finishRows}: the buffers are about to be freed, so flush does not shrink them first. */
    private boolean finishing;
    /** fsyncs segment temp files in the background (created with the first segment). */
    private java.util.concurrent.ExecutorService syncer;
    private final List<java.util.concurrent.Future<?>> syncs = new ArrayList<>();

    DatasetWriter(Catalog catalog, DatasetKey key, boolean replace) {
        this(catalog, key, replace, MAX_SEGMENT_ROWS);
    }

    DatasetWriter(Catalog catalog, DatasetKey key, boolean replace, long maxSegmentRows) {
        this.catalog = catalog;
        this.key = key;
        this.dataset = key.dataset();
        this.schema = dataset.columns();
        this.widths = schema.stream().mapToInt(c -> c.type().width()).toArray();
        this.replace = replace;
        long rowBytes = 0;
        for (Column c : dataset.columns()) rowBytes += c.type().width();
        this.maxSegmentRows = Math.max(1, Math.min(maxSegmentRows, MAX_SEGMENT_BYTES / rowBytes));
        this.dir = catalog.dir(key);
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new CatalogException("dataset " + key + " is being written by another vq process");
            }
            lock = l;
            removeStrayTemps();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir + " for writing: " + e.getMessage(), e);
        }
        this.existing = replace ? null : catalog.manifest(key).orElse(null);
        allocate(INITIAL_CAPACITY);
    }

    private void removeStrayTemps() throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator)
                if (p.getFileName().toString().startsWith(".tmp-")) Files.deleteIfExists(p);
        }
    }

    /** (Re)allocates the row buffers with room for {@code cap} rows in a fresh arena and frees the old ones. */
    private void allocate(long cap) {
        Arena na = Arena.ofConfined();
        MemorySegment[] nb = new MemorySegment[schema.size()];
        for (int c = 0; c < nb.length; c++) {
            nb[c] = na.allocate(cap * widths[c], 64);
            if (buffers != null && rows > 0) MemorySegment.copy(buffers[c], 0, nb[c], 0, rows * widths[c]);
        }
        if (arena != null) arena.close();
        arena = na;
        buffers = nb;
        capacity = cap;
    }

    public DatasetKey key() { return key; }

    /** The manifest this batch appends to (null if the dataset is new or being replaced). */
    public Manifest existing() { return existing; }

    /** Records a source file of this batch (for the manifest and rebuild). */
    public void addSource(Manifest.Source source) {
        sources.add(source);
    }

    /** Rows appended so far in this batch. */
    public long batchRows() { return batchRows; }

    /** Timestamp of the last row appended in this batch (Long.MIN_VALUE if none). */
    public long lastTs() { return lastTs; }

    /** Starts a new row with timestamp {@code tsNanos}. */
    public void beginRow(long tsNanos) {
        if (rowsFinished) throw new IllegalStateException(key + ": row appended after finishRows()");
        if (dataset.strictlyIncreasing() ? tsNanos <= lastTs : tsNanos < lastTs)
            throw new IllegalStateException(key + ": timestamps must increase (" + Intervals.iso(tsNanos) + " after "
                    + Intervals.iso(lastTs) + ")");
        if (tsNanos >= monthEnd || rows == maxSegmentRows) {
            flush();
            monthEnd = Intervals.nextMonthStart(tsNanos);
        }
        if (rows == capacity) allocate(Math.min(capacity * 2, maxSegmentRows));
        buffers[0].setAtIndex(ColumnType.LONG_LE, rows, tsNanos);
        for (int c = 1; c < buffers.length; c++) clear(c);
        lastTs = tsNanos;
        rows++;
        batchRows++;
    }

    /**
     * Appends rows {@code [from, from + n)} given as columns: {@code ts} and, for each other column {@code c}, the
     * array of its type ({@code f64[c]}, {@code i64[c]} or {@code i8[c]}; the others null). Same result as
     * {@link #beginRow} plus one setter per column for each row, but copied a column run at a time (runs end at
     * segment cuts).
     *
     * @throws IllegalStateException if timestamps do not increase (strictly for bars and funding), as {@link #beginRow}
     */
    public void appendRows(long[] ts, double[][] f64, long[][] i64, byte[][] i8, int from, int n) {
        if (rowsFinished) throw new IllegalStateException(key + ": rows appended after finishRows()");
        boolean strict = dataset.strictlyIncreasing();
        int r = from, end = from + n;
        while (r < end) {
            long t = ts[r];
            if (strict ? t <= lastTs : t < lastTs) beginRow(t); // throws the ordering error
            if (t >= monthEnd || rows == maxSegmentRows) {
                flush();
                monthEnd = Intervals.nextMonthStart(t);
            }
            int lim = (int) Math.min(end, r + (maxSegmentRows - rows));
            int k = r + 1;
            long prev = t;
            while (k < lim) {
                long u = ts[k];
                if (u >= monthEnd || (strict ? u <= prev : u < prev)) break;
                prev = u;
                k++;
            }
            int m = k - r;
            long need = rows + m;
            if (need > capacity) {
                long cap = capacity;
                while (cap < need) cap *= 2;
                allocate(Math.min(cap, maxSegmentRows));
            }
            MemorySegment.copy(ts, r, buffers[0], ColumnType.LONG_LE, rows * 8, m);
            for (int c = 1; c < buffers.length; c++) {
                long off = rows * widths[c];
                if (f64[c] != null) MemorySegment.copy(f64[c], r, buffers[c], ColumnType.DOUBLE_LE, off, m);
                else if (i64[c] != null) MemorySegment.copy(i64[c], r, buffers[c], ColumnType.LONG_LE, off, m);
                else MemorySegment.copy(i8[c], r, buffers[c], ColumnType.BYTE, off, m);
            }
            rows += m;
            batchRows += m;
            lastTs = prev;
            r = k;
        }
    }

    private void clear(int c) {
        switch (widths[c]) {
            case 8 -> buffers[c].setAtIndex(ColumnType.LONG_LE, rows, 0L);
            default -> buffers[c].set(ColumnType.BYTE, rows, (byte) 0);
        }
    }

    /** Sets an f64 column of the current row. */
    public void f64(int column, double v) {
        buffers[column].setAtIndex(ColumnType.DOUBLE_LE, rows - 1, v);
    }

    /** Sets an i64 column of the current row. */
    public void i64(int column, long v) {
        buffers[column].setAtIndex(ColumnType.LONG_LE, rows - 1, v);
    }

    /** Sets an i8 column of the current row. */
    public void i8(int column, byte v) {
        buffers[column].set(ColumnType.BYTE, rows - 1, v);
    }

    /** Writes the buffered rows as one segment temp file. */
    private void flush() {
        if (rows == 0) return;
        long firstTs = buffers[0].getAtIndex(ColumnType.LONG_LE, 0);
        long lastTsSeg = buffers[0].getAtIndex(ColumnType.LONG_LE, rows - 1);
        String name = segmentName(firstTs);
        Path tmp = dir.resolve(".tmp-" + name);
        long[] offsets = SegmentFormat.columnOffsets(schema, rows);
        long bytes = SegmentFormat.fileBytes(schema, rows);
        CRC32C crc = new CRC32C();
        DirectWriter out = null;
        try {
            out = DirectWriter.open(tmp, syncer(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            temps.add(tmp);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment header = a.allocate(SegmentFormat.headerBytes(schema.size()), 64);
                SegmentFormat.writeHeader(header, schema, rows, firstTs, lastTsSeg, offsets);
                write(out, header, crc);
                MemorySegment pad = a.allocate(SegmentFormat.ALIGN, 64);
                for (int c = 0; c < schema.size(); c++) {
                    long len = rows * widths[c];
                    write(out, buffers[c].asSlice(0, len), crc);
                    long padLen = SegmentFormat.align(len) - len;
                    if (padLen > 0) write(out, pad.asSlice(0, padLen), crc);
                }
            }
            if (out.size() != bytes) throw new IllegalStateException("segment size mismatch: " + out.size() + " vs " + bytes);
            syncs.add(out.finish()); // written, truncated, fsynced and closed by the syncer while rows keep coming
            out = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write segment " + tmp + ": " + e.getMessage(), e);
        } finally {
            if (out != null) {
                try { out.close(); } catch (IOException ignored) { /* already failing */ }
            }
        }
        List<Long> offs = new ArrayList<>();
        for (long o : offsets) offs.add(o);
        written.add(new Manifest.Segment(name, rows, firstTs, lastTsSeg, bytes, crc32cHex(crc.getValue()), null, offs));
        rows = 0;
        // give back big buffers between segments (not after the last: finishRows frees them all)
        if (capacity > INITIAL_CAPACITY * 16 && !finishing) allocate(INITIAL_CAPACITY);
    }

    /**
     * The thread that writes segment temp files ({@link DirectWriter}: bypassing the page cache where possible),
     * fsyncs and closes them while rows keep coming; {@link #commit} waits for all of them before anything is
     * renamed. So the disk writes overlap parsing instead of stalling the appending thread once per segment.
     */
    private java.util.concurrent.ExecutorService syncer() {
        if (syncer == null) {
            syncer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vq-segment-sync");
                t.setDaemon(true);
                return t;
            });
        }
        return syncer;
    }

    /** Waits until every segment written so far is on disk; rethrows the first failure. */
    private void awaitSyncs() {
        try {
            for (java.util.concurrent.Future<?> f : syncs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while syncing segments of " + key));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new UncheckedIOException(new IOException("cannot sync segments of " + key + ": " + e.getCause(), e.getCause()));
        } finally {
            syncs.clear();
        }
    }

    /** Stops the syncer after the fsyncs already handed to it (their channels get closed). */
    private void stopSyncer() {
        if (syncer == null) return;
        syncer.shutdown();
        try {
            syncer.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        syncer = null;
    }

    private static void write(DirectWriter out, MemorySegment seg, CRC32C crc) throws IOException {
        crc.update(seg.asByteBuffer());
        out.write(seg);
    }

    /** A CRC-32C value as the manifest writes it: 8 lowercase hex digits. */
    public static String crc32cHex(long crc) {
        return HexFormat.of().toHexDigits((int) crc);
    }

    /** {@code YYYY-MM-<firstTsNanos>.vqc}: readable, unique per first timestamp, deterministic. */
    static String segmentName(long firstTs) {
        String month = Intervals.iso(Intervals.monthStart(firstTs)).substring(0, 7);
        return month + "-" + firstTs + SegmentFormat.EXTENSION;
    }

    /**
     * Ends the batch's rows: writes those not written yet as its last segment (handed to the background writer like
     * the others) and frees the row buffers. Call it on the thread that appended the rows; afterwards {@link #commit}
     * and {@link #close} may run on another thread (the buffers are confined to the appending thread). Idempotent.
     *
     * @throws IllegalStateException (from then on) if rows are appended after it
     */
    public void finishRows() {
        if (rowsFinished) return;
        finishing = true;
        flush();
        arena.close();
        arena = null;
        buffers = null;
        rowsFinished = true;
    }

    /**
     * Writes the remaining rows, renames the segments into place and writes the manifest (last, atomically).
     * Returns the new manifest. A batch with no rows leaves the dataset unchanged and returns the existing
     * manifest (or null if none).
     *
     * @param options importer options recorded with the batch so that rebuild can replay it
     * @throws CatalogException if the batch overlaps existing segments (nothing is changed then)
     */
    public Manifest commit(Map<String, String> options) {
        if (committed) throw new IllegalStateException("already committed");
        flush();
        awaitSyncs(); // a failure here leaves the batch uncommitted: close() deletes its temp files
        committed = true;
        if (written.isEmpty() && !replace) {
            if (existing == null || sources.isEmpty()) { deleteTemps(); return existing; }
        }
        List<Manifest.Segment> all = new ArrayList<>(existing == null ? List.of() : existing.segments());
        Set<String> oldNames = new HashSet<>();
        for (Manifest.Segment s : all) oldNames.add(s.file());
        for (Manifest.Segment s : written) {
            if (oldNames.contains(s.file())) {
                deleteTemps();
                throw new CatalogException(key + ": data starting at " + Intervals.iso(s.firstTsNanos()) + " is already in the catalog");
            }
        }
        all.addAll(written);
        all.sort(Comparator.comparingLong(Manifest.Segment::firstTsNanos).thenComparingLong(Manifest.Segment::lastTsNanos));
        for (int i = 1; i < all.size(); i++) {
            Manifest.Segment a = all.get(i - 1), b = all.get(i);
            boolean overlap = dataset.strictlyIncreasing() ? b.firstTsNanos() <= a.lastTsNanos() : b.firstTsNanos() < a.lastTsNanos();
            if (overlap) {
                deleteTemps();
                throw new CatalogException(key + ": new rows " + Intervals.iso(b.firstTsNanos()) + ".." + Intervals.iso(b.lastTsNanos())
                        + " overlap existing rows " + Intervals.iso(a.firstTsNanos()) + ".." + Intervals.iso(a.lastTsNanos())
                        + " (remove the dataset or import only new periods)");
            }
        }
        long total = 0;
        for (Manifest.Segment s : all) total += s.rows();
        List<Manifest.ImportRecord> imports = new ArrayList<>(existing == null ? List.of() : existing.imports());
        List<String> names = new ArrayList<>();
        for (Manifest.Segment s : written) names.add(s.file());
        imports.add(new Manifest.ImportRecord(sources, options, names));
        List<Manifest.ColumnInfo> cols = new ArrayList<>();
        for (Column c : schema) cols.add(new Manifest.ColumnInfo(c.name(), c.type().code()));
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.SCHEMA_VERSION, key.toString(), cols, total,
                all.isEmpty() ? 0 : all.getFirst().firstTsNanos(), all.isEmpty() ? 0 : all.getLast().lastTsNanos(), all, imports);
        try {
            for (Manifest.Segment s : written) AtomicFiles.move(dir.resolve(".tmp-" + s.file()), dir.resolve(s.file()));
            temps.clear();
            Json.writeAtomic(dir.resolve(Catalog.MANIFEST), m);
            if (replace) { // drop segment files the new manifest no longer lists
                Set<String> keep = new HashSet<>(names);
                try (var s = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        String f = p.getFileName().toString();
                        if (f.endsWith(SegmentFormat.EXTENSION) && !keep.contains(f)) Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + key + ": " + e.getMessage(), e);
        }
        return m;
    }

    private void deleteTemps() {
        for (Path p : temps) {
            try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
        }
        temps.clear();
    }

    /** Releases buffers and the lock; without a prior commit the batch is discarded. */
    @Override public void close() {
        stopSyncer();
        if (!committed) deleteTemps();
        if (arena != null) arena.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) { /* closing */ }
    }
}
