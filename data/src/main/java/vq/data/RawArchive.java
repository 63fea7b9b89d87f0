package vq.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import vq.columnar.AtomicFiles;
import vq.columnar.Catalog;
import vq.columnar.DirectWriter;
import vq.columnar.InputException;

/**
 * The raw archive: every imported source file copied byte for byte under {@code catalog/raw/<sha[0:2]>/<sha256>}
 * (content-addressed, so the same file is stored once however often it is imported), or, for small ZIPs read
 * whole by the import pipeline, appended to one {@link Pack} per import batch. Manifests refer to a source by
 * that relative path ({@code raw/ab/<sha256>} or {@code raw/packs/<id>.pack#<offset>}); {@code vq data rebuild}
 * replays imports from it.
 */
final class RawArchive {
    private RawArchive() {}

    /** Path of a SHA-256 relative to the catalog root. */
    static String relative(String sha256) {
        return "raw/" + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Copies {@code f} into the archive (temp + rename) unless it is there already; returns its relative path. */
    static String store(Catalog catalog, SourceFile f) {
        String rel = relative(f.sha256());
        Path target = catalog.root().resolve(rel);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == f.bytes()) return rel;
            ensureDir(target.getParent());
            Path tmp = AtomicFiles.tempFor(target);
            Files.copy(f.path(), tmp, StandardCopyOption.REPLACE_EXISTING);
            String sha = SourceFile.sha256(tmp);
            if (!sha.equals(f.sha256())) {
                Files.deleteIfExists(tmp);
                throw new InputException(f.path() + ": changed while being imported (SHA-256 differs)");
            }
            AtomicFiles.move(tmp, target);
            return rel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + f.path() + " into " + target + ": " + e.getMessage(), e);
        }
    }

    private static final java.util.Set<Path> KNOWN_DIRS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Creates an archive directory once per process (avoids a mkdir call per file). */
    static void ensureDir(Path dir) throws IOException {
        if (KNOWN_DIRS.contains(dir) && Files.isDirectory(dir)) return;
        Files.createDirectories(dir);
        KNOWN_DIRS.add(dir);
    }

    /** Whether the archive already holds this content. */
    static boolean has(Catalog catalog, SourceFile f) {
        Path p = catalog.root().resolve(relative(f.sha256()));
        try {
            return Files.isRegularFile(p) && Files.size(p) == f.bytes();
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a verified temp copy into place (atomic rename); returns whether it created the archive entry. */
    static boolean install(Catalog catalog, SourceFile f, Path temp) throws IOException {
        Path target = catalog.root().resolve(relative(f.sha256()));
        if (has(catalog, f)) {
            Files.deleteIfExists(temp);
            return false;
        }
        AtomicFiles.move(temp, target);
        return true;
    }

    /** Directory of the batch packs, relative to the catalog root. */
    static final String PACKS = "raw/packs/";

    /**
     * Where an archived source's bytes are: {@code bytes} bytes from {@code offset} of {@code file} (the whole file for
     * a per-file entry, offset 0).
     */
    record Member(Path file, long offset, long bytes) {
        /** The member's bytes (tests and small files only: the whole member is read into memory). */
        byte[] read() throws IOException {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Math.toIntExact(bytes));
                while (b.hasRemaining()) if (ch.read(b, offset + b.position()) < 0) throw new java.io.EOFException(file + ": shorter than its archive entry");
                return b.array();
            }
        }
    }

    /**
     * Where the manifest entry {@code archive} (a per-file path {@code raw/ab/<sha256>}, or a pack member
     * {@code raw/packs/<id>.pack#<offset>}) of a source of {@code bytes} bytes lives.
     */
    static Member locate(Catalog catalog, String archive, long bytes) {
        int hash = archive.indexOf('#');
        if (hash < 0) return new Member(catalog.root().resolve(archive), 0, bytes);
        return new Member(catalog.root().resolve(archive.substring(0, hash)), Long.parseLong(archive.substring(hash + 1)), bytes);
    }

    /**
     * The raw files of one import batch, appended to one pack file in the order the batch read them (one file
     * created per batch instead of one per source: creating thousands of small files costs a large part of the kernel time
     * of an import on ext4). Written as {@code raw/packs/.tmp-<pid>-<n>} by a background thread, bypassing the page
     * cache where the file system allows ({@link DirectWriter}); {@link #install} waits for it, fsyncs it and renames
     * it to {@code raw/packs/<id>.pack}, {@code id} being the SHA-256 of its members' SHA-256s in order, before the
     * batch's manifests are written. Members are the source files byte for byte, back to back; manifests name them
     * {@code raw/packs/<id>.pack#<offset>} (their length is the source's {@code bytes}). Used by one thread.
     */
    static final class Pack implements AutoCloseable {
        private final Catalog catalog;
        private final Path temp;
        private final DirectWriter out;
        private final java.security.MessageDigest ids;
        private final java.util.Map<String, Long> offsets = new java.util.LinkedHashMap<>();
        private long size;
        private Path installed;
        /** Writes the pack's chunks while it grows, so that {@link #install} has little left to do. */
        private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vq-raw-sync");
            t.setDaemon(true);
            return t;
        });

        Pack(Catalog catalog) throws IOException {
            this.catalog = catalog;
            Path dir = catalog.root().resolve(PACKS);
            ensureDir(dir);
            removeDeadTemps(dir);
            temp = dir.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                ids = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try {
                out = DirectWriter.open(temp, writer, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                writer.shutdown();
                throw e;
            }
        }

        /** Temp packs of processes that no longer run (killed imports); those of running imports are left alone. */
        private static void removeDeadTemps(Path dir) throws IOException {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String n = p.getFileName().toString();
                    if (!n.startsWith(".tmp-")) continue;
                    String[] parts = n.split("-");
                    try {
                        if (parts.length >= 3 && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) Files.deleteIfExists(p);
                    } catch (NumberFormatException ignored) { /* not ours */ }
                }
            }
        }

        /** Appends a source's bytes {@code bytes[0, n)} (once per SHA-256). */
        void add(String sha256, byte[] bytes, int n) throws IOException {
            if (offsets.containsKey(sha256)) return;
            out.write(bytes, 0, n);
            offsets.put(sha256, size);
            ids.update(sha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            size += n;
        }

        boolean isEmpty() { return offsets.isEmpty(); }

        /**
         * Makes the pack durable and puts it in place; returns the manifest entry of each member (by SHA-256). The
         * installed pack is {@link #installed()} (null if an identical pack was there already).
         */
        java.util.Map<String, String> install() throws IOException {
            try {
                out.finish().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing " + temp);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            String rel = PACKS + HexFormat.of().formatHex(ids.digest()) + ".pack";
            Path target = catalog.root().resolve(rel);
            if (Files.isRegularFile(target) && Files.size(target) == size) Files.deleteIfExists(temp); // the same members
            else {
                AtomicFiles.move(temp, target);
                installed = target;
            }
            java.util.Map<String, String> refs = new java.util.HashMap<>();
            for (var e : offsets.entrySet()) refs.put(e.getKey(), rel + "#" + e.getValue());
            return refs;
        }

        /** The pack file {@link #install} created, or null. */
        Path installed() { return installed; }

        /** Deletes the temp file unless installed. */
        @Override public void close() {
            try {
                out.close(); // waits for its writes if not finished
            } catch (IOException ignored) { /* best effort */ }
            writer.shutdown();
            try {
                writer.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) { /* best effort */ }
        }
    }

    /** The archived file of a SHA-256; throws if it is missing or damaged. */
    static Path find(Catalog catalog, String sha256, String name) {
        Path p = catalog.root().resolve(relative(sha256));
        if (!Files.isRegularFile(p))
            throw new InputException("raw archive is missing " + name + " (sha256 " + sha256 + ") at " + p + "; cannot rebuild");
        return p;
    }
}
