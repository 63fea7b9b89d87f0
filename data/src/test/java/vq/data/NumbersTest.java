package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level number parsers agree with Double.parseDouble / Long.parseLong. */
class NumbersTest {
    static double d(String s) throws Numbers.Bad {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
        return Numbers.parseDouble(b, 2, 2 + s.length());
    }

    @Test void decimalsMatchParseDoubleBitForBit() throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            int intDigits = r.nextInt(0, 12), fracDigits = r.nextInt(0, 14);
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) sb.append('-');
            for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + r.nextInt(10)));
            if (intDigits == 0) sb.append('0');
            if (fracDigits > 0 || r.nextBoolean()) {
                sb.append('.');
                for (int k = 0; k < fracDigits; k++) sb.append((char) ('0' + r.nextInt(10)));
            }
            if (r.nextInt(10) == 0) sb.append('e').append(r.nextInt(-30, 30));
            String s = sb.toString();
            if (s.endsWith(".") && s.length() == 1) continue;
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(d(s)), s);
        }
        for (String s : new String[] {"28295.42000000", "0.00010000", "1e400", "-0", "4.9e-324", "123456789012345678901234567890.5",
                "0.1", "9007199254740993", "NaN", "Infinity", "1E5"})
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(d(s)), s);
        for (String bad : new String[] {"", "-", ".", "1.2.3", "abc", "1e", "12x"})
            assertThrows(Numbers.Bad.class, () -> d(bad), bad);
    }

    @Test void longsMatchAndOverflowIsRejected() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            String s = Long.toString(v);
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertEquals(v, Numbers.parseLong(b, 0, b.length), s);
        }
        byte[] big = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        assertThrows(Numbers.Bad.class, () -> Numbers.parseLong(big, 0, big.length));
        byte[] f = "1679616000000.0".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1679616000000L, Numbers.parseLong(f, 0, f.length));
    }
}
