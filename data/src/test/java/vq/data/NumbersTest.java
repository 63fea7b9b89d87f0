package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    @Test void fixed8MatchesParseDoubleOnItsShapeAndDeclinesTheRest() {
        SplittableRandom r = new SplittableRandom(8);
        int taken = 0;
        for (int i = 0; i < 200_000; i++) {
            int intDigits = r.nextInt(0, 10), fracDigits = r.nextInt(6, 10);
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(20) == 0) sb.append('-');
            for (int k = 0; k < intDigits; k++) sb.append((char) ('0' + r.nextInt(10)));
            sb.append(r.nextInt(30) == 0 ? ',' : '.');
            for (int k = 0; k < fracDigits; k++) sb.append((char) (r.nextInt(200) == 0 ? 'x' : '0' + r.nextInt(10)));
            String s = sb.toString();
            byte[] b = (s + ",1").getBytes(StandardCharsets.US_ASCII); // the field ends where a CSV field would
            double v = Numbers.fixed8(b, 0, s.length());
            boolean shape = s.matches("[0-9]{1,7}\\.[0-9]{8}");
            if (!shape) {
                assertEquals(-1.0, v, s);
                continue;
            }
            taken++;
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s);
            int[] stop = new int[1];
            assertEquals(Double.doubleToRawLongBits(Numbers.parseDoublePrefix(b, 0, s.length(), stop)), Double.doubleToRawLongBits(v), s);
        }
        assertTrue(taken > 10_000, "taken " + taken);
        byte[] tight = "0.00000000".getBytes(StandardCharsets.US_ASCII); // ends at the array's end
        assertEquals(0.0, Numbers.fixed8(tight, 0, tight.length));
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

    /**
     * The word-at-a-time paths read 8 bytes past a number's start: whatever lies beyond the field's end (digits, a dot,
     * an exponent marker, as in a reused buffer) must not change the value, and a number followed by a comma stops there.
     */
    @Test void wordPathsStopAtTheFieldEndWhateverFollows() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        String junk = "0123456789.eE,-";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) sb.append(r.nextBoolean() ? '-' : '+');
            int a = r.nextInt(0, 11), f = r.nextInt(0, 11);
            for (int k = 0; k < a; k++) sb.append((char) ('0' + r.nextInt(10)));
            boolean dot = r.nextBoolean();
            if (dot) sb.append('.');
            if (dot) for (int k = 0; k < f; k++) sb.append((char) ('0' + r.nextInt(10)));
            if (r.nextInt(8) == 0) sb.append('e').append(r.nextInt(-25, 25));
            String t = sb.toString();
            StringBuilder tail = new StringBuilder();
            for (int k = 0; k < 20; k++) tail.append(junk.charAt(r.nextInt(junk.length())));
            byte[] b = (t + tail).getBytes(StandardCharsets.US_ASCII);
            Object want, got;
            try {
                want = Double.doubleToRawLongBits(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                want = "bad";
            }
            try {
                got = Double.doubleToRawLongBits(Numbers.parseDouble(b, 0, t.length()));
            } catch (Numbers.Bad e) {
                got = "bad";
            }
            assertEquals(want, got, "'" + t + "' followed by '" + tail + "'");
            if (!dot && a > 0 && t.indexOf('e') < 0) {
                assertEquals(Long.parseLong(t), Numbers.parseLong(b, 0, t.length()), t);
            }
            int[] stop = new int[1];
            double inPlace = Numbers.parseDoublePrefix(b, 0, t.length(), stop);
            assertTrue(stop[0] <= t.length(), t);
            if (stop[0] == t.length()) assertEquals(want, Double.doubleToRawLongBits(inPlace), "'" + t + "' followed by '" + tail + "'");
            if (!dot && a > 0 && t.indexOf('e') < 0) {
                long l = Numbers.parseLongPrefix(b, 0, t.length(), stop);
                assertTrue(stop[0] <= t.length(), t);
                if (stop[0] == t.length()) assertEquals(Long.parseLong(t), l, t);
            }
            byte[] c = (t + "," + tail).getBytes(StandardCharsets.US_ASCII);
            double v = Numbers.parseDoublePrefix(c, 0, c.length, stop);
            if (stop[0] >= 0) {
                assertEquals(t.length(), stop[0], t);
                assertEquals(want, Double.doubleToRawLongBits(v), t);
            }
        }
    }

    /**
     * ByteCsv parses unquoted numbers straight from the cursor (no separate search for the comma); every field must
     * read as the delimited field read by Numbers (same bits, or both an error), whatever follows it.
     */
    @Test void csvFieldsParsedInPlaceMatchTheDelimitedParse() {
        String[] odd = {"28295.42000000", "0.00010000", "-0", "1e5", "1E-3", "1.5d", "\"2.5\"", "", "1e", "NaN", "Infinity", " 1.5",
                "1.5 ", "0x1p3", "12x", "-", ".", "1.2.3", "123456789012345678901234567890.5", "9007199254740993", "1679616000000.0",
                "9223372036854775807", "9223372036854775808", "-42", "+7", "007"};
        SplittableRandom r = new SplittableRandom(11);
        java.util.List<String> tokens = new java.util.ArrayList<>(java.util.List.of(odd));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(5) == 0) sb.append('-');
            int a = r.nextInt(1, 14);
            for (int k = 0; k < a; k++) sb.append((char) ('0' + r.nextInt(10)));
            if (r.nextBoolean()) {
                sb.append('.');
                for (int k = r.nextInt(0, 12); k > 0; k--) sb.append((char) ('0' + r.nextInt(10)));
            }
            tokens.add(sb.toString());
        }
        for (String t : tokens) {
            String[] lines = {t, t + ",9", "5," + t, "5," + t + ",x"};
            for (int li = 0; li < lines.length; li++) {
                String line = lines[li];
                boolean first = li < 2;
                byte[] tb = t.getBytes(StandardCharsets.US_ASCII);
                String quoted = t.length() > 1 && t.startsWith("\"") ? t.substring(1, t.length() - 1) : t;
                byte[] qb = quoted.getBytes(StandardCharsets.US_ASCII);
                Object wantD, wantL;
                try {
                    wantD = Double.doubleToRawLongBits(Numbers.parseDouble(qb, 0, qb.length));
                } catch (Numbers.Bad e) {
                    wantD = "bad";
                }
                try {
                    wantL = Numbers.parseLong(qb, 0, qb.length);
                } catch (Numbers.Bad e) {
                    wantL = "bad";
                }
                ByteCsv c = new ByteCsv(line.getBytes(StandardCharsets.US_ASCII), 0, line.length(), "t.csv");
                assertTrue(c.nextLine() || line.isBlank(), line);
                if (line.isBlank()) continue;
                if (!first) c.skip(1);
                Object gotD;
                try {
                    gotD = Double.doubleToRawLongBits(c.f64("v"));
                } catch (vq.columnar.InputException e) {
                    gotD = "bad";
                }
                assertEquals(wantD, gotD, "f64 of '" + t + "' in '" + line + "'");
                c.rewind();
                if (!first) c.skip(1);
                Object gotL;
                try {
                    gotL = c.i64("v");
                } catch (vq.columnar.InputException e) {
                    gotL = "bad";
                }
                assertEquals(wantL, gotL, "i64 of '" + t + "' in '" + line + "'");
                if (!(gotL instanceof String)) { // the cursor moved to the next field
                    if (li == 1) assertEquals(9L, c.i64("next"));
                    else assertTrue(c.cursorAtEnd() || li == 3, line);
                }
            }
        }
    }

    /**
     * Field boundaries come from the line scan's comma index (or, for quoted lines, the byte-wise path): streamed input
     * with lines across buffer refills, a last line without a newline, CRLF, blank and quoted lines must read the
     * same fields as a plain split, in place and streamed.
     */
    @Test void fieldsMatchASplitAcrossRefillsQuotesAndTheLastLine() {
        SplittableRandom r = new SplittableRandom(9);
        StringBuilder sb = new StringBuilder();
        java.util.List<java.util.List<String>> want = new java.util.ArrayList<>();
        while (sb.length() < 3 * ByteCsv.INITIAL_BUFFER) {
            int n = r.nextInt(1, 90); // up to 89 fields: lines wider than one vector
            java.util.List<String> fields = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String f = r.nextInt(6) == 0 ? "" : Long.toString(r.nextLong(1L << r.nextInt(1, 60)));
                boolean quote = r.nextInt(40) == 0;
                if (i > 0) line.append(',');
                line.append(quote ? "\"" + f + "\"" : f);
                fields.add(f);
            }
            if (line.isEmpty()) continue; // one empty field reads as a blank line
            want.add(fields);
            sb.append(line).append(r.nextInt(5) == 0 ? "\r\n" : "\n");
            if (r.nextInt(50) == 0) sb.append("\n"); // a blank line
        }
        sb.setLength(sb.length() - (sb.charAt(sb.length() - 2) == '\r' ? 2 : 1)); // the last line has no newline
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        java.io.InputStream trickle = new java.io.ByteArrayInputStream(bytes) {
            @Override public synchronized int read(byte[] b, int off, int len) { return super.read(b, off, Math.min(len, 1 + r.nextInt(70_000))); }
        };
        for (ByteCsv c : new ByteCsv[] {new ByteCsv(bytes, 0, bytes.length, "t.csv"), new ByteCsv(trickle, "t.csv")}) {
            int row = 0;
            while (c.nextLine()) {
                java.util.List<String> got = new java.util.ArrayList<>();
                while (!c.cursorAtEnd()) got.add(c.string("f"));
                assertEquals(want.get(row), got, "row " + row);
                row++;
            }
            assertEquals(want.size(), row);
        }
        StringBuilder many = new StringBuilder(); // the last line is indexed before the final refill finds the end
        for (int i = 0; i < 300_000; i++) many.append(i).append(',').append(i + 1).append('\n');
        ByteCsv c = new ByteCsv(new java.io.ByteArrayInputStream((many + "7,8,9").getBytes(StandardCharsets.US_ASCII)), "t.csv");
        while (c.nextLine()) if (c.line() == 300_001) assertEquals(List.of("7", "8", "9"), List.of(c.string("a"), c.string("b"), c.string("c")));
        assertEquals(300_001, c.line());
    }
}
