package vq.columnar;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Fixed-width little-endian column types of the catalog. */
public enum ColumnType {
    /** signed 64-bit integer ({@code <i8} in numpy). */
    I64(8, "<i8"),
    /** IEEE-754 binary64 ({@code <f8}). */
    F64(8, "<f8"),
    /** signed 8-bit integer ({@code i1}). */
    I8(1, "i1");

    /** Little-endian, naturally aligned layouts; columns start at 64-byte aligned offsets so these are safe. */
    public static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;

    private final int width;
    private final String numpy;

    ColumnType(int width, String numpy) {
        this.width = width;
        this.numpy = numpy;
    }

    /** Bytes per value. */
    public int width() { return width; }

    /** The numpy dtype string of this type. */
    public String numpyDtype() { return numpy; }

    /** Lower-case name used in manifests ({@code i64}, {@code f64}, {@code i8}). */
    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static ColumnType ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
