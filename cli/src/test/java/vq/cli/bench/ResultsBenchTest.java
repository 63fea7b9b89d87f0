package vq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vq.cli.VqCommand;
import vq.optimizer.store.Metric;

/**
 * {@code vq bench results} end to end on a small size: every repetition writes and reads back the same rows
 * (the command itself fails when the row count or {@code sum(trades)} read back differs from what it wrote),
 * and the digest is the sum of the trades column of the seeded sequence, recomputed here.
 */
class ResultsBenchTest {
    @Test
    void writesReadsBackAndPrintsEachRepetition() {
        int sets = 5_000;
        StringWriter text = new StringWriter();
        CommandLine cl = VqCommand.commandLine();
        cl.setOut(new PrintWriter(text, true));
        int rc = cl.execute("bench", "results", "--sets", String.valueOf(sets), "--reps", "2", "--seed", "11");
        String out = text.toString();
        assertEquals(0, rc, out);
        Matcher m = Pattern.compile("(?m)^rep (\\d): [0-9.]+ s wall \\(open [0-9.]+ s, rows and commit [0-9.]+ s\\).*digest sum\\(trades\\)=(\\d+)\\)$")
                .matcher(out);
        List<Long> digests = new ArrayList<>();
        while (m.find()) digests.add(Long.parseLong(m.group(2)));
        assertEquals(2, digests.size(), out);
        assertEquals(List.of(expectedDigest(11, sets), expectedDigest(11, sets)), digests, out);
        assertTrue(out.contains("best ") && out.contains("for 5,000 sets"), out);
    }

    /** The bench's SplitMix64 metric sequence, trades = floor(500 × the trades slot's uniform), summed. */
    private static long expectedDigest(long seed, int sets) {
        long x = seed, sum = 0;
        for (int i = 0; i < sets; i++) {
            for (int k = 0; k < Metric.COUNT; k++) {
                x += 0x9E3779B97F4A7C15L;
                long z = x;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                if (k == Metric.TRADES.ordinal()) sum += (long) (((z >>> 11) * 0x1.0p-53) * 500);
            }
        }
        return sum;
    }
}
