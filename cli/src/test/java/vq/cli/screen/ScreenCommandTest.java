package vq.cli.screen;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.RealDataFixture;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/** {@code vq screen} end to end on 3 days of real BTCUSDT and ETHUSDT 1m bars, through an experiment YAML. */
class ScreenCommandTest {
    @TempDir static Path ws;
    static boolean data;

    @BeforeAll
    static void importBars() {
        data = RealDataFixture.importDays(ws, List.of("BTCUSDT", "ETHUSDT"), LocalDate.of(2024, 2, 1), 3);
    }

    static int vq(ByteArrayOutputStream out, String... args) {
        return RealDataFixture.vq(ws, out, args);
    }

    @Test
    void experimentYamlScreensStoresAndReports() throws Exception {
        assumeTrue(data, "shared data absent");
        Path strategy = Path.of("../configs/strategies/sma_cross.yaml").toAbsolutePath().normalize();
        Path exp = ws.resolve("exp.yaml");
        Files.writeString(exp, """
                experiment_name: "SMA_BTC_ETH_test"
                strategy: "%s"
                data: {symbols: [BTCUSDT, ETHUSDT], from: "2024-02-01", to: "2024-02-03"}
                optimization: {method: grid, seed: 7, parallel_workers: 2}
                parameters:
                  fast: {type: int, min: 5, max: 20, step: 5}
                  slow: {values: [30, 60]}
                constraints: {min_trades: 5}
                """.formatted(strategy));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, vq(out, "screen", exp.toString(), "--top", "3"), out.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("8 parameter sets"), text);
        String id = text.lines().filter(l -> l.startsWith("experiment ")).findFirst().orElseThrow().substring("experiment ".length()).trim();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + ws.resolve("vq.duckdb")); Statement st = c.createStatement()) {
            ResultSet r = st.executeQuery("SELECT count(*), count(DISTINCT symbol), sum(trades), count(*) FILTER (WHERE pareto_rank = 1), "
                    + "bool_and(passes_constraints = (trades >= 5)) FROM sweep_results WHERE experiment_id = '" + id + "'");
            assertTrue(r.next());
            assertEquals(16, r.getLong(1));
            assertEquals(2, r.getLong(2));
            assertTrue(r.getLong(3) > 0);
            assertTrue(r.getLong(4) >= 1);
            assertTrue(r.getBoolean(5));
            r = st.executeQuery("SELECT kind, method, seed, param_sets, code_version IS NOT NULL, data_checksums::VARCHAR FROM experiments WHERE experiment_id = '" + id + "'");
            assertTrue(r.next());
            assertEquals("screen", r.getString(1));
            assertEquals("grid", r.getString(2));
            assertEquals(7, r.getLong(3));
            assertEquals(8, r.getLong(4));
            assertTrue(r.getBoolean(5));
            assertTrue(r.getString(6).contains("binance/spot/BTCUSDT/bars/1m"), r.getString(6));
        }
        Path report = ws.resolve("reports").resolve(id);
        assertTrue(Files.isRegularFile(report.resolve("results.parquet")));
        assertTrue(Files.readString(report.resolve("run.json")).contains("\"seed\": 7"));
        assertTrue(Files.readString(report.resolve("config.yaml")).contains("SMA_BTC_ETH_test"));
        assertTrue(Files.isRegularFile(report.resolve("strategy.yaml")));
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        assumeTrue(data, "shared data absent");
        Path strategy = Path.of("../configs/strategies/sma_cross.yaml").toAbsolutePath().normalize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, vq(out, "screen", strategy.toString(), "--symbols", "DOGEUSDT", "--from", "2024-02-01", "--to", "2024-02-02"));
        assertEquals(2, vq(out, "screen", strategy.toString(), "--symbols", "BTCUSDT", "--from", "2024-02-31"));
        assertEquals(2, vq(out, "screen", strategy.toString(), "--symbols", "BTCUSDT", "--method", "random"));
    }
}
