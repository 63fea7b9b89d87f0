package vq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vq.cli.RealDataFixture;
import vq.cli.VqCommand;

/**
 * {@code vq bench screen --mode kernel} on a small size: every run of one invocation gives the same metric digest
 * (the screen is deterministic), {@code --flip-bars} changes the signals (and so the digest), the default is 300,
 * and a bad value is refused with its name.
 */
class ScreenBenchTest {
    @TempDir Path ws;

    @Test
    void kernelRunsAreDeterministicAndFlipBarsSetsTheSignalDensity() {
        List<String> dense = digests(run("--flip-bars", "50"));
        List<String> sparse = digests(run("--flip-bars", "2000"));
        assertEquals(3, dense.size(), dense.toString());
        assertEquals(1, dense.stream().distinct().count(), "warm-up and runs differ: " + dense);
        assertEquals(1, sparse.stream().distinct().count(), "warm-up and runs differ: " + sparse);
        assertNotEquals(dense.get(0), sparse.get(0));
        assertEquals(digests(run("--flip-bars", "300")).get(0), digests(run()).get(0), "the default is 300 bars");
    }

    @Test
    void refusesANonPositiveFlipInterval() {
        StringWriter err = new StringWriter();
        CommandLine cl = VqCommand.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("bench", "screen", "--bars", "4096", "--sets", "16", "--runs", "1", "--mode", "kernel", "--flip-bars", "0");
        assertEquals(2, rc, err.toString());
        assertTrue(err.toString().contains("--flip-bars must be >= 1, got 0"), err.toString());
    }

    private String run(String... extra) {
        List<String> args = new ArrayList<>(List.of("bench", "screen", "--bars", "20000", "--sets", "40", "--runs", "2",
                "--threads", "2", "--block", "512", "--mode", "kernel"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = RealDataFixture.vq(ws, out, args.toArray(String[]::new));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        return text;
    }

    private static List<String> digests(String out) {
        Matcher m = Pattern.compile("(?m)^kernel +(?:warm-up|run \\d): .* digest ([0-9a-f]{16})$").matcher(out);
        List<String> d = new ArrayList<>();
        while (m.find()) d.add(m.group(1));
        assertTrue(!d.isEmpty(), out);
        return d;
    }
}
