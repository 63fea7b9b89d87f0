package vq.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import vq.columnar.InputException;

/**
 * Opens a source file as a sequence of text members: a ZIP's entries (streamed with {@link ZipInputStream}), a
 * gzip stream, or the plain file. Guards: ZIP entry names may not escape (no {@code ..}, no absolute paths),
 * at most {@link #MAX_ENTRIES} entries, and every decompressed member is capped both in size
 * ({@code maxEntryBytes}) and in compression ratio ({@link #MAX_RATIO}:1 once past 4 MiB), which stops zip
 * bombs while reading rather than after.
 */
final class Inputs {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_RATIO = 200;
    private static final long RATIO_GRACE = 4L << 20;

    /** Receives each member: its display name ({@code file.zip!entry.csv}) and its decompressed bytes. */
    interface MemberHandler {
        void member(String displayName, InputStream in) throws IOException;
    }

    private Inputs() {}

    static boolean isZip(String name) { return name.toLowerCase(Locale.ROOT).endsWith(".zip"); }

    static boolean isGzip(String name) { return name.toLowerCase(Locale.ROOT).endsWith(".gz"); }

    static boolean isParquet(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".pq");
    }

    /**
     * Streams every member of {@code file}; {@code name} (the source's file name) tells the container type,
     * {@code display} is how errors name the file. {@code progress} receives the number of raw file bytes read as they
     * are read (may be null).
     */
    static void forEachMember(Path file, String name, String display, long maxEntryBytes, LongConsumer progress, MemberHandler h) {
        forEachMember(file, name, display, maxEntryBytes, progress, null, h);
    }

    /** Receives every raw byte of the file, in order, exactly once (hashing and archiving while parsing). */
    interface RawTap {
        void bytes(byte[] b, int off, int len) throws IOException;
    }

    /**
     * As above; with a {@code tap}, the whole file is read to its end (past a ZIP's central directory) so that the
     * tap sees all of it.
     */
    static void forEachMember(Path file, String name, String display, long maxEntryBytes, LongConsumer progress, RawTap tap,
                              MemberHandler h) {
        if (isParquet(name)) {
            parquet(file, display, progress, tap, h);
            return;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            members(raw, name, display, maxEntryBytes, progress, tap, h);
        } catch (IOException e) {
            throw new UncheckedIOException(display + ": " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #forEachMember(Path, String, String, long, LongConsumer, RawTap, MemberHandler)} on the bytes of
     * {@code raw} (not closed here): a file's content already read into memory. Not for Parquet.
     */
    static void members(InputStream raw, String name, String display, long maxEntryBytes, LongConsumer progress, RawTap tap,
                        MemberHandler h) {
        try {
            Counting counted = new Counting(raw, progress, tap);
            InputStream buffered = new BufferedInputStream(counted, 1 << 16);
            if (isZip(name)) {
                if (ZipEntries.fastPathApplies(buffered)) ZipEntries.forEach(buffered, counted, display, maxEntryBytes, h);
                else zip(buffered, counted, display, maxEntryBytes, h);
            }
            else if (isGzip(name)) {
                GZIPInputStream gz = new GZIPInputStream(buffered, 1 << 16);
                h.member(display, new Guard(gz, counted, maxEntryBytes, display));
            } else h.member(display, buffered);
            if (tap != null) buffered.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (ZipException e) {
            throw new InputException(display + ": not a valid archive: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new InputException(display + ": truncated archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(display + ": " + e.getMessage(), e);
        }
    }

    /** Parquet: converted to a temporary CSV by DuckDB, which is then the single member. */
    private static void parquet(Path file, String display, LongConsumer progress, RawTap tap, MemberHandler h) {
        Path csv = null;
        try {
            csv = ParquetCsv.toCsv(file, display);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(csv), 1 << 16)) {
                h.member(display, in);
            }
            try (InputStream raw = Files.newInputStream(file)) { // raw bytes for progress, hashing and archiving
                new Counting(raw, progress, tap).transferTo(java.io.OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(display + ": " + e.getMessage(), e);
        } finally {
            if (csv != null) {
                try {
                    Files.deleteIfExists(csv);
                } catch (IOException ignored) { /* temp file */ }
            }
        }
    }

    private static void zip(InputStream buffered, Counting counted, String display, long maxEntryBytes, MemberHandler h) throws IOException {
        ZipInputStream z = new ZipInputStream(buffered);
        int entries = 0, members = 0;
        for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
            if (++entries > MAX_ENTRIES) throw new InputException(display + ": more than " + MAX_ENTRIES + " entries");
            String name = e.getName();
            checkEntryName(name, display);
            if (e.isDirectory()) continue;
            if (e.getSize() > maxEntryBytes)
                throw new InputException(display + "!" + name + ": declares " + e.getSize() + " bytes, over the limit of " + maxEntryBytes);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".checksum") || lower.startsWith("__macosx/")) continue;
            members++;
            h.member(display + "!" + name, new Guard(z, counted, maxEntryBytes, display + "!" + name));
        }
        if (members == 0) throw new InputException(display + ": the archive holds no data file");
    }

    /** Rejects entry names that could escape a directory if extracted (path traversal). */
    static void checkEntryName(String name, String display) {
        String n = name.replace('\\', '/');
        if (n.isEmpty() || n.startsWith("/") || (n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0)) && n.charAt(0) < 128) || n.equals("..") || n.startsWith("../")
                || n.contains("/../") || n.endsWith("/..") || n.indexOf('\0') >= 0)
            throw new InputException(display + ": unsafe entry name '" + name + "' (path traversal)");
    }

    /** Counts raw bytes read (for progress and the compression ratio) and feeds the tap. */
    static final class Counting extends FilterInputStream {
        long count;
        private final LongConsumer progress;
        private final RawTap tap;

        Counting(InputStream in, LongConsumer progress, RawTap tap) {
            super(in);
            this.progress = progress;
            this.tap = tap;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                if (tap != null) tap.bytes(b, off, n);
                add(n);
            }
            return n;
        }

        @Override public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) break;
                done += r;
            }
            return done;
        }

        private void add(long n) {
            count += n;
            if (progress != null) progress.accept(n);
        }

        @Override public void close() { /* the owner closes the file */ }
    }

    /** Caps one decompressed member's size and ratio; does not close the underlying stream. */
    static final class Guard extends FilterInputStream {
        private final Counting raw;
        private final long max;
        private final String display;
        private final long rawStart;
        private long out;

        Guard(InputStream in, Counting raw, long max, String display) {
            super(in);
            this.raw = raw;
            this.max = max;
            this.display = display;
            this.rawStart = raw.count;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                out += n;
                if (out > max) throw new InputException(display + ": decompresses to more than " + max + " bytes (limit; zip bomb?)");
                long compressed = raw.count - rawStart;
                if (out > RATIO_GRACE && out > MAX_RATIO * Math.max(1, compressed))
                    throw new InputException(display + ": compression ratio above " + MAX_RATIO + ":1 (refusing a likely zip bomb)");
            }
            return n;
        }

        @Override public void close() { /* members are closed by the archive */ }
    }
}
