package vq.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Allocation-free number parsing from ASCII bytes (the CSV hot path).
 *
 * <p>Decimals use Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately",
 * PLDI 1990): when the decimal significand {@code m} is below 2^53 and the power of ten {@code |e| <= 22},
 * both {@code m} and {@code 10^|e|} are exact doubles, so the single IEEE multiplication or division
 * {@code m * 10^e} is correctly rounded and equals {@link Double#parseDouble}. Everything else (more than 15–16
 * significant digits, large exponents, {@code NaN}, {@code Infinity}) falls back to {@code Double.parseDouble}
 * on the field's text, so the result is always the correctly rounded value.
 */
final class Numbers {
    private static final double[] POW10 = new double[23];
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long TWO_53 = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Returned by the parsers' {@code ok} flag convention: a field that is not a number. */
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        static final Bad INSTANCE = new Bad();
        private Bad() { super(null, null, false, false); }
    }

    private Numbers() {}

    /** 8 bytes at {@code p}, first byte lowest. */
    static long load8(byte[] b, int p) {
        return (long) LONG_LE.get(b, p);
    }

    /** Whether all 8 bytes of {@code v} are ASCII digits (SWAR). */
    static boolean eightDigits(long v) {
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) == 0x3333333333333333L;
    }

    /** The value of 8 ASCII digits (first digit in the lowest byte), by three multiply-shift steps (SWAR). */
    static long eightDigitValue(long v) {
        v = ((v & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    /**
     * How many of the 8 bytes of {@code v} (first byte lowest) are ASCII digits before the first byte that is not
     * one: 0..8 (SWAR; bytes from 0x80 up are not digits).
     */
    static int leadingDigits(long v) {
        long low7 = v & 0x7F7F7F7F7F7F7F7FL;
        long atLeast0 = low7 + 0x5050505050505050L;  // high bit set where the byte is >= '0' (no carry between bytes)
        long above9 = low7 + 0x4646464646464646L;    // high bit set where the byte is > '9'
        long digit = atLeast0 & ~above9 & ~v & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(~digit & 0x8080808080808080L) >>> 3; // 64 >>> 3 = 8 when all are digits
    }

    /** The value of the first {@code n} (1..8) bytes of {@code v}, which are ASCII digits (first digit lowest). */
    static long digitsValue(long v, int n) {
        return eightDigitValue(v << ((8 - n) << 3)); // the shifted-in zero bytes are leading zeros
    }

    private static final long[] POW10_LONG = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static int digitCount(long m) {
        int n = 0;
        while (m != 0) {
            m /= 10;
            n++;
        }
        return n;
    }

    /**
     * {@code b[from, to)} if it is exactly 1 to 7 digits, a point and 8 digits (how Binance writes prices and sizes:
     * {@code 21491.18000000}), else -1. Its value is the one {@link #parseDoublePrefix} gives for the same bytes
     * (the significand below 10^15 is exact, divided once by 10^8), found without searching for the number's end:
     * a few instructions that the JIT inlines into the row loop. Needs {@code to <= b.length}.
     */
    static double fixed8(byte[] b, int from, int to) {
        int n = to - 9 - from; // integer digits
        if (n < 1 || n > 7 || b[to - 9] != '.') return -1;
        long frac = load8(b, to - 8), whole = load8(b, from);
        if (!eightDigits(frac) || leadingDigits(whole) < n) return -1;
        long m = digitsValue(whole, n) * 100_000_000L + eightDigitValue(frac);
        return m == 0 ? 0.0 : m / POW10[8];
    }

    /**
     * Parses {@code b[from, to)} as a decimal number ({@code [+-]digits[.digits][(e|E)[+-]digits]}, or any text
     * {@link Double#parseDouble} accepts).
     *
     * @throws Bad if the text is not a number (empty included)
     */
    static double parseDouble(byte[] b, int from, int to) throws Bad {
        if (from >= to) throw Bad.INSTANCE;
        int[] stop = new int[1];
        double v = parseDoublePrefix(b, from, to, stop);
        return stop[0] == to ? v : slow(b, from, to);
    }

    /**
     * The fast path of {@link #parseDouble} on the number that starts at {@code from} and ends at the first byte
     * (before {@code to}) that cannot continue it, for CSV fields parsed without locating their end first. Sets
     * {@code stop[0]} to the index after the number and returns its correctly rounded value if the fast path
     * applies (digits seen, exact significand, small exponent); otherwise sets {@code stop[0] = -1} (the caller
     * then parses the delimited field with {@link #parseDouble}, which covers every other case).
     */
    static double parseDoublePrefix(byte[] b, int from, int to, int[] stop) {
        stop[0] = -1;
        int p = from;
        if (p >= to) return Double.NaN;
        boolean neg = false;
        byte c = b[p];
        if (c == '-' || c == '+') {
            neg = c == '-';
            p++;
        }
        if (p + 17 <= b.length) { // word path: up to 8 integer and 8 fraction digits, no exponent (prices, sizes)
            long v = load8(b, p);
            int n = Math.min(leadingDigits(v), to - p);
            if (n > 0 && n < 8) {
                long m = digitsValue(v, n);
                int q = p + n, k = 0;
                if (q < to && b[q] == '.') {
                    q++;
                    long w = load8(b, q);
                    k = Math.min(leadingDigits(w), to - q);
                    if (k > 0) m = m * POW10_LONG[k] + digitsValue(w, k);
                    q += k;
                }
                // exact below 2^53 (at most 15 digits always are); more fraction digits or an exponent: the loop below
                boolean more = q < to && (b[q] == 'e' || b[q] == 'E' || (k == 8 && b[q] >= '0' && b[q] <= '9'));
                if (!more && m < TWO_53) {
                    double d = m == 0 ? 0.0 : k == 0 ? m : m / POW10[k];
                    stop[0] = q;
                    return neg ? -d : d;
                }
            }
        }
        long m = 0;
        int sig = 0;      // significant digits accumulated in m
        int exp = 0;      // decimal exponent applied to m
        int digits = 0;   // digits seen at all
        boolean exact = true;
        if (p + 8 <= to) {
            long v = load8(b, p);
            if (eightDigits(v)) {
                m = eightDigitValue(v);
                sig = digitCount(m);
                digits = 8;
                p += 8;
            }
        }
        while (p < to) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) break;
            if (sig < 18) {
                m = m * 10 + d;
                if (m != 0) sig++;
            } else {
                exp++;
                if (d != 0) exact = false;
            }
            digits++;
            p++;
        }
        if (p < to && b[p] == '.') {
            p++;
            while (sig <= 10 && p + 8 <= to) {
                long v = load8(b, p);
                if (!eightDigits(v)) break;
                boolean wasZero = m == 0;
                m = m * 100_000_000L + eightDigitValue(v);
                sig = wasZero ? digitCount(m) : sig + 8;
                exp -= 8;
                digits += 8;
                p += 8;
            }
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) break;
                if (sig < 18) {
                    m = m * 10 + d;
                    if (m != 0) sig++;
                    exp--;
                } else if (d != 0) exact = false;
                digits++;
                p++;
            }
        }
        if (digits == 0) return Double.NaN;
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean eneg = false;
            if (p < to && (b[p] == '-' || b[p] == '+')) {
                eneg = b[p] == '-';
                p++;
            }
            int e = 0, ed = 0;
            while (p < to) {
                int d = b[p] - '0';
                if (d < 0 || d > 9) break;
                if (e < 100000) e = e * 10 + d;
                ed++;
                p++;
            }
            if (ed == 0) return Double.NaN;
            exp += eneg ? -e : e;
        }
        if (exact) {
            while (m >= TWO_53 && exp < 0 && m % 10 == 0) {
                m /= 10;
                exp++;
            }
            if (m < TWO_53) {
                double v;
                if (m == 0) v = 0.0;
                else if (exp == 0) v = m;
                else if (exp < 0 && exp >= -22) v = m / POW10[-exp];
                else if (exp > 0 && exp <= 22) v = m * POW10[exp];
                else return Double.NaN;
                stop[0] = p;
                return neg ? -v : v;
            }
        }
        return Double.NaN;
    }

    private static double slow(byte[] b, int from, int to) throws Bad {
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw Bad.INSTANCE;
        }
    }

    /**
     * Parses {@code b[from, to)} as a signed decimal integer; a trailing {@code .0…0} is accepted (some exports
     * write counts as floats).
     *
     * @throws Bad if the text is not an integer or overflows a long
     */
    static long parseLong(byte[] b, int from, int to) throws Bad {
        int[] stop = new int[1];
        long v = parseLongPrefix(b, from, to, stop);
        if (stop[0] != to) throw Bad.INSTANCE;
        return v;
    }

    /**
     * {@link #parseLong} on the integer that starts at {@code from} and ends at the first byte (before {@code to})
     * that cannot continue it; sets {@code stop[0]} to the index after it, or to -1 (returning 0) if there is no
     * integer there or it overflows.
     */
    static long parseLongPrefix(byte[] b, int from, int to, int[] stop) {
        stop[0] = -1;
        int p = from;
        if (p >= to) return 0;
        boolean neg = false;
        if (b[p] == '-' || b[p] == '+') {
            neg = b[p] == '-';
            p++;
        }
        if (p >= to) return 0;
        long v = 0;
        int start = p;
        if (p + 16 <= b.length) { // up to 16 digits a word at a time (epoch milliseconds have 13)
            long w = load8(b, p);
            int n = Math.min(leadingDigits(w), to - p);
            if (n > 0) {
                v = digitsValue(w, n);
                p += n;
                if (n == 8) {
                    long w2 = load8(b, p);
                    int k = Math.min(leadingDigits(w2), to - p);
                    if (k > 0 && k < 8) {
                        v = v * POW10_LONG[k] + digitsValue(w2, k);
                        p += k;
                    }
                }
            }
        } else if (p + 8 <= to) {
            long w = load8(b, p);
            if (eightDigits(w)) {
                v = eightDigitValue(w);
                p += 8;
            }
        }
        while (p < to) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) break;
            if (p - start >= 18 && v > (Long.MAX_VALUE - d) / 10) return 0; // up to 18 digits cannot overflow
            v = v * 10 + d;
            p++;
        }
        if (p == start) return 0;
        if (p < to && b[p] == '.') {
            p++;
            while (p < to && b[p] == '0') p++;
        }
        stop[0] = p;
        return neg ? -v : v;
    }
}
