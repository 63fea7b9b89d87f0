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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import vq.columnar.Catalog;

/**
 * Parallel parsing of the files of one batch, consumed in order. Workers (one per core) each take a whole file:
 * read it once, feeding its raw bytes to SHA-256 and (when the raw archive lacks it) to a temp file in the
 * archive, decompress, parse and check rows into {@link Block}s, which they put on that file's queue. The
 * writing thread takes files strictly in order and appends their blocks. Bounded memory: at most
 * {@code window} files are in flight, each with at most {@link #QUEUE} blocks of {@link RowBlock#CAPACITY}
 * rows, whatever the input size.
 */
final class Pipeline implements AutoCloseable {
    static final int QUEUE = 4;

    /** What a worker reports when a file is done: its SHA-256 and the archive temp file (null if not archived). */
    record End(String sha256, Path archiveTemp) {}

    /** A worker's failure, re-thrown by the consumer. */
    record Failure(Throwable error) {}

    /** One file's stream of blocks. */
    static final class Stream {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE + 1);
    }

    private final ExecutorService pool;
    private final int window;
    private final Map<Path, Boolean> temps = new ConcurrentHashMap<>();

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

    /** Starts parsing {@code f}; {@code archive} says whether to copy it into the raw archive while reading. */
    Stream submit(Catalog catalog, SourceFile f, Resolved r, ImportOptions o, ImportListener listener, boolean archive) {
        Stream s = new Stream();
        pool.execute(() -> {
            try {
                s.queue.put(parse(catalog, f, r, o, listener, archive, s));
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

    private End parse(Catalog catalog, SourceFile f, Resolved r, ImportOptions o, ImportListener listener, boolean archive, Stream s)
            throws IOException {
        MessageDigest md = sha256();
        Path temp = null;
        OutputStream out = null;
        if (archive) {
            Path target = catalog.root().resolve(RawArchive.relative(f.sha256()));
            RawArchive.ensureDir(target.getParent());
            temp = target.resolveSibling(".tmp-" + f.sha256() + "-" + Thread.currentThread().threadId() + "-" + System.nanoTime());
            temps.put(temp, Boolean.TRUE);
            out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        OutputStream sink = out;
        Timestamps.Unit forced = o.timeUnit() == null ? null : Timestamps.Unit.ofName(o.timeUnit());
        try {
            Inputs.forEachMember(f.path(), f.name(), f.path().toString(), o.maxEntryBytes(), listener::advanced, (b, off, len) -> {
                md.update(b, off, len);
                if (sink != null) sink.write(b, off, len);
            }, (display, in) -> CsvRows.read(r.kind(), new ByteCsv(in, display), o.columns(), new Timestamps.Detector(forced), full -> {
                try {
                    s.queue.put(full);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new java.io.InterruptedIOException("import cancelled"));
                }
                return full.next();
            }));
        } finally {
            if (out != null) out.close();
        }
        return new End(HexFormat.of().formatHex(md.digest()), temp);
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
        List<Path> left = new ArrayList<>(temps.keySet());
        for (Path p : left) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) { /* best effort */ }
        }
    }
}
