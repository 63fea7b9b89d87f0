package vq.cli.optimize;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.RealDataFixture;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/** {@code vq screen} → {@code vq filter} / {@code vq wfa} → DuckDB, and {@code vq optimize --method tpe}, on 40 days of real BTCUSDT 1m bars. */
class FilterCommandTest {
    @TempDir static Path ws;
    static boolean data;

    @BeforeAll
    static void importBars() {
        data = RealDataFixture.importDays(ws, List.of("BTCUSDT"), LocalDate.of(2024, 1, 1), 40);
    }

    static int vq(ByteArrayOutputStream out, String... args) {
        return RealDataFixture.vq(ws, out, args);
    }

    static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + ws.resolve("vq.duckdb"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void screenThenFilterAndWalkForwardThenOptimize() throws Exception {
        assumeTrue(data, "shared data folder absent");
        Path strategy = Path.of(System.getProperty("user.dir")).getParent().resolve("configs/strategies/sma_cross.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, vq(out, "screen", strategy.toString(), "--symbols", "BTCUSDT", "--method", "random", "--samples", "24", "--seed", "5", "--threads", "1"));
        Matcher m = Pattern.compile("experiment (\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), out.toString(StandardCharsets.UTF_8));
        String id = m.group(1);

        out.reset();
        int rc = vq(out, "filter", "--experiment", id, "--filters", "dsr,wfa,pbo,pkfold", "--train", "10", "--test", "5", "--step", "5",
                "--folds", "4", "--cscv-groups", "4", "--threads", "1");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.contains("BTCUSDT  funnel: 24 sets -> dsr "), text);
        assertEquals(24 * 4, count("SELECT count(*) FROM filters WHERE experiment_id = '" + id + "'"));
        assertEquals(4, count("SELECT count(*) FROM filter_funnel WHERE experiment_id = '" + id + "'"));
        // 40 days, train 10 + test 5, step 5: windows start at days 0, 5, ..., 25
        assertEquals(6, count("SELECT count(*) FROM walk_forward WHERE experiment_id = '" + id + "'"));

        out.reset();
        assertEquals(0, vq(out, "wfa", "--experiment", id, "--train", "10", "--test", "5", "--step", "5", "--anchored", "--threads", "1"));
        assertEquals(6, count("SELECT count(*) FROM walk_forward WHERE experiment_id = '" + id + "' AND scheme = 'anchored'"));

        out.reset();
        assertEquals(2, vq(out, "filter", "--experiment", id, "--filters", "dsr,nope"));
        assertEquals(2, vq(out, "filter", "--experiment", "no-such-experiment"));

        out.reset();
        rc = vq(out, "optimize", strategy.toString(), "--symbols", "BTCUSDT", "--method", "tpe", "--trials", "16", "--batch", "8",
                "--seed", "3", "--constraint", "trades>=1", "--threads", "1");
        text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        assertTrue(text.contains("TPE: 16 trials in batches of 8"), text);
        Matcher o = Pattern.compile("experiment (\\S+)").matcher(text);
        assertTrue(o.find());
        long stored = count("SELECT count(*) FROM sweep_results WHERE experiment_id = '" + o.group(1) + "'");
        assertTrue(stored > 0 && stored <= 16, "stored " + stored);
        assertEquals(1, count("SELECT count(*) FROM experiments WHERE experiment_id = '" + o.group(1) + "' AND method = 'tpe'"));
    }

    @Test
    void nsga2ScreensEachDistinctSetOnceAndStoresTheHardConstraints() throws Exception {
        assumeTrue(data, "shared data folder absent");
        Path strategy = Path.of(System.getProperty("user.dir")).getParent().resolve("configs/strategies/sma_cross.yaml");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // trades>=1e9 can never hold: every stored set must fail passes_constraints; sharpe>=-100 is search-only
        int rc = vq(out, "optimize", strategy.toString(), "--symbols", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-10",
                "--method", "nsga2", "--population", "8", "--generations", "4", "--seed", "11",
                "--constraint", "trades>=1000000000", "--constraint", "sharpe>=-100", "--threads", "1");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        Matcher s = Pattern.compile("search: (\\d+) distinct parameter sets screened in \\S+ s \\((\\d+) proposals").matcher(text);
        assertTrue(s.find(), text);
        long distinct = Long.parseLong(s.group(1)), proposals = Long.parseLong(s.group(2));
        assertTrue(distinct >= 1 && distinct <= proposals, text);
        assertTrue(text.contains("note: [sharpe>=-100.0] applied to the search only"), text);
        Matcher o = Pattern.compile("experiment (\\S+)").matcher(text);
        assertTrue(o.find());
        String id = o.group(1);
        long stored = count("SELECT count(*) FROM sweep_results WHERE experiment_id = '" + id + "'");
        assertTrue(stored >= 1 && stored <= distinct, "stored " + stored + " of " + distinct + " screened");
        assertEquals(stored, count("SELECT count(DISTINCT params) FROM sweep_results WHERE experiment_id = '" + id + "'"));
        assertEquals(0, count("SELECT count(*) FROM sweep_results WHERE experiment_id = '" + id + "' AND passes_constraints"));
    }
}
