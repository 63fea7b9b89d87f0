package vq.columnar;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Layout of a segment file ({@code *.vqc}), all little-endian:
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "VQCOLSEG"
 *      8     4  format version (1)
 *     12     4  column count C
 *     16     8  rows N
 *     24     8  first ts (epoch ns)
 *     32     8  last ts (epoch ns)
 *     40     8  header bytes H (multiple of 64)
 *     48    16  reserved (0)
 *     64  48*C  column directory: name (32 bytes ASCII, NUL padded), type code (1 byte: 1=i64, 2=f64, 3=i8),
 *               width (1 byte), 6 bytes 0, byte offset of the column (8)
 *   H...        columns in schema order; each starts at a 64-byte aligned offset and holds N values,
 *               zero padded to the next multiple of 64
 * </pre>
 *
 * The same offsets are listed in the manifest, so {@code numpy.memmap(path, '<f8', 'r', offset, (N,))} reads a
 * column without vq.
 */
public final class SegmentFormat {
    public static final byte[] MAGIC = "VQCOLSEG".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int ALIGN = 64;
    public static final int FIXED_HEADER = 64;
    public static final int DIR_ENTRY = 48;
    public static final String EXTENSION = ".vqc";

    private SegmentFormat() {}

    public static long align(long n) {
        return (n + ALIGN - 1) & -ALIGN;
    }

    public static long headerBytes(int columns) {
        return align(FIXED_HEADER + (long) DIR_ENTRY * columns);
    }

    /** Byte offsets of each column for a segment of {@code rows} rows of this schema. */
    public static long[] columnOffsets(List<Column> columns, long rows) {
        long[] off = new long[columns.size()];
        long pos = headerBytes(columns.size());
        for (int i = 0; i < off.length; i++) {
            off[i] = pos;
            pos += align(rows * columns.get(i).type().width());
        }
        return off;
    }

    /** Total file size for {@code rows} rows. */
    public static long fileBytes(List<Column> columns, long rows) {
        long pos = headerBytes(columns.size());
        for (Column c : columns) pos += align(rows * c.type().width());
        return pos;
    }

    static int typeCode(ColumnType t) {
        return switch (t) { case I64 -> 1; case F64 -> 2; case I8 -> 3; };
    }

    static ColumnType typeOf(int code, Path file) {
        return switch (code) {
            case 1 -> ColumnType.I64;
            case 2 -> ColumnType.F64;
            case 3 -> ColumnType.I8;
            default -> throw new CatalogException(file + ": unknown column type code " + code);
        };
    }

    /** Writes the header of a segment into {@code seg} (which must be at least {@link #headerBytes} long). */
    static void writeHeader(MemorySegment seg, List<Column> columns, long rows, long firstTs, long lastTs, long[] offsets) {
        MemorySegment.copy(MemorySegment.ofArray(MAGIC), 0, seg, 0, 8);
        seg.set(ValueLayouts.INT_LE, 8, VERSION);
        seg.set(ValueLayouts.INT_LE, 12, columns.size());
        seg.set(ColumnType.LONG_LE, 16, rows);
        seg.set(ColumnType.LONG_LE, 24, firstTs);
        seg.set(ColumnType.LONG_LE, 32, lastTs);
        seg.set(ColumnType.LONG_LE, 40, headerBytes(columns.size()));
        for (int i = 0; i < columns.size(); i++) {
            long e = FIXED_HEADER + (long) DIR_ENTRY * i;
            byte[] name = columns.get(i).name().getBytes(StandardCharsets.US_ASCII);
            if (name.length > 32) throw new IllegalArgumentException("column name too long: " + columns.get(i).name());
            MemorySegment.copy(MemorySegment.ofArray(name), 0, seg, e, name.length);
            seg.set(ColumnType.BYTE, e + 32, (byte) typeCode(columns.get(i).type()));
            seg.set(ColumnType.BYTE, e + 33, (byte) columns.get(i).type().width());
            seg.set(ColumnType.LONG_LE, e + 40, offsets[i]);
        }
    }

    /** Parsed header of a mapped segment file. */
    public record Header(int version, long rows, long firstTs, long lastTs, List<Column> columns, long[] offsets) {}

    /** Reads and checks the header of a mapped segment file. */
    public static Header readHeader(MemorySegment seg, Path file) {
        if (seg.byteSize() < FIXED_HEADER) throw new CatalogException(file + ": too short for a vq segment");
        for (int i = 0; i < 8; i++)
            if (seg.get(ColumnType.BYTE, i) != MAGIC[i]) throw new CatalogException(file + ": not a vq segment (bad magic)");
        int version = seg.get(ValueLayouts.INT_LE, 8);
        if (version != VERSION) throw new CatalogException(file + ": unsupported segment version " + version);
        int n = seg.get(ValueLayouts.INT_LE, 12);
        long rows = seg.get(ColumnType.LONG_LE, 16);
        List<Column> cols = new ArrayList<>(n);
        long[] off = new long[n];
        for (int i = 0; i < n; i++) {
            long e = FIXED_HEADER + (long) DIR_ENTRY * i;
            byte[] name = seg.asSlice(e, 32).toArray(ColumnType.BYTE);
            int len = 0;
            while (len < 32 && name[len] != 0) len++;
            cols.add(new Column(new String(name, 0, len, StandardCharsets.US_ASCII), typeOf(seg.get(ColumnType.BYTE, e + 32), file)));
            off[i] = seg.get(ColumnType.LONG_LE, e + 40);
            if (off[i] % ALIGN != 0 || off[i] + rows * cols.get(i).type().width() > seg.byteSize())
                throw new CatalogException(file + ": column " + cols.get(i).name() + " out of bounds");
        }
        return new Header(version, rows, seg.get(ColumnType.LONG_LE, 24), seg.get(ColumnType.LONG_LE, 32), cols, off);
    }
}
