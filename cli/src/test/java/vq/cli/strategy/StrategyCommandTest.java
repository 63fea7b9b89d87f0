package vq.cli.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;

class StrategyCommandTest {
    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        var cl = VqCommand.commandLine();
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test void checkAndList(@TempDir Path ws) throws Exception {
        Path strategies = Files.createDirectories(ws.resolve("strategies"));
        Files.writeString(strategies.resolve("mine.yaml"), """
                name: mine
                timeframe: 1m
                indicators: {r: {type: rsi}}
                entry: {long: r < 30}
                """);
        Path bad = strategies.resolve("broken.yaml");
        Files.writeString(bad, "name: broken\ntimeframe: 1m\nindicators:\n  r: {type: rsl}\nentry: {long: r < 30}\n");

        Run ok = run("--workspace", ws.toString(), "strategy", "check", "mine");
        assertEquals(0, ok.rc(), ok.err());
        assertTrue(ok.out().contains("ok   " + strategies.resolve("mine.yaml") + ": mine on 1m bars"), ok.out());

        Run fail = run("--workspace", ws.toString(), "strategy", "check", bad.toString(), "mine");
        assertEquals(2, fail.rc());
        assertTrue(fail.err().contains("FAIL " + bad + ": unknown indicator 'rsl' at " + bad + ":4:13; did you mean 'rsi'?"), fail.err());

        Run list = run("--workspace", ws.toString(), "strategy", "list");
        assertEquals(0, list.rc(), list.err());
        for (String s : new String[] {"mine ", "dsl (invalid)", "sma_cross", "rsi_mean_reversion_mtf", "ofi ", "window=100"})
            assertTrue(list.out().contains(s), s + " in\n" + list.out());
    }
}
