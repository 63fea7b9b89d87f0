package vq.cli.sql;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.optimizer.store.ResultsStore;

class SqlShellTest {
    @TempDir Path ws;

    String session(String input, Path history) throws Exception {
        ResultsStore.open(ws.resolve("vq.duckdb")).close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // JLine's input pump drops buffered lines once its stream reports EOF, so the input ends with .quit
        // and then blocks (like a user who stopped typing) until the terminal closes
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream idle = new java.io.InputStream() {
            @Override public int read() throws java.io.IOException {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
            @Override public void close() { closed.countDown(); }
        };
        java.io.InputStream in = new java.io.SequenceInputStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), idle);
        try (Terminal t = TerminalBuilder.builder().streams(in, out)
                .system(false).type("dumb").build()) {
            int failures = new SqlShell(t, ws.resolve("vq.duckdb"), ws.resolve("catalog"), history).run();
            String s = out.toString(StandardCharsets.UTF_8);
            idle.close();
            return failures + "\n" + s;
        }
    }

    @Test
    void multiLineStatementsDotCommandsErrorsAndHistory() throws Exception {
        Path history = ws.resolve("hist");
        String s = session("SELECT 40 +\n 2 AS answer;\n.format csv\nSELECT 'a' AS x, 1 AS y;\nSELEC nope;\n"
                + ".tables\nCREATE TABLE notes AS SELECT 7 AS n;\nSELECT n * 6 FROM notes;\n.quit\n", history);
        assertTrue(s.startsWith("1\n"), "one failed statement: " + s);
        assertTrue(s.contains("42"), s);
        assertTrue(s.contains("x,y") && s.contains("a,1"), "csv after .format csv: " + s);
        assertTrue(s.contains("vq: SQL error"), s);
        assertTrue(s.contains("sweep_results") && s.contains("screen_vs_validate"), ".tables lists results tables: " + s);
        assertTrue(s.contains("42"), "ordinary tables persist across statements: " + s);
        String h = Files.readString(history);
        assertTrue(h.contains("SELECT 40 +") && h.contains(".format csv"), h);
    }

    @Test
    void pipedInputRunsEveryStatementToTheEnd() throws Exception {
        ResultsStore.open(ws.resolve("vq.duckdb")).close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String in = "SELECT 1 AS a;\n.format csv\nSELECT 2 AS b;\nSELECT count(*) AS n FROM sweep_results";
        int failures = SqlShell.runPiped(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), ws.resolve("vq.duckdb"), ws.resolve("catalog"));
        String s = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, failures, s);
        assertTrue(s.contains("b\n2"), s);
        assertTrue(s.contains("n\n0"), "the last statement runs without a ';': " + s);
    }
}
