package vq.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;
import vq.columnar.InputException;

/**
 * A streaming, byte-level CSV cursor: one line at a time, fields read in order straight from the byte buffer
 * without creating a String per field. Lines end with {@code \n} or {@code \r\n}; blank lines are skipped; a
 * field may be wrapped in double quotes (Binance's funding exports quote their rates). Memory is one buffer of
 * {@link #INITIAL_BUFFER} bytes, grown only for a line longer than that (up to {@link #MAX_LINE}).
 *
 * <p>Errors are {@link InputException}s naming the source, the 1-based line and the field.
 */
final class ByteCsv implements Target.Location {
    static final int INITIAL_BUFFER = 1 << 20;
    static final int MAX_LINE = 1 << 24;

    private final InputStream in;
    private final String source;
    private byte[] buf;
    private int start;    // start of the current line
    private int end;      // end of the current line's content (excl. \r\n)
    private int next;     // start of the line after the current one
    private int limit;    // bytes valid in buf
    private int cur;      // field cursor within [start, end]
    private boolean eof;
    private long line;    // 1-based number of the current line
    private long bytesConsumed;

    ByteCsv(InputStream in, String source) {
        this.in = in;
        this.source = source;
        this.buf = new byte[INITIAL_BUFFER];
    }

    /**
     * A cursor over {@code data[from, to)} in memory (a decompressed ZIP member), read in place: no buffer is
     * allocated and nothing is copied. The array must not change while the cursor is used.
     */
    ByteCsv(byte[] data, int from, int to, String source) {
        java.util.Objects.checkFromToIndex(from, to, data.length);
        this.in = null;
        this.source = source;
        this.buf = data;
        this.next = from;
        this.limit = to;
        this.eof = true;
        this.bytesConsumed = -from;
    }

    String source() { return source; }

    long line() { return line; }

    /** Advances to the next non-blank line; false at end of input. */
    boolean nextLine() {
        while (true) {
            int nl = scanLine(next);
            int lineEnd, after;
            if (nl < 0) {
                if (fill()) continue;
                if (next >= limit) return false;
                scanLine(next); // fill() may have moved the bytes before finding the end of input: index them again
                lineEnd = limit; // last line without a newline
                after = limit;
            } else {
                lineEnd = nl;
                after = nl + 1;
            }
            line++;
            start = next;
            next = after;
            end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            cur = start;
            sepIdx = 0;
            if (end > start) return true;
        }
    }

    /** Vector width of the line scan: the preferred one, at most 64 lanes (a mask must fit a long). */
    private static final VectorSpecies<Byte> LANES =
            ByteVector.SPECIES_PREFERRED.length() <= 64 ? ByteVector.SPECIES_PREFERRED : ByteVector.SPECIES_256;
    /** More commas than this in a line: the line is read without the comma index. */
    private static final int MAX_SEPS = 4096;

    /**
     * Commas of the current line (positions, ascending), found with its newline by {@link #scanLine}; valid only
     * while {@link #indexed} (no quote in the line and at most {@link #MAX_SEPS} commas). With them every field's
     * end is known before it is parsed, so the parses of a row's fields do not wait for each other.
     */
    private int[] seps = new int[64];
    private int nSeps;
    private boolean indexed;
    private int sepIdx; // seps[sepIdx] is the first comma at or after the cursor (usually)

    /**
     * The first newline at or after {@code from} (-1 if none before {@link #limit}), a vector of bytes at a time;
     * records the commas before it in {@link #seps} and whether a quote occurs ({@link #indexed}).
     */
    private int scanLine(int from) {
        byte[] b = buf;
        int i = from, n = limit, ns = 0, step = LANES.length();
        int[] sp = seps;
        boolean ok = true;
        for (; i + step <= n; i += step) {
            ByteVector v = ByteVector.fromArray(LANES, b, i);
            long nl = v.eq((byte) '\n').toLong();
            long cm = v.eq((byte) ',').toLong();
            long qt = v.eq((byte) '"').toLong();
            long before = nl == 0 ? -1L : (nl & -nl) - 1; // lanes before the first newline
            cm &= before;
            if ((qt & before) != 0) ok = false;
            if (ok) {
                if (ns + Long.bitCount(cm) > sp.length) {
                    if (ns + Long.bitCount(cm) > MAX_SEPS) ok = false;
                    else sp = seps = java.util.Arrays.copyOf(sp, Math.min(MAX_SEPS, Math.max(sp.length * 2, ns + 64)));
                }
                if (ok) {
                    for (; cm != 0; cm &= cm - 1) sp[ns++] = i + Long.numberOfTrailingZeros(cm);
                }
            }
            if (nl != 0) {
                nSeps = ns;
                indexed = ok;
                return i + Long.numberOfTrailingZeros(nl);
            }
        }
        for (; i < n; i++) {
            byte c = b[i];
            if (c == '\n') break;
            if (c == '"') ok = false;
            else if (c == ',' && ok) {
                if (ns == sp.length) {
                    if (ns >= MAX_SEPS) {
                        ok = false;
                        continue;
                    }
                    sp = seps = java.util.Arrays.copyOf(sp, Math.min(MAX_SEPS, sp.length * 2));
                }
                sp[ns++] = i;
            }
        }
        nSeps = ns;
        indexed = ok;
        return i < n ? i : -1;
    }

    /** End of the field that starts at {@code p} on an indexed line: the first comma at or after it, else the line end. */
    private int fieldEnd(int p) {
        int[] sp = seps;
        int i = sepIdx, n = nSeps;
        if (i > 0 && sp[i - 1] >= p) i = 0; // the cursor moved back (rewind, header scan)
        while (i < n && sp[i] < p) i++;
        sepIdx = i;
        return i < n ? sp[i] : end;
    }

    /** Moves the unread tail to the buffer start and reads more; false if nothing more can be read. */
    private boolean fill() {
        if (eof) return false;
        int tail = limit - next;
        if (next > 0) {
            System.arraycopy(buf, next, buf, 0, tail);
            bytesConsumed += next;
            limit = tail;
            start -= next;
            end -= next;
            cur -= next;
            next = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE)
                throw InputException.at(java.nio.file.Path.of(source), line + 1, null, "line longer than " + MAX_LINE + " bytes");
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit += n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed: " + e.getMessage(), e);
        }
    }

    /** Whether the current line's first byte is a digit or sign (a data row rather than a header). */
    boolean startsNumeric() {
        if (end <= start) return false;
        byte c = buf[start];
        if (c == '"' && end > start + 1) c = buf[start + 1];
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    /** Fields of the current line as strings (for headers and slow paths only). Does not move the cursor. */
    List<String> fields() {
        List<String> out = new ArrayList<>();
        int p = start;
        while (true) {
            int[] r = bounds(p, null);
            out.add(new String(buf, r[0], r[1] - r[0], StandardCharsets.UTF_8));
            p = r[2];
            if (p > end) break;
        }
        return out;
    }

    /** The current line as text (for error messages). */
    String lineText() {
        return new String(buf, start, Math.min(end - start, 200), StandardCharsets.UTF_8);
    }

    /** Resets the field cursor to the start of the current line. */
    void rewind() {
        cur = start;
        sepIdx = 0;
    }

    /** Whether all fields of the line have been read. */
    boolean cursorAtEnd() { return cur > end; }

    // field bounds: [from, to) of content (quotes stripped), and position after the separator
    private int fFrom, fTo;

    /** Locates the field at the cursor; sets fFrom/fTo and advances the cursor past the separator. */
    private void field(String name) {
        int p = cur;
        if (p > end) throw error(name, "missing (line has fewer fields)");
        if (indexed) {
            int q = fieldEnd(p);
            fFrom = p;
            fTo = q;
            cur = q + 1;
            return;
        }
        byte[] b = buf;
        int e = end;
        if (p < e && b[p] == '"') {
            int q = p + 1;
            while (q < e && b[q] != '"') q++;
            if (q >= e) throw error(name, "unterminated quote");
            fFrom = p + 1;
            fTo = q;
            q++;
            if (q < e && b[q] != ',') throw error(name, "text after closing quote");
            cur = q + 1;
            return;
        }
        int q = p;
        for (; q + 8 <= e; q += 8) { // SWAR: a zero byte in v ^ ',',...,',' marks a comma (the lowest flag is exact)
            long x = Numbers.load8(b, q) ^ 0x2C2C2C2C2C2C2C2CL;
            long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (t != 0) {
                q += Long.numberOfTrailingZeros(t) >>> 3;
                break;
            }
        }
        while (q < e && b[q] != ',') q++;
        fFrom = p;
        fTo = q;
        cur = q + 1;
    }

    private int[] bounds(int p, String name) {
        int save = cur;
        cur = p;
        field(name);
        int[] r = {fFrom, fTo, cur};
        cur = save;
        return r;
    }

    /** Skips one field. */
    void skip(String name) { field(name); }

    /** Skips {@code n} fields. */
    void skip(int n) { for (int i = 0; i < n; i++) field(null); }

    /** Where the last prefix parse stopped ({@link Numbers#parseDoublePrefix}). */
    private final int[] stop = new int[1];

    /**
     * An unquoted number parsed straight from the cursor, without locating the field's end first; true if it
     * ends the field (a comma or the line's end follows), with the value in {@link #lastF64} or {@link #lastI64} and
     * the cursor past the separator. False (cursor unchanged) sends the caller to the delimited-field path.
     */
    private boolean fastF64() {
        int p = cur;
        if (p > end) return false;
        if (indexed) {
            int q = fieldEnd(p);
            lastF64 = Numbers.parseDoublePrefix(buf, p, q, stop);
            return endedAt(q);
        }
        lastF64 = Numbers.parseDoublePrefix(buf, p, end, stop);
        return ended();
    }

    private boolean fastI64() {
        int p = cur;
        if (p > end) return false;
        if (indexed) {
            int q = fieldEnd(p);
            lastI64 = Numbers.parseLongPrefix(buf, p, q, stop);
            return endedAt(q);
        }
        lastI64 = Numbers.parseLongPrefix(buf, p, end, stop);
        return ended();
    }

    /** Whether the prefix parse consumed the whole field ending at {@code q}; then moves the cursor past it. */
    private boolean endedAt(int q) {
        if (stop[0] != q) return false;
        cur = q + 1;
        return true;
    }

    private boolean ended() {
        int q = stop[0];
        if (q < 0 || (q != end && buf[q] != ',')) return false;
        cur = q + 1;
        return true;
    }

    private double lastF64;
    private long lastI64;
    /**
     * The current line read as a Binance kline row, straight from its comma index in one pass, without the
     * field-by-field cursor: {@code open_time} (the timestamp, converted by {@code unit}), then into {@code f[1..6]},
     * {@code l[7]}, {@code f[8..9]} open, high, low, close, volume, quote_volume, count, taker_buy_volume and
     * taker_buy_quote_volume (fields 2–6 and 8–11; {@code close_time} and any fields after the 11th are not read).
     * The values are those of {@link #timestamp}, {@link #f64} and {@link #i64} on each field: the same parsers,
     * after {@link Numbers#fixed8} for Binance's usual {@code 123.45678900} shape.
     *
     * @return the timestamp in epoch nanoseconds, or -1 if the line is not a plain row of at least 11 unquoted
     *         fields whose numbers the fast parsers take whole (the cursor is not moved, {@code f} and {@code l} may
     *         hold some of the row: the caller reads the line field by field, which sets them all and names what
     *         is wrong)
     * @throws vq.columnar.InputException from {@code unit} (timestamp of another unit or out of range)
     */
    long klineRow(Timestamps.Detector unit, String tsField, double[] f, long[] l) {
        if (!indexed || nSeps < 10) return -1;
        int[] sp = seps, st = stop;
        byte[] b = buf;
        long t = Numbers.parseLongPrefix(b, start, sp[0], st);
        boolean whole = st[0] == sp[0];
        for (int k = 0; k < KLINE_F64_FIELDS.length; k++) {
            int i = KLINE_F64_FIELDS[k], from = sp[i - 1] + 1, to = i < nSeps ? sp[i] : end;
            double v = Numbers.fixed8(b, from, to);
            if (v < 0) {
                v = Numbers.parseDoublePrefix(b, from, to, st);
                whole &= st[0] == to;
            }
            f[KLINE_F64_ROLES[k]] = v;
        }
        l[7] = Numbers.parseLongPrefix(b, sp[7] + 1, sp[8], st);
        whole &= st[0] == sp[8];
        return whole ? unit.toNanos(t, this, tsField) : -1;
    }

    /** Kline fields read as f64 (open, high, low, close, volume, quote_volume, taker_buy_volume, taker_buy_quote_volume) and their bar roles. */
    private static final int[] KLINE_F64_FIELDS = {1, 2, 3, 4, 5, 7, 9, 10}, KLINE_F64_ROLES = {1, 2, 3, 4, 5, 6, 8, 9};

    double f64(String name) {
        if (fastF64()) return lastF64;
        field(name);
        try {
            return Numbers.parseDouble(buf, fFrom, fTo);
        } catch (Numbers.Bad e) {
            throw error(name, fFrom == fTo ? "empty, expected a number" : "not a number: '" + text() + "'");
        }
    }

    /** A number, or {@code dflt} when the field is empty or the line has no more fields. */
    double f64OrDefault(String name, double dflt) {
        if (cur > end) return dflt;
        if (fastF64()) return lastF64;
        field(name);
        if (fFrom == fTo) return dflt;
        try {
            return Numbers.parseDouble(buf, fFrom, fTo);
        } catch (Numbers.Bad e) {
            throw error(name, "not a number: '" + text() + "'");
        }
    }

    long i64(String name) {
        if (fastI64()) return lastI64;
        field(name);
        try {
            return Numbers.parseLong(buf, fFrom, fTo);
        } catch (Numbers.Bad e) {
            throw error(name, fFrom == fTo ? "empty, expected an integer" : "not an integer: '" + text() + "'");
        }
    }

    /**
     * A timestamp field in epoch nanoseconds: an integer epoch value whose unit the detector fixes, or ISO-8601
     * text ({@code 2021-12-31 23:01:00.000000}, {@code 2021-12-31T23:01:00Z}; no zone means UTC).
     */
    long timestamp(String name, Timestamps.Detector unit) {
        if (fastI64()) return unit.toNanos(lastI64, this, name);
        field(name);
        try {
            return unit.toNanos(Numbers.parseLong(buf, fFrom, fTo), this, name);
        } catch (Numbers.Bad e) {
            if (fFrom == fTo) throw error(name, "empty, expected a timestamp");
            return TextTime.parse(text(), this, name);
        }
    }

    /** Whether the field at the cursor is empty (or absent); does not move the cursor. */
    boolean nextEmpty() {
        if (cur > end) return true;
        return cur == end || buf[cur] == ',' || (buf[cur] == '"' && cur + 1 < end && buf[cur + 1] == '"');
    }

    /** {@code true/false/True/False/1/0}. */
    boolean bool(String name) {
        field(name);
        int n = fTo - fFrom;
        byte c = n > 0 ? buf[fFrom] : 0;
        if (n == 4 && (c == 't' || c == 'T') && (buf[fFrom + 1] | 0x20) == 'r' && (buf[fFrom + 2] | 0x20) == 'u' && (buf[fFrom + 3] | 0x20) == 'e') return true;
        if (n == 5 && (c == 'f' || c == 'F') && (buf[fFrom + 1] | 0x20) == 'a' && (buf[fFrom + 2] | 0x20) == 'l' && (buf[fFrom + 3] | 0x20) == 's' && (buf[fFrom + 4] | 0x20) == 'e') return false;
        if (n == 1 && c == '1') return true;
        if (n == 1 && c == '0') return false;
        throw error(name, "expected true or false, got '" + text() + "'");
    }

    /**
     * A trade side: {@code buy/b/bid/1/+1 -> +1} (buyer aggressor), {@code sell/s/ask/-1 -> -1}; 0 if empty.
     */
    int side(String name) {
        field(name);
        int n = fTo - fFrom;
        if (n == 0) return 0;
        byte c = buf[fFrom];
        if (n == 1 && c == '1') return 1;
        if (n == 2 && c == '+' && buf[fFrom + 1] == '1') return 1;
        if (n == 2 && c == '-' && buf[fFrom + 1] == '1') return -1;
        String t = text().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "buy", "b", "bid", "buyer" -> 1;
            case "sell", "s", "ask", "a", "seller" -> -1;
            default -> throw error(name, "expected a side (buy/sell, b/s, 1/-1), got '" + text() + "'");
        };
    }

    /** The field as a String (slow path: headers, symbols, text timestamps). */
    String string(String name) {
        field(name);
        return text();
    }

    private String text() {
        return new String(buf, fFrom, Math.min(fTo - fFrom, 100), StandardCharsets.UTF_8);
    }

    /** Bytes of the input consumed up to the current line (for progress). */
    long position() { return bytesConsumed + start; }

    @Override public InputException error(String field, String problem) {
        return InputException.at(java.nio.file.Path.of(source), line, field, problem);
    }
}
