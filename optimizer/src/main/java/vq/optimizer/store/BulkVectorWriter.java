package vq.optimizer.store;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.duckdb.DuckDBWritableVector;

/**
 * Column-at-a-time writes of primitive arrays into the output vectors of a DuckDB Java table
 * function, for {@link SweepResultsWriter}'s table function.
 *
 * <p>Why: {@link DuckDBWritableVector}'s public setters check the index and type, format nothing
 * but still call two message builders, and take a lock to set one validity bit, per value
 * (measured: handing DuckDB a million 27-column rows, {@code SELECT count(*)} over the table
 * function, took 0.70 s through the setters and 0.40 s with this class). The vector keeps
 * its data and validity mask in two native-order direct {@link ByteBuffer}s (fields {@code data} and
 * {@code validity} of duckdb_jdbc 2.0.x; the data zeroed and every row marked NULL when the vector
 * is made). Here they are read once per vector by reflection and filled with one bulk copy per
 * column and one word per 64 validity bits. When the fields are missing or not what is expected
 * (another driver version), {@link #AVAILABLE} is false and every method falls back to the public
 * per-value setters, which give the same table.
 *
 * <p>Rows always start at 0 of the vector (one call fills rows {@code [0, n)}); {@code n} must not
 * exceed the vector's capacity ({@link IndexOutOfBoundsException} otherwise). Not thread-safe per
 * vector, as the vectors themselves.
 */
final class BulkVectorWriter {
    private static final Field DATA;
    private static final Field VALIDITY;
    /** True when the driver's vectors have the expected buffers (the bulk path can be used). */
    static final boolean AVAILABLE;
    /** Whether the bulk path is used (tests turn it off to compare with the public setters). */
    static volatile boolean enabled;

    static {
        Field data = null, validity = null;
        boolean ok;
        try {
            data = DuckDBWritableVector.class.getDeclaredField("data");
            validity = DuckDBWritableVector.class.getDeclaredField("validity");
            ok = data.getType() == ByteBuffer.class && validity.getType() == ByteBuffer.class;
            if (ok) {
                data.setAccessible(true);
                validity.setAccessible(true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            ok = false;
        }
        DATA = ok ? data : null;
        VALIDITY = ok ? validity : null;
        AVAILABLE = ok;
        enabled = ok;
    }

    private BulkVectorWriter() {}

    private static MemorySegment segment(Field f, DuckDBWritableVector v) {
        try {
            ByteBuffer b = (ByteBuffer) f.get(v);
            if (!b.isDirect() || b.order() != ByteOrder.nativeOrder()) {
                throw new IllegalStateException("duckdb vector buffer is not a native-order direct buffer");
            }
            return MemorySegment.ofBuffer(b);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks rows {@code [0, n)} valid (not NULL). */
    private static void allValid(DuckDBWritableVector v, int n) {
        MemorySegment m = segment(VALIDITY, v);
        int words = n >>> 6;
        for (int w = 0; w < words; w++) m.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, w, -1L);
        int rest = n & 63;
        if (rest != 0) {
            long old = m.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, words);
            m.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, words, old | ((1L << rest) - 1));
        }
    }

    /** DOUBLE column: rows {@code [0, n)} = {@code src[from .. from+n)}, bit for bit (NaN payloads too). */
    static void putDoubles(DuckDBWritableVector v, double[] src, int from, int n) {
        if (!enabled) {
            for (int i = 0; i < n; i++) v.setDouble(i, src[from + i]);
            return;
        }
        MemorySegment.copy(src, from, segment(DATA, v), ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, n);
        allValid(v, n);
    }

    /** BIGINT column: rows {@code [0, n)} = {@code (long) src[from + i]} (count metrics kept as doubles). */
    static void putLongsOfDoubles(DuckDBWritableVector v, double[] src, int from, int n) {
        if (!enabled) {
            for (int i = 0; i < n; i++) v.setLong(i, (long) src[from + i]);
            return;
        }
        MemorySegment d = segment(DATA, v);
        for (int i = 0; i < n; i++) d.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, (long) src[from + i]);
        allValid(v, n);
    }

    /** BIGINT column: rows {@code [0, n)} = {@code src[from .. from+n)}. */
    static void putLongs(DuckDBWritableVector v, long[] src, int from, int n) {
        if (!enabled) {
            for (int i = 0; i < n; i++) v.setLong(i, src[from + i]);
            return;
        }
        MemorySegment.copy(src, from, segment(DATA, v), ValueLayout.JAVA_LONG_UNALIGNED, 0, n);
        allValid(v, n);
    }

    /** INTEGER column: rows {@code [0, n)} = {@code src[from + i]}, NULL where that value is negative. */
    static void putIntsNullIfNegative(DuckDBWritableVector v, int[] src, int from, int n) {
        if (!enabled) {
            for (int i = 0; i < n; i++) {
                int x = src[from + i];
                if (x < 0) v.setNull(i);
                else v.setInt(i, x);
            }
            return;
        }
        MemorySegment d = segment(DATA, v), m = segment(VALIDITY, v);
        for (int w = 0; w << 6 < n; w++) {
            int lo = w << 6, hi = Math.min(n, lo + 64);
            long bits = m.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, w);
            for (int i = lo; i < hi; i++) {
                int x = src[from + i];
                long bit = 1L << (i - lo);
                if (x < 0) {
                    bits &= ~bit;
                } else {
                    d.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, x);
                    bits |= bit;
                }
            }
            m.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, w, bits);
        }
    }

    /** BOOLEAN column: rows {@code [0, n)} = {@code src[from .. from+n)}. */
    static void putBooleans(DuckDBWritableVector v, boolean[] src, int from, int n) {
        if (!enabled) {
            for (int i = 0; i < n; i++) v.setBoolean(i, src[from + i]);
            return;
        }
        MemorySegment d = segment(DATA, v);
        for (int i = 0; i < n; i++) d.set(ValueLayout.JAVA_BYTE, i, src[from + i] ? (byte) 1 : (byte) 0);
        allValid(v, n);
    }
}
