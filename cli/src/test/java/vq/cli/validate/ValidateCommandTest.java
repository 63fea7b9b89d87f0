package vq.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.kernels.margin.VenueSpec;
import vq.kernels.screen.BarSeries;
import vq.kernels.screen.ExecutionSpec;
import vq.kernels.screen.FundingSchedule;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;
import vq.kernels.screen.StrategySignals;
import vq.kernels.screen.Windows;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.Strategies;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;
import vq.sim.market.CatalogFeeds;
import vq.sim.market.FeedInputs;
import vq.sim.strategy.DslStrategies;

/**
 * End to end on real Binance BTCUSDT 1m klines imported into a temporary workspace: a single run, and an
 * experiment whose sweep_results come from the real SIMD screen, validated in screening fidelity (must
 * agree: not execution-sensitive, same Sharpe) and in realistic fidelity.
 */
class ValidateCommandTest {
    @TempDir static Path ws;
    static boolean data;

    @BeforeAll
    static void importBars() {
        String root = System.getProperty("vq.shared.data");
        Path dir = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m", "BTCUSDT");
        data = dir != null && Files.isDirectory(dir);
        if (!data && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + dir);
        if (!data) return;
        List<Path> files = new ArrayList<>();
        for (int d = 0; d < 6; d++) files.add(dir.resolve("BTCUSDT-1m-" + LocalDate.of(2024, 3, 1).plusDays(d) + ".zip"));
        Importer.importPaths(Catalog.open(ws.resolve("catalog")), files, ImportOptions.defaults());
    }

    static int vq(ByteArrayOutputStream buf, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--workspace";
            all[1] = ws.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return VqCommand.commandLine().execute(all);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void singleRunWritesDatabaseAndArtifacts() throws Exception {
        assumeTrue(data, "shared data absent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = vq(out, "validate", "../configs/strategies/sma_cross.yaml", "--params", "fast=10,slow=60", "--symbol", "BTCUSDT",
                "--from", "2024-03-01", "--to", "2024-03-06", "--fidelity", "realistic", "--latency", "retail");
        assertEquals(0, rc, out.toString());
        String text = out.toString();
        assertTrue(text.contains("sharpe"), text);
        try (ResultsStore st = ResultsStore.openReadOnly(ws.resolve("vq.duckdb")); Statement q = st.connection().createStatement()) {
            ResultSet rs = q.executeQuery("SELECT run_id, fidelity, latency, trades FROM runs WHERE experiment_id IS NULL");
            assertTrue(rs.next());
            String run = rs.getString(1);
            assertEquals("realistic", rs.getString(2));
            assertEquals("retail", rs.getString(3));
            long trades = rs.getLong(4);
            assertTrue(trades > 10, "sma 10/60 on 6 days of 1m bars trades: " + trades);
            rs = q.executeQuery("SELECT count(*), count(DISTINCT exit_reason) FROM trades WHERE run_id = '" + run + "'");
            rs.next();
            assertEquals(trades, rs.getLong(1));
            rs = q.executeQuery("SELECT count(*) FROM equity WHERE run_id = '" + run + "'");
            rs.next();
            assertTrue(rs.getLong(1) > 1000);
            rs = q.executeQuery("SELECT count(*) FROM events WHERE run_id = '" + run + "' AND type = 'fill'");
            rs.next();
            assertTrue(rs.getLong(1) >= 2 * trades);
            Path events = ws.resolve("reports/runs/validation").resolve(run).resolve("events.jsonl");
            assertTrue(Files.size(events) > 0);
            // the JSONL log is queryable with DuckDB's read_json_auto
            rs = q.executeQuery("SELECT count(*) FROM read_json_auto('" + events + "') WHERE type = 'fill' AND slippage > 0");
            rs.next();
            assertTrue(rs.getLong(1) > 0, "realistic fills pay slippage");
        }
    }

    @Test
    void experimentCandidatesAgreeWithTheScreenInScreeningFidelity() throws Exception {
        assumeTrue(data, "shared data absent");
        Path yaml = Path.of("../configs/strategies/sma_cross.yaml");
        CompiledStrategy cs = Strategies.compile(yaml);
        var loaded = CatalogFeeds.load(Catalog.open(ws.resolve("catalog")), "binance", "BTCUSDT", "1m", Long.MIN_VALUE, Long.MAX_VALUE, false);
        var f = loaded.feed();
        double[][] sets = {{10, 60}, {20, 100}, {5, 40}};
        BarSeries bs = new BarSeries("BTCUSDT", f.intervalNanos(), f.barTs(), f.open(), f.high(), f.low(), f.close());
        VenueSpec v = VenueSpec.binanceFuturesUm();
        ScreenResult sr;
        try (FeedInputs in = new FeedInputs(f, "1m")) {
            var market = cs.on(in);
            var lanes = StrategySignals.laneParams(market, sets, Double.NaN, Double.NaN);
            // funding exactly as `vq screen` charges it (constant 1 bp per 8h where the catalog has no funding data)
            FundingSchedule fs = vq.cli.screen.ScreenRun.funding(Catalog.open(ws.resolve("catalog")),
                    new vq.cli.screen.ScreenRun.Settings(1, 2048, "binance", loaded.barsKey().market(), null, 10_000, 0.0001, 1, false),
                    loaded.barsKey(), bs);
            final ScreenResult r0 = Screener.run(bs, fs, new ExecutionSpec(10_000, 0.0005, 0.0002,
                    v.symbol("BTCUSDT").liquidationClearanceFeeRate(), v.brackets("BTCUSDT"), StrategySignals.sides(market, sets[0])),
                    lanes, new StrategySignals(market, sets, 2048), Windows.none(), new Screener.Options(1, 2048), null);
            sr = r0;
        }
        String yamlText = Files.readString(yaml);
        try (ResultsStore st = ResultsStore.open(ws.resolve("vq.duckdb"))) {
            st.inTransaction(tx -> {
                tx.putExperiment(new Experiment("exp-test", "sma test", "screen", "sma_cross", yamlText, null, List.of("BTCUSDT"),
                        "1m", f.barTs()[0], f.barTs()[f.bars() - 1], "grid", 1L, 3L, "test", null, "finished",
                        Instant.now(), Instant.now()));
                try (var w = tx.sweepResults()) {
                for (int s = 0; s < sets.length; s++) {
                    double[] m = new double[vq.optimizer.store.Metric.COUNT];
                    for (vq.optimizer.store.Metric k : vq.optimizer.store.Metric.values())
                        m[k.ordinal()] = sr.metric(s, Metric.valueOf(k.name()));
                    w.add("exp-test", s, "BTCUSDT", DslStrategies.paramsJson(cs, sets[s]), m, 1, true);
                }
                }
                return null;
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = vq(out, "validate", "--experiment", "exp-test", "--top", "3", "--fidelity", "screening", "--no-events");
        assertEquals(0, rc, out.toString());
        assertFalse(out.toString().contains("EXECUTION-SENSITIVE"), out.toString());
        try (ResultsStore st = ResultsStore.openReadOnly(ws.resolve("vq.duckdb")); Statement q = st.connection().createStatement()) {
            ResultSet rs = q.executeQuery("SELECT r.param_set_id, r.sharpe, s.sharpe, r.trades, s.trades, r.final_equity, r.execution_sensitive "
                    + "FROM runs r JOIN sweep_results s ON r.experiment_id = s.experiment_id AND r.param_set_id = s.param_set_id "
                    + "WHERE r.experiment_id = 'exp-test' AND r.fidelity = 'screening' ORDER BY 1");
            int n = 0;
            while (rs.next()) {
                n++;
                assertEquals(rs.getDouble(3), rs.getDouble(2), 1e-9 * Math.max(1, Math.abs(rs.getDouble(3))), "sharpe of set " + rs.getLong(1));
                assertEquals(rs.getLong(5), rs.getLong(4));
                assertFalse(rs.getBoolean(7));
            }
            assertEquals(3, n);
        }
        assertTrue(Files.exists(ws.resolve("reports/exp-test/validation/comparison.csv")));
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        rc = vq(out2, "validate", "--experiment", "exp-test", "--top", "2", "--fidelity", "realistic", "--latency", "retail", "--no-events");
        assertEquals(0, rc, out2.toString());
        assertTrue(out2.toString().contains("screen vs validation"), out2.toString());
    }

    @Test
    void badInputsExitWith2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, vq(out, "validate"));
        assertEquals(2, vq(out, "validate", "--experiment", "nope"));
        assertEquals(2, vq(out, "validate", "../configs/strategies/sma_cross.yaml", "--symbol", "BTCUSDT", "--params", "nosuch=3"));
        assertEquals(2, vq(out, "validate", "../configs/strategies/sma_cross.yaml", "--symbol", "BTCUSDT", "--latency", "warp"));
    }
}
