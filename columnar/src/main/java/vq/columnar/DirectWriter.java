package vq.columnar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one new file front to back, bypassing the page cache ({@code O_DIRECT}) where the file system allows it.
 * Bytes are gathered in {@link #CHUNK}-byte native chunks aligned to {@link #ALIGN} bytes; each full chunk is
 * written at its offset by the caller's I/O thread while the caller fills the next one, and {@link #finish} writes
 * the last chunk zero-padded to {@link #ALIGN}, truncates the file to its exact length, fsyncs and closes it.
 *
 * <p>Why: on the Firecracker VMs vq runs on, copying into fresh page-cache pages costs the writing thread about
 * 1.3–2.3 ms of kernel CPU per MB (400 MB through {@code write(2)}: 0.5–0.9 s kernel; with {@code O_DIRECT}:
 * 0.06–0.09 s), and the bytes have to reach the disk before a commit anyway. Where {@code O_DIRECT} is not
 * available (no {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, a file system that refuses it, a block size
 * that does not divide {@link #ALIGN}, or system property {@code vq.directio=false}), the same chunks go through
 * the page cache, and the I/O thread flushes every {@link #SYNC_EVERY} bytes so that the final fsync is short.
 * Either way the file's bytes are exactly those written.
 *
 * <p>Memory: at most {@link #MAX_IN_FLIGHT} + 1 chunks per open writer; idle chunks are kept for reuse
 * process-wide (at most {@link #MAX_IDLE}), since fresh memory is slow to touch on these VMs.
 *
 * <p>Not thread-safe: one thread calls {@code write}/{@code finish}/{@code close}. The I/O executor must run its
 * tasks one at a time, in submission order (a single-thread executor); it may be shared by several writers.
 */
public final class DirectWriter implements AutoCloseable {
    /** Bytes per chunk (1 MiB). */
    public static final int CHUNK = 1 << 20;
    /** Alignment of chunk addresses, file offsets and write lengths (bytes). */
    public static final int ALIGN = 4096;
    /** Chunks of one writer submitted and not yet written before {@code write} waits for the oldest. */
    static final int MAX_IN_FLIGHT = 4;
    /** Idle chunks kept for reuse, process-wide. */
    static final int MAX_IDLE = 16;
    /** Page-cache mode only: bytes written between background flushes. */
    static final long SYNC_EVERY = 8L << 20;
    /** System property: {@code false} turns {@code O_DIRECT} off (tests compare both modes). */
    public static final String PROPERTY = "vq.directio";

    private static final OpenOption DIRECT = directOption();
    private static final Queue<MemorySegment> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();
    /** Per directory: whether {@code O_DIRECT} works there (probed with the first file created in it). */
    private static final Map<Path, Boolean> DIRECT_OK = new ConcurrentHashMap<>();

    private final Path path;
    private final FileChannel ch;
    private final boolean direct;
    private final ExecutorService io;
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();
    private MemorySegment cur;
    private int fill;
    private long position; // file offset of cur
    private long synced;   // page-cache mode: bytes handed to a flush (touched by the I/O thread only)
    private boolean finished;

    private DirectWriter(Path path, FileChannel ch, boolean direct, ExecutorService io) {
        this.path = path;
        this.ch = ch;
        this.direct = direct;
        this.io = io;
        this.cur = take();
    }

    /**
     * Opens {@code path} for writing with {@code options} (as {@link FileChannel#open(Path, OpenOption...)}, plus
     * {@code O_DIRECT} where it works); chunks are written by {@code io}.
     *
     * @throws IOException if the file cannot be opened
     */
    public static DirectWriter open(Path path, ExecutorService io, OpenOption... options) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Boolean ok = DIRECT_OK.get(dir);
        if (DIRECT != null && !"false".equalsIgnoreCase(System.getProperty(PROPERTY)) && ok != Boolean.FALSE) {
            boolean existed = ok == null && Files.exists(path);
            OpenOption[] withDirect = java.util.Arrays.copyOf(options, options.length + 1);
            withDirect[options.length] = DIRECT;
            FileChannel ch = null;
            try {
                ch = FileChannel.open(path, withDirect);
                if (ok == null && ALIGN % Math.max(1, Files.getFileStore(path).getBlockSize()) != 0) {
                    ch.close();
                    ch = null;
                    if (!existed) Files.deleteIfExists(path);
                    DIRECT_OK.put(dir, false);
                } else {
                    DIRECT_OK.put(dir, true);
                    return new DirectWriter(path, ch, true, io);
                }
            } catch (IOException | UnsupportedOperationException e) {
                if (ch != null) ch.close();
                if (ok != null || e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NoSuchFileException
                        || e instanceof java.nio.file.AccessDeniedException) throw e; // not about O_DIRECT
                if (!existed) Files.deleteIfExists(path); // the refused open may have created it
                DIRECT_OK.put(dir, false);
            }
        }
        return new DirectWriter(path, FileChannel.open(path, options), false, io);
    }

    /** Whether this file bypasses the page cache. */
    public boolean direct() { return direct; }

    /** Bytes written so far. */
    public long size() { return position + fill; }

    /** Appends {@code src}'s bytes. */
    public void write(MemorySegment src) throws IOException {
        long off = 0, n = src.byteSize();
        while (off < n) {
            if (fill == CHUNK) submitChunk();
            int k = (int) Math.min(n - off, CHUNK - fill);
            MemorySegment.copy(src, off, cur, fill, k);
            fill += k;
            off += k;
        }
    }

    /** Appends {@code b[off, off + len)}. */
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (fill == CHUNK) submitChunk();
            int k = Math.min(len, CHUNK - fill);
            MemorySegment.copy(b, off, cur, ValueLayout.JAVA_BYTE, fill, k);
            fill += k;
            off += k;
            len -= k;
        }
    }

    /** Appends {@code n} zero bytes. */
    public void zeros(long n) throws IOException {
        while (n > 0) {
            if (fill == CHUNK) submitChunk();
            int k = (int) Math.min(n, CHUNK - fill);
            cur.asSlice(fill, k).fill((byte) 0);
            fill += k;
            n -= k;
        }
    }

    private void submitChunk() throws IOException {
        MemorySegment c = cur;
        long pos = position;
        cur = null;
        pending.add(io.submit(() -> {
            try {
                writeAt(c, CHUNK, pos);
            } finally {
                give(c);
            }
            return null;
        }));
        position += CHUNK;
        fill = 0;
        cur = take();
        while (!pending.isEmpty() && (pending.size() > MAX_IN_FLIGHT || pending.peekFirst().isDone())) await(pending.pollFirst());
    }

    private void writeAt(MemorySegment c, int len, long pos) throws IOException {
        ByteBuffer b = c.asSlice(0, len).asByteBuffer();
        while (b.hasRemaining()) ch.write(b, pos + b.position());
        if (!direct && pos + len - synced >= SYNC_EVERY) {
            synced = pos + len;
            ch.force(false);
        }
    }

    /**
     * Writes what is left and makes the file exactly {@link #size()} bytes, durable (fsync) and closed, on the
     * I/O thread. The returned future fails if any write failed (the file is closed then too, not deleted).
     * Nothing may be written after this.
     */
    public Future<?> finish() {
        if (finished) throw new IllegalStateException("already finished");
        finished = true;
        MemorySegment c = cur;
        cur = null;
        long len = position + fill;
        long pos = position;
        int tail = (fill + ALIGN - 1) & -ALIGN;
        if (tail > fill) c.asSlice(fill, tail - fill).fill((byte) 0);
        ArrayDeque<Future<?>> before = new ArrayDeque<>(pending);
        pending.clear();
        return io.submit(() -> {
            try (FileChannel f = ch) {
                try {
                    for (Future<?> p : before) await(p); // already done: the executor runs tasks in order
                    if (tail > 0) writeAt(c, tail, pos);
                } finally {
                    give(c);
                }
                if (f.size() != len) f.truncate(len);
                f.force(true);
                if (f.size() != len) throw new IOException(path + ": " + f.size() + " bytes written, expected " + len);
            }
            return null;
        });
    }

    /** Abandons the file if not finished: waits for its submitted writes and closes it (the caller deletes it). */
    @Override public void close() throws IOException {
        if (finished) return;
        finished = true;
        IOException first = null;
        for (Future<?> p : pending) {
            try {
                await(p);
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        pending.clear();
        if (cur != null) give(cur);
        cur = null;
        ch.close();
        if (first != null) throw first;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof IOException io) throw io;
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error er) throw er;
            throw new IOException(t);
        }
    }

    private static MemorySegment take() {
        MemorySegment c = IDLE.poll();
        if (c != null) {
            IDLE_COUNT.decrementAndGet();
            return c;
        }
        return Arena.ofAuto().allocate(CHUNK, ALIGN); // freed by the GC once dropped
    }

    private static void give(MemorySegment c) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) IDLE.add(c);
        else IDLE_COUNT.decrementAndGet();
    }

    /** {@code com.sun.nio.file.ExtendedOpenOption.DIRECT} (module jdk.unsupported), or null if this JDK lacks it. */
    private static OpenOption directOption() {
        try {
            Class<?> c = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            for (Object o : c.getEnumConstants()) if (((Enum<?>) o).name().equals("DIRECT")) return (OpenOption) o;
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return null;
        }
        return null;
    }
}
