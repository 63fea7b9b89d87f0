package vq.cli.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.RealDataFixture;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/** {@code vq discover} on 4 days of real BTCUSDT 1m bars: winners as DSL that {@code vq strategy check} accepts, one experiment in DuckDB, reproducible. */
class DiscoverCommandTest {
    @TempDir static Path ws;
    static boolean data;

    @BeforeAll
    static void importBars() {
        data = RealDataFixture.importDays(ws, List.of("BTCUSDT"), LocalDate.of(2024, 3, 1), 4);
    }

    static int vq(ByteArrayOutputStream out, String... args) {
        return RealDataFixture.vq(ws, out, args);
    }

    static String leaderboard(String out) {
        return out.lines().filter(l -> l.matches("^\\d+\\s+-?\\d.*")).reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void discoversWritesCheckableYamlAndStoresOneExperiment() throws Exception {
        assumeTrue(data, "shared data folder absent");
        String[] args = {"discover", "--symbols", "BTCUSDT", "--from", "2024-03-01", "--to", "2024-03-04", "--population", "8",
                "--generations", "2", "--seed", "11", "--genes-max", "3", "--top", "3", "--threads", "2"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, vq(out, args));
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("experiment (discover-\\S+)").matcher(text);
        assertTrue(m.find(), text);
        String id = m.group(1);
        Path dir = ws.resolve("reports").resolve(id).resolve("discovered");
        List<Path> yamls;
        try (Stream<Path> s = Files.list(dir)) {
            yamls = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(!yamls.isEmpty() && yamls.size() <= 3, text);
        for (Path y : yamls) {
            ByteArrayOutputStream check = new ByteArrayOutputStream();
            assertEquals(0, vq(check, "strategy", "check", y.toString()), check.toString(StandardCharsets.UTF_8));
            assertTrue(check.toString(StandardCharsets.UTF_8).startsWith("ok"), check.toString(StandardCharsets.UTF_8));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + ws.resolve("vq.duckdb"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select kind, param_sets, (select count(*) from sweep_results r where r.experiment_id = e.experiment_id) "
                     + "from experiments e where experiment_id = '" + id + "'")) {
            assertTrue(rs.next());
            assertEquals("discover", rs.getString(1));
            assertTrue(rs.getLong(2) >= 8);
            assertEquals(rs.getLong(2), rs.getLong(3)); // one row per genome (one symbol)
        }
        // same seed, same leaderboard (metrics and genomes)
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(0, vq(again, args));
        assertEquals(leaderboard(text), leaderboard(again.toString(StandardCharsets.UTF_8)));
        assertTrue(!leaderboard(text).isBlank(), text);
    }
}
