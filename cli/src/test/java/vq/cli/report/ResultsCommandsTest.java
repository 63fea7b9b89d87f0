package vq.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vq experiments list|show|rm and vq export on a real small study. */
class ResultsCommandsTest {
    @TempDir static Path ws;
    static String full, bare;

    @BeforeAll
    static void study() throws Exception {
        StudyFixture fx = new StudyFixture(5);
        full = fx.write(ws.resolve("vq.duckdb"), "exp-full", true);
        bare = fx.write(ws.resolve("vq.duckdb"), "exp-bare", false);
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void listAndShow() {
        StringBuilder out = new StringBuilder();
        assertEquals(0, ReportTest.vq(out, "--workspace", ws.toString(), "experiments", "list"), out.toString());
        String s = out.toString();
        assertTrue(s.contains(full) && s.contains(bare), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith(full) && l.contains("143") && l.contains("finished")), s);
        out.setLength(0);
        assertEquals(0, ReportTest.vq(out, "--workspace", ws.toString(), "experiments", "show", full, "--top", "3"), out.toString());
        s = out.toString();
        assertTrue(s.contains("param sets  143"), s);
        assertTrue(s.contains("split_half"), s);
        assertTrue(s.contains(full + "-run0"), s);
        out.setLength(0);
        assertEquals(2, ReportTest.vq(out, "--workspace", ws.toString(), "experiments", "show", "nope"), out.toString());
        assertTrue(out.toString().contains("no experiment 'nope'"), out.toString());
    }

    @Test
    void exportWritesParquetThatDuckDbReadsBack() throws Exception {
        Path dir = ws.resolve("export");
        StringBuilder out = new StringBuilder();
        assertEquals(0, ReportTest.vq(out, "--workspace", ws.toString(), "export", full, "--parquet", dir.toString()), out.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (String t : vq.cli.results.ExportCommand.queries().keySet()) {
                assertTrue(Files.isRegularFile(dir.resolve(t + ".parquet")), t);
            }
            assertEquals(143, count(c, "SELECT count(*) FROM read_parquet('" + dir.resolve("sweep_results.parquet") + "')"));
            assertEquals(286, count(c, "SELECT count(*) FROM read_parquet('" + dir.resolve("filters.parquet") + "')"));
            assertEquals(3, count(c, "SELECT count(*) FROM read_parquet('" + dir.resolve("runs.parquet") + "')"));
            assertEquals(3 * StudyFixture.DAYS * 24, count(c, "SELECT count(*) FROM read_parquet('" + dir.resolve("equity.parquet") + "')"));
            assertEquals(1, count(c, "SELECT count(DISTINCT experiment_id) FROM read_parquet('" + dir.resolve("sweep_results.parquet") + "')"));
            // params stay JSON, timestamps stay nanosecond timestamps
            assertEquals(1, count(c, "SELECT count(*) FROM (SELECT typeof(entry_ts) t FROM read_parquet('" + dir.resolve("trades.parquet")
                    + "') LIMIT 1) WHERE t LIKE 'TIMESTAMP%'"));
        }
        try (Statement st = DriverManager.getConnection("jdbc:duckdb:").createStatement()) {
            assertEquals(0, count(st.getConnection(), "SELECT count(*) FROM read_parquet('" + dir.resolve("trades.parquet")
                    + "') WHERE net_pnl IS NULL"));
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
    }

    @Test
    void rmDeletesOneExperimentCompletely() throws Exception {
        StudyFixture fx = new StudyFixture(6);
        Path w2 = ws.resolve("rm");
        Files.createDirectories(w2);
        String a = fx.write(w2.resolve("vq.duckdb"), "a", true);
        String b = fx.write(w2.resolve("vq.duckdb"), "b", true);
        StringBuilder out = new StringBuilder();
        assertEquals(2, ReportTest.vq(out, "--workspace", w2.toString(), "experiments", "rm", a, "nope"), out.toString());
        out.setLength(0);
        assertEquals(0, ReportTest.vq(out, "--workspace", w2.toString(), "experiments", "rm", a), out.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + w2.resolve("vq.duckdb"))) {
            for (String t : new String[] {"experiments", "sweep_results", "filters", "walk_forward", "runs"}) {
                assertEquals(0, count(c, "SELECT count(*) FROM " + t + " WHERE experiment_id = '" + a + "'"), t);
                assertTrue(count(c, "SELECT count(*) FROM " + t + " WHERE experiment_id = '" + b + "'") > 0, t);
            }
            assertEquals(0, count(c, "SELECT count(*) FROM trades WHERE run_id LIKE '" + a + "%'"));
            assertTrue(count(c, "SELECT count(*) FROM trades WHERE run_id LIKE '" + b + "%'") > 0);
        }
    }
}
