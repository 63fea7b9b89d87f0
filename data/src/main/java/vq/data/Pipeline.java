package vq.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import vq.columnar.Catalog;

/**
 * Parallel parsing of the files of one batch, consumed in order. Workers (one per core) each take a whole file:
 * read it once, feeding its raw bytes to SHA-256 and (when the raw archive lacks it) to the archive (small ZIPs:
 * a copy for the batch's {@link RawArchive.Pack}; streamed files: a temp file in the archive), decompress, parse and check rows into {@link Block}s, which they put on that file's queue. Small ZIPs
 * (daily/monthly klines) are read whole into per-worker buffers and inflated in one call per entry ({@link
 * ZipBuffer}, {@link Inflate}: libdeflate when installed, else {@code java.util.zip}); other files are streamed. The
 * writing thread takes files strictly in order and appends their blocks. Bounded memory: at most
 * {@code window} files are in flight, each with at most {@link #QUEUE} blocks of {@link RowBlock#CAPACITY}
 * rows, whatever the input size.
 */
final class Pipeline implements AutoCloseable {
    static final int QUEUE = 4;
    /** Makes the workers' decompressors: {@link Inflate#open()}; tests swap in one implementation to compare them. */
    static volatile java.util.function.Supplier<Inflate> inflaters = Inflate::open;

    /**
     * What a worker reports when a file is done: its SHA-256, and the archive temp file of a streamed file or the
     * bytes of a small ZIP read whole ({@code raw[0, rawLength)}, for the batch's {@link RawArchive.Pack}: the worker's
     * own read buffer, handed over instead of copied; give it back with {@link #recycleFile}); both null if not to be
     * archived.
     */
    record End(String sha256, Path archiveTemp, byte[] raw, int rawLength) {
        End(String sha256, Path archiveTemp) { this(sha256, archiveTemp, null, 0); }
    }

    /**
     * What a worker reports first for a file that had no SHA-256 yet: its SHA-256 and length as read, and whether the
     * dataset already lists it (then nothing else of it is parsed or archived).
     */
    record Hashed(String sha256, long bytes, boolean known) {}

    /** A worker's failure, re-thrown by the consumer. */
    record Failure(Throwable error) {}

    /** One file's stream of blocks. */
    static final class Stream {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE + 1);
    }

    private final ExecutorService pool;
    private final int window;
    private final Map<Path, Boolean> temps = new ConcurrentHashMap<>();
    /** Row blocks handed back by the consumer, reused by the workers. */
    private final RowBlock.Pool blocks = new RowBlock.Pool();
    /** Idle per-worker buffers and decompressors (at most one per worker is ever created). */
    private final Queue<ZipBuffer.Scratch> scratch = new ConcurrentLinkedQueue<>();
    private final Queue<ZipBuffer.Scratch> allScratch = new ConcurrentLinkedQueue<>();
    /**
     * Read buffers the consumer gave back ({@link #recycleFile}). A buffer handed over with {@link End} is replaced
     * from here, so at most a window's worth of them exists, and none is copied.
     */
    private final Queue<byte[]> spareFiles = new ConcurrentLinkedQueue<>();

    Pipeline(int workers) {
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "vq-import");
            t.setDaemon(true);
            return t;
        });
        this.window = workers + 2;
    }

    static int defaultWorkers() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    /** How many files may be submitted ahead of the one being consumed. */
    int window() { return window; }

    /**
     * Starts parsing {@code f}; {@code archive} says whether to copy it into the raw archive while reading. A file
     * without a SHA-256 yet is hashed first: {@link Hashed} leads its stream, and if {@code known} holds the SHA-256
     * nothing more is done; whether to archive it is then decided from the raw archive.
     */
    Stream submit(Catalog catalog, SourceFile f, Resolved r, ImportOptions o, ImportListener listener, boolean archive, Set<String> known) {
        Stream s = new Stream();
        pool.execute(() -> {
            try {
                s.queue.put(parse(catalog, f, r, o, listener, archive, known, s));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    s.queue.put(new Failure(t));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return s;
    }

    private End parse(Catalog catalog, SourceFile f, Resolved r, ImportOptions o, ImportListener listener, boolean archive,
                      Set<String> known, Stream s) throws IOException, InterruptedException {
        if (Inputs.isZip(f.name()) && f.bytes() <= ZipBuffer.MAX_FILE) {
            ZipBuffer.Scratch w = scratch.poll();
            if (w == null) {
                w = new ZipBuffer.Scratch(inflaters.get());
                allScratch.add(w);
            }
            try {
                End e = parseInMemory(catalog, f, r, o, listener, archive, known, s, w);
                if (e != null) return e;
            } finally {
                scratch.add(w);
            }
        }
        if (f.sha256() == null) { // deferred, but larger than the in-memory path takes now: hash it first
            SourceFile h = f.hashed();
            boolean isKnown = known.contains(h.sha256());
            s.queue.put(new Hashed(h.sha256(), h.bytes(), isKnown));
            if (isKnown) return new End(h.sha256(), null);
            return parse(catalog, h, r, o, listener, !RawArchive.has(catalog, h), known, s);
        }
        MessageDigest md = sha256();
        Path temp = null;
        OutputStream out = null;
        if (archive) {
            temp = archiveTemp(catalog, f);
            out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        OutputStream sink = out;
        Timestamps.Unit forced = forcedUnit(o);
        try {
            Inputs.forEachMember(f.path(), f.name(), f.path().toString(), o.maxEntryBytes(), listener::advanced, (b, off, len) -> {
                md.update(b, off, len);
                if (sink != null) sink.write(b, off, len);
            }, (display, in) -> CsvRows.read(r.kind(), new ByteCsv(in, display), o.columns(), new Timestamps.Detector(forced), sinkOf(s)));
        } finally {
            if (out != null) out.close();
        }
        return new End(HexFormat.of().formatHex(md.digest()), temp);
    }

    /**
     * A small ZIP, read whole into {@code w}: one read, SHA-256 and the archive copy from memory (one write), entries
     * inflated in one call each and parsed in place ({@link ZipBuffer}); archives it cannot read whole are streamed
     * from the same bytes. Returns null (nothing done) if the file turned out larger than {@link ZipBuffer#MAX_FILE}.
     */
    private End parseInMemory(Catalog catalog, SourceFile f, Resolved r, ImportOptions o, ImportListener listener, boolean archive,
                              Set<String> known, Stream s, ZipBuffer.Scratch w) throws IOException, InterruptedException {
        String display = f.path().toString();
        int n;
        try {
            n = w.read(f.path());
        } catch (IOException e) {
            throw new UncheckedIOException(display + ": " + e.getMessage(), e);
        }
        if (n < 0) return null;
        byte[] file = w.file;
        w.sha256.update(file, 0, n);
        String sha = HexFormat.of().formatHex(w.sha256.digest());
        if (f.sha256() == null) { // hashed here, the only pass over the file
            f = f.withContent(sha, n);
            boolean isKnown = known.contains(sha);
            s.queue.put(new Hashed(sha, n, isKnown));
            if (isKnown) {
                listener.advanced(n);
                return new End(sha, null);
            }
            archive = !RawArchive.has(catalog, f);
        }
        byte[] raw = null;
        if (archive) { // the read buffer itself goes to the consumer (for the batch's pack) with End; take another
            raw = file;
            byte[] spare = spareFiles.poll();
            w.file = spare != null ? spare : new byte[file.length];
        }
        listener.advanced(n);
        Timestamps.Unit forced = forcedUnit(o);
        Block.Sink sink = sinkOf(s);
        if (ZipBuffer.applies(file, n)) {
            ZipBuffer.forEach(file, n, display, o.maxEntryBytes(), w, (member, data, off, len) ->
                    CsvRows.read(r.kind(), new ByteCsv(data, off, off + len, member), o.columns(), new Timestamps.Detector(forced), sink));
        } else {
            Inputs.members(new java.io.ByteArrayInputStream(file, 0, n), f.name(), display, o.maxEntryBytes(), null, null,
                    (member, in) -> CsvRows.read(r.kind(), new ByteCsv(in, member), o.columns(), new Timestamps.Detector(forced), sink));
        }
        return new End(sha, null, raw, raw == null ? 0 : n);
    }

    private static Timestamps.Unit forcedUnit(ImportOptions o) {
        return o.timeUnit() == null ? null : Timestamps.Unit.ofName(o.timeUnit());
    }

    /** A temp file in the raw archive for {@code f}'s copy, registered for clean-up. */
    private Path archiveTemp(Catalog catalog, SourceFile f) throws IOException {
        Path target = catalog.root().resolve(RawArchive.relative(f.sha256()));
        RawArchive.ensureDir(target.getParent());
        Path temp = target.resolveSibling(".tmp-" + f.sha256() + "-" + Thread.currentThread().threadId() + "-" + System.nanoTime());
        temps.put(temp, Boolean.TRUE);
        return temp;
    }

    /** Puts full blocks on the file's queue (blocking while the writer is behind); row blocks come from {@link #blocks}. */
    private Block.Sink sinkOf(Stream s) {
        return new Block.Sink() {
            @Override public Block accept(Block full) {
                try {
                    s.queue.put(full);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new java.io.InterruptedIOException("import cancelled"));
                }
                return full.next();
            }

            @Override public RowBlock.Pool pool() { return blocks; }
        };
    }

    /** The consumer is done with an {@link End#raw} buffer: the workers read later files into it. */
    void recycleFile(byte[] raw) {
        if (raw != null) spareFiles.add(raw);
    }

    /** The consumer is done with {@code b} (appended or discarded): its row blocks go back to the workers. */
    void recycle(Block b) {
        blocks.give(b);
    }

    /** The consumer took ownership of an archive temp file (moved or deleted it). */
    void released(Path temp) {
        if (temp != null) temps.remove(temp);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the workers and deletes archive temp files nobody took over. */
    @Override public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pool.isTerminated()) for (ZipBuffer.Scratch w : allScratch) w.close(); // else a stuck worker may still use it
        allScratch.clear();
        List<Path> left = new ArrayList<>(temps.keySet());
        for (Path p : left) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) { /* best effort */ }
        }
    }
}
