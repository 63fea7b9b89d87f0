package vq.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import vq.columnar.InputException;

/**
 * A whole ZIP archive held in memory: the path for small archives such as Binance's daily and monthly kline
 * ZIPs (a daily 1m kline ZIP is ~64 KB holding a ~210 KB CSV). The file is read with one call; each entry is
 * located from its local header, decompressed in one call ({@link Inflate}: libdeflate when present) into a
 * reusable buffer of exactly its declared size, its CRC-32 and size are checked, and the handler gets the bytes
 * as an array range: no streams and no copies between inflate and the CSV parser.
 *
 * <p>Applies ({@link #applies}) when the file is at most {@link #MAX_FILE} bytes and every entry declares its sizes in
 * its local header (no data descriptor, no ZIP64), is stored or deflated, not encrypted, and at most {@link
 * #MAX_ENTRY} bytes; other archives go through the streaming readers ({@link ZipEntries}, {@code ZipInputStream}),
 * so memory stays bounded (at most {@code MAX_FILE + MAX_ENTRY} bytes per worker) whatever the input size. The
 * guards are those of the streaming readers: entry names may not escape (path traversal), at most {@link
 * Inputs#MAX_ENTRIES} entries, a member's declared size is capped by {@code maxEntryBytes} and its compression
 * ratio by {@link Inputs#MAX_RATIO}:1 (past 4 MiB), checked before anything is decompressed.
 */
final class ZipBuffer {
    /** Largest archive read whole (bytes). */
    static final int MAX_FILE = 16 << 20;
    /** Largest entry decompressed whole (bytes). */
    static final int MAX_ENTRY = 32 << 20;
    private static final long RATIO_GRACE = 4L << 20;

    /** Receives one member's decompressed bytes {@code data[off, off + len)} (valid only during the call). */
    interface Handler {
        void member(String displayName, byte[] data, int off, int len) throws IOException;
    }

    private ZipBuffer() {}

    /** Per-thread reusable state: file and output buffers, the decompressor, CRC-32 and SHA-256. Not thread-safe. */
    static final class Scratch implements AutoCloseable {
        byte[] file = new byte[1 << 17];
        byte[] out = new byte[1 << 18];
        final Inflate inflate;
        final CRC32 crc = new CRC32();
        final MessageDigest sha256;

        Scratch(Inflate inflate) {
            this.inflate = inflate;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Reads the whole file into {@link #file}; returns its length, or -1 if it is longer than {@link #MAX_FILE}
         * (nothing useful is in the buffer then).
         */
        int read(Path p) throws IOException {
            try (FileChannel ch = FileChannel.open(p)) {
                long size = ch.size();
                if (size > MAX_FILE) return -1;
                if (file.length < size + 1) file = new byte[(int) Math.max(size + 1, file.length * 2L)];
                ByteBuffer b = ByteBuffer.wrap(file);
                while (true) { // until EOF: the file may have grown since size() (the SHA-256 check then reports it)
                    if (!b.hasRemaining()) {
                        if (b.position() >= MAX_FILE) return -1;
                        file = java.util.Arrays.copyOf(file, Math.min(file.length * 2, MAX_FILE + 1));
                        b = ByteBuffer.wrap(file).position(b.position());
                    }
                    if (ch.read(b) < 0) return b.position();
                }
            }
        }

        byte[] out(int n) {
            if (out.length < n) out = new byte[Math.max(n, (int) Math.min(MAX_ENTRY, out.length * 2L))];
            return out;
        }

        @Override public void close() { inflate.close(); }
    }

    /** Whether {@link #forEach} can read {@code b[0, len)} (see class comment); false sends it to the streaming readers. */
    static boolean applies(byte[] b, int len) {
        int p = 0, entries = 0;
        while (true) {
            if (p + 4 > len) return false;
            int sig = ZipEntries.le32(b, p);
            if (sig == ZipEntries.CENTRAL || sig == ZipEntries.END) return entries > 0;
            if (sig != ZipEntries.LOCAL || p + 30 > len || ++entries > Inputs.MAX_ENTRIES) return false;
            int flags = ZipEntries.le16(b, p + 6), method = ZipEntries.le16(b, p + 8);
            long csize = ZipEntries.le32(b, p + 18) & 0xFFFFFFFFL, usize = ZipEntries.le32(b, p + 22) & 0xFFFFFFFFL;
            if ((flags & 0x9) != 0 || (method != 0 && method != 8) || csize == 0xFFFFFFFFL || usize > MAX_ENTRY) return false;
            long next = p + 30L + ZipEntries.le16(b, p + 26) + ZipEntries.le16(b, p + 28) + csize;
            if (next > len) return false;
            p = (int) next;
        }
    }

    /**
     * Hands every data member of the archive {@code b[0, len)} to {@code h}, in archive order (directories,
     * {@code .CHECKSUM} files and {@code __MACOSX/} entries are skipped). Call only if {@link #applies} said so.
     *
     * @param display how errors name the archive; members are named {@code display!entry}
     * @throws InputException on an unsafe entry name, a member over {@code maxEntryBytes} or the ratio limit, damaged
     *                        data (invalid DEFLATE, CRC-32 or size differs from the header), or no data member
     */
    static void forEach(byte[] b, int len, String display, long maxEntryBytes, Scratch s, Handler h) throws IOException {
        int p = 0, members = 0;
        while (true) {
            int sig = ZipEntries.le32(b, p);
            if (sig == ZipEntries.CENTRAL || sig == ZipEntries.END) break;
            int flags = ZipEntries.le16(b, p + 6), method = ZipEntries.le16(b, p + 8);
            int crc = ZipEntries.le32(b, p + 14);
            long csize = ZipEntries.le32(b, p + 18) & 0xFFFFFFFFL, usize = ZipEntries.le32(b, p + 22) & 0xFFFFFFFFL;
            int nameLen = ZipEntries.le16(b, p + 26), extraLen = ZipEntries.le16(b, p + 28);
            String name = new String(b, p + 30, nameLen, (flags & 0x800) != 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Inputs.checkEntryName(name, display);
            int data = p + 30 + nameLen + extraLen;
            p = (int) (data + csize);
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.endsWith("/") || lower.endsWith(".checksum") || lower.startsWith("__macosx/")) continue;
            String member = display + "!" + name;
            if (usize > maxEntryBytes)
                throw new InputException(member + ": declares " + usize + " bytes, over the limit of " + maxEntryBytes);
            if (usize > RATIO_GRACE && usize > Inputs.MAX_RATIO * Math.max(1, csize))
                throw new InputException(member + ": compression ratio above " + Inputs.MAX_RATIO + ":1 (refusing a likely zip bomb)");
            members++;
            int n = (int) usize;
            byte[] out;
            int off;
            if (method == 8) {
                out = s.out(n);
                off = 0;
                try {
                    s.inflate.inflate(b, data, (int) csize, out, n);
                } catch (DataFormatException e) {
                    throw new InputException(member + ": damaged entry (" + e.getMessage() + ")", e);
                }
            } else {
                if (csize != usize) throw new InputException(member + ": damaged entry (stored entry whose sizes differ in its header)");
                out = b;
                off = data;
            }
            s.crc.reset();
            s.crc.update(out, off, n);
            if ((int) s.crc.getValue() != crc)
                throw new InputException(member + ": damaged entry (CRC-32 differs from its header)");
            h.member(member, out, off, n);
        }
        if (members == 0) throw new InputException(display + ": the archive holds no data file");
    }
}
