package vq.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import vq.columnar.Catalog;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.margin.VenueSpec;
import vq.kernels.strategy.CompiledStrategy;
import vq.optimizer.store.Metric;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.Run;
import vq.sim.Fidelity;
import vq.sim.Latency;
import vq.sim.MarginMode;
import vq.sim.SimConfig;
import vq.sim.SlippageModel;
import vq.sim.engine.RunResult;
import vq.sim.engine.Simulator;
import vq.sim.market.CatalogFeeds;
import vq.sim.market.SymbolFeed;
import vq.sim.order.Orders;
import vq.sim.report.JsonlEventLog;
import vq.sim.report.RunMetrics;
import vq.sim.report.TradeBook;
import vq.sim.risk.RiskLimits;
import vq.sim.sizing.Sizing;
import vq.sim.strategy.DslStrategies;

/**
 * The work of {@code vq validate}: load data, bind the strategy, run the event simulator, store runs,
 * trades, equity and events in the workspace database (one transaction) and write the artifacts to
 * {@code reports/<experiment_id>/validation/<run_id>/} (events.jsonl, trades.csv, equity.csv,
 * metrics.json), plus, for an experiment, {@code comparison.csv} (screen vs validation per candidate).
 */
public final class ValidateRun implements AutoCloseable {

    /**
     * Run settings common to all candidates. NaN / null = take the strategy's value. {@code l2}: in realistic
     * fidelity, load the catalog's L2 book (with quotes and trades) and execute on it where present.
     */
    public record Settings(String venue, Fidelity fidelity, Latency latency, String sizingText, String riskText, MarginMode marginMode,
                           double leverage, double fraction, double initialEquity, String feeTier, long seed, SlippageModel slippage,
                           double limitFillProbability, boolean writeEvents, double screenFundingRate, boolean l2) {
        /** L2 on (used when the catalog has it). */
        public Settings(String venue, Fidelity fidelity, Latency latency, String sizingText, String riskText, MarginMode marginMode,
                        double leverage, double fraction, double initialEquity, String feeTier, long seed, SlippageModel slippage,
                        double limitFillProbability, boolean writeEvents, double screenFundingRate) {
            this(venue, fidelity, latency, sizingText, riskText, marginMode, leverage, fraction, initialEquity, feeTier, seed, slippage,
                    limitFillProbability, writeEvents, screenFundingRate, true);
        }
    }

    /** One validated parameter set. */
    public record Outcome(String runId, String symbol, String paramsJson, RunMetrics metrics, double[] screen, Boolean executionSensitive,
                          Path reportDir) {}

    static final String[] COMPARED = {"total_return", "sharpe", "max_drawdown", "profit_factor", "trades", "win_rate", "fees", "funding"};

    private final Path catalogDir, database, reports;
    private final PrintStream out;
    private final Map<String, CatalogFeeds.Loaded> feedCache = new HashMap<>();

    public ValidateRun(Path catalogDir, Path database, Path reports, PrintStream out) {
        this.catalogDir = catalogDir;
        this.database = database;
        this.reports = reports;
        this.out = out;
    }

    /** Realistic defaults from {@code configs/sim/realistic.yaml} (packaged as {@code vq/sim/realistic.yaml}). */
    public static double[] realisticDefaults() {
        try (InputStream in = ValidateRun.class.getResourceAsStream("/vq/sim/realistic.yaml")) {
            if (in == null) throw new IllegalStateException("vq/sim/realistic.yaml missing from the classpath");
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new double[] {n.get("half_spread_bps").asDouble(), n.get("k").asDouble(), n.get("window").asDouble(),
                    n.get("limit_fill_probability").asDouble()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A single run ({@code vq validate STRATEGY.yaml --params …}); returns one outcome per run. */
    public List<Outcome> single(CompiledStrategy cs, Map<String, Double> params, List<String> symbols, String interval, long from, long to,
                                Settings s) throws SQLException {
        double[] p = DslStrategies.params(cs, params);
        List<Outcome> res = runCandidate(cs, p, symbols, interval, from, to, s, null, null, null);
        for (Outcome o : res) printMetrics(o);
        return res;
    }

    /**
     * Validates the best candidates of a screened experiment ({@code vq validate --experiment ID}).
     *
     * @param where extra SQL condition over {@code sweep_results} columns, or null
     * @param top   number of candidates (by pareto rank, then Sharpe)
     */
    public List<Outcome> experiment(String experimentId, int top, String where, Settings s) throws SQLException, IOException {
        String yaml, interval;
        long from, to;
        List<long[]> dummy = new ArrayList<>();
        List<Object[]> cands = new ArrayList<>();
        try (ResultsStore st = ResultsStore.openReadOnly(database)) {
            try (PreparedStatement ps = st.connection().prepareStatement(
                    "SELECT config_yaml, strategy, bar_interval, epoch_ns(data_from), epoch_ns(data_to) FROM experiments WHERE experiment_id = ?")) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new InputException("no experiment '" + experimentId + "' in " + database + " (see `vq experiments list`)");
                    yaml = rs.getString(1);
                    interval = rs.getString(3);
                    from = rs.getObject(4) == null ? Long.MIN_VALUE : rs.getLong(4);
                    // data_to is the open time of the screen's last bar: include it (ranges are end-exclusive)
                    to = rs.getObject(5) == null ? Long.MAX_VALUE : rs.getLong(5) + 1;
                    if (yaml == null) throw new InputException("experiment " + experimentId + " has no config_yaml: cannot rebuild its strategy");
                }
            }
            String cols = "param_set_id, symbol, CAST(params AS VARCHAR)";
            for (String c : COMPARED) cols += ", " + c;
            String sql = "SELECT " + cols + " FROM sweep_results WHERE experiment_id = ?" + (where == null || where.isBlank() ? "" : " AND (" + where + ")")
                    + " ORDER BY pareto_rank NULLS LAST, sharpe DESC NULLS LAST, param_set_id, symbol LIMIT " + top;
            try (PreparedStatement ps = st.connection().prepareStatement(sql)) {
                ps.setString(1, experimentId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] m = new double[COMPARED.length];
                        for (int i = 0; i < m.length; i++) {
                            Object v = rs.getObject(4 + i);
                            m[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
                        }
                        cands.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), m});
                    }
                }
            } catch (SQLException e) {
                throw new InputException("--where: " + e.getMessage());
            }
        }
        if (cands.isEmpty()) throw new InputException("experiment " + experimentId + ": no sweep_results rows match" + (where == null ? "" : " --where " + where));
        CompiledStrategy cs = CompiledStrategy.of(vq.kernels.strategy.StrategyParser.parse(yaml,
                "experiment " + experimentId + " config_yaml", vq.kernels.strategy.RegistryTypes.DEFAULT));
        ObjectMapper json = new ObjectMapper();
        List<Outcome> all = new ArrayList<>();
        int k = 0;
        for (Object[] c : cands) {
            k++;
            long setId = (Long) c[0];
            String sym = (String) c[1];
            Map<String, Double> pm = new LinkedHashMap<>();
            JsonNode pj = json.readTree((String) c[2]);
            for (Iterator<Map.Entry<String, JsonNode>> it = pj.fields(); it.hasNext(); ) {
                var e = it.next();
                pm.put(e.getKey(), e.getValue().asDouble());
            }
            out.printf("[%d/%d] set %d %s %s%n", k, cands.size(), setId, sym, c[2]);
            double[] p = DslStrategies.params(cs, pm);
            all.addAll(runCandidate(cs, p, List.of(sym), interval, from, to, s, experimentId, setId, (double[]) c[3]));
        }
        writeComparison(experimentId, all);
        return all;
    }

    /** Releases the feeds' mapped L2 book segments. */
    @Override public void close() {
        for (CatalogFeeds.Loaded l : feedCache.values()) l.close();
        feedCache.clear();
    }

    private CatalogFeeds.Loaded feed(Catalog c, String venue, String sym, String interval, long from, long to, Fidelity f, boolean screenFunding,
                                     double fundingRate, boolean l2) {
        String key = venue + "|" + sym + "|" + interval + "|" + from + "|" + to + "|" + screenFunding + "|" + f + "|" + l2;
        return feedCache.computeIfAbsent(key, x -> {
            String v = venue;
            boolean here = c.list().stream().anyMatch(k -> k.dataset() == vq.columnar.Dataset.BARS && k.venue().equals(venue)
                    && k.symbol().equals(sym) && interval.equals(k.interval()));
            if (!here) {
                // e.g. the demo's synthetic market: use the one venue that has these bars, and say so
                List<String> venues = c.list().stream().filter(k -> k.dataset() == vq.columnar.Dataset.BARS && k.symbol().equals(sym)
                        && interval.equals(k.interval())).map(vq.columnar.DatasetKey::venue).distinct().toList();
                if (venues.size() == 1) {
                    v = venues.getFirst();
                    out.println("vq: no " + venue + " bars for " + sym + "; using venue '" + v + "' (the only one that has them)");
                }
            }
            CatalogFeeds.Loaded l = CatalogFeeds.load(c, v, sym, interval, from, to, f == Fidelity.REALISTIC, l2);
            if (f == Fidelity.REALISTIC)
                out.println("vq: " + sym + " ticks: " + l.tickSource() + (l.feed().hasBook() ? "; market/limit/stop orders execute on the L2 book" : ""));
            if (!screenFunding) return l;
            // validating a screen: charge funding exactly as vq screen did (catalog rates, its constant rate
            // outside the funding data), through the screen's own schedule
            SymbolFeed fd = l.feed();
            var bs = new vq.kernels.screen.BarSeries(sym, fd.intervalNanos(), fd.barTs(), fd.open(), fd.high(), fd.low(), fd.close());
            var fs = vq.cli.screen.ScreenRun.funding(c, new vq.cli.screen.ScreenRun.Settings(1, 2048, l.barsKey().venue(), l.barsKey().market(), null, 10_000,
                    fundingRate, 1, false), l.barsKey(), bs);
            int n = 0;
            for (int i = 0; i < fd.bars(); i++) if (!Double.isNaN(fs.rate(i))) n++;
            long[] ft = new long[n];
            double[] fr = new double[n];
            n = 0;
            for (int i = 0; i < fd.bars(); i++) if (!Double.isNaN(fs.rate(i))) { ft[n] = fd.barTs()[i]; fr[n] = fs.rate(i); n++; }
            return new CatalogFeeds.Loaded(fd.withFunding(ft, fr), l.barsKey(), fs.description(), l.markSource(), l.tickSource());
        });
    }

    private List<Outcome> runCandidate(CompiledStrategy cs, double[] p, List<String> symbols, String interval, long from, long to, Settings s,
                                       String experimentId, Long setId, double[] screen) throws SQLException {
        Catalog c = Catalog.open(catalogDir);
        String iv = interval == null ? cs.spec().timeframe() : interval;
        List<SymbolFeed> feeds = new ArrayList<>();
        List<CatalogFeeds.Loaded> loaded = new ArrayList<>();
        for (String sym : symbols) {
            CatalogFeeds.Loaded l = feed(c, s.venue(), sym, iv, from, to, s.fidelity(), experimentId != null, s.screenFundingRate(), s.l2());
            loaded.add(l);
            feeds.add(l.feed());
        }
        // the DSL reads bars and indicators through the catalog's shared indicator cache, like vq screen
        // (multi-timeframe indicators are aligned there without lookahead)
        DslStrategies.InputsFactory inputs = (i, f, tf) -> {
            var key = loaded.get(feeds.indexOf(f)).barsKey();
            var cache = vq.kernels.indicators.IndicatorCache.forCatalog(c, key.venue(), key.market(), key.interval());
            return new vq.kernels.strategy.IndicatorInputs(cache, f.symbol(), tf, f.barTs()[0], f.barTs()[f.bars() - 1] + 1, true);
        };
        DslStrategies.Bound probe = DslStrategies.bind(cs, p, feeds.toArray(new SymbolFeed[0]), inputs);
        MarginMode mm = s.marginMode() != null ? s.marginMode() : probe.marginMode();
        List<Outcome> outs = new ArrayList<>();
        if (mm == MarginMode.CROSS || feeds.size() == 1) {
            outs.add(runOne(cs, p, feeds.toArray(new SymbolFeed[0]), probe, mm, s, experimentId, setId, screen));
        } else {
            // isolated multi-symbol: one account per symbol
            for (SymbolFeed f : feeds) {
                DslStrategies.Bound b = DslStrategies.bind(cs, p, new SymbolFeed[] {f}, inputs);
                outs.add(runOne(cs, p, new SymbolFeed[] {f}, b, mm, s, experimentId, setId, screen));
            }
        }
        return outs;
    }

    /**
     * Replays one screened parameter set of {@code cs} on one symbol exactly as {@code vq validate --experiment}
     * does (the screen's funding schedule, the catalog's indicator cache, the same {@link SimConfig}), in memory:
     * nothing is written to the database or the reports. Used by {@code vq bench agreement}.
     *
     * @param from first bar open time, epoch ns (inclusive); {@code to} end, epoch ns (exclusive)
     * @return the simulator's run (trades, equity, metrics)
     */
    public RunResult replay(CompiledStrategy cs, double[] p, String symbol, String interval, long from, long to, Settings s) {
        Catalog c = Catalog.open(catalogDir);
        String iv = interval == null ? cs.spec().timeframe() : interval;
        CatalogFeeds.Loaded l = feed(c, s.venue(), symbol, iv, from, to, s.fidelity(), true, s.screenFundingRate(), s.l2());
        SymbolFeed f = l.feed();
        var key = l.barsKey();
        DslStrategies.InputsFactory inputs = (i, ff, tf) -> {
            var cache = vq.kernels.indicators.IndicatorCache.forCatalog(c, key.venue(), key.market(), key.interval());
            return new vq.kernels.strategy.IndicatorInputs(cache, ff.symbol(), tf, ff.barTs()[0], ff.barTs()[ff.bars() - 1] + 1, true);
        };
        DslStrategies.Bound b = DslStrategies.bind(cs, p, new SymbolFeed[] {f}, inputs);
        MarginMode mm = s.marginMode() != null ? s.marginMode() : b.marginMode();
        return RunResult.run(new Simulator(config(b, mm, s), new SymbolFeed[] {f}, b.strategy(), vq.sim.report.EventLog.NONE));
    }

    private static SimConfig config(DslStrategies.Bound b, MarginMode mm, Settings s) {
        VenueSpec venue = VenueSpec.binanceFuturesUm();
        double lev = Double.isNaN(s.leverage()) ? b.leverage() : s.leverage();
        double frac = Double.isNaN(s.fraction()) ? b.fraction() : s.fraction();
        Sizing sizing = s.sizingText() != null ? Sizing.parse(s.sizingText(), frac)
                : Double.isNaN(s.fraction()) ? b.sizing() : Sizing.marginFraction(frac);
        RiskLimits risk = RiskLimits.parse(s.riskText());
        return new SimConfig(s.fidelity(), s.latency(), mm, lev, s.initialEquity(), venue,
                s.feeTier() == null ? venue.defaultFeeTier() : venue.feeTier(s.feeTier()),
                s.fidelity() == Fidelity.REALISTIC ? s.slippage() : SlippageModel.NONE, s.limitFillProbability(), s.seed(), sizing, risk);
    }

    private Outcome runOne(CompiledStrategy cs, double[] p, SymbolFeed[] feeds, DslStrategies.Bound b, MarginMode mm, Settings s,
                           String experimentId, Long setId, double[] screen) throws SQLException {
        SimConfig cfg = config(b, mm, s);
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 12);
        String symCsv = String.join(",", java.util.Arrays.stream(feeds).map(SymbolFeed::symbol).toList());
        Path dir = reports.resolve(experimentId == null ? "runs" : experimentId).resolve("validation").resolve(runId);
        Instant started = Instant.now();
        RunResult rr;
        Path events;
        try {
            Files.createDirectories(dir);
            events = dir.resolve("events.jsonl");
            Path tmp = dir.resolve(".events.jsonl.tmp");
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                var log = s.writeEvents() ? new JsonlEventLog(w) : vq.sim.report.EventLog.NONE;
                Simulator sim = new Simulator(cfg, feeds, b.strategy(), log);
                rr = RunResult.run(sim);
                for (int k = 0; k < feeds.length; k++) if (feeds[k].hasBook()) printBook(feeds[k].symbol(), sim.bookStats(k));
            }
            Files.move(tmp, events, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
        Instant finished = Instant.now();
        RunMetrics m = rr.metrics();
        String paramsJson = DslStrategies.paramsJson(cs, p);
        Boolean sensitive = screen == null ? null : executionSensitive(screen, m);
        writeArtifacts(dir, rr, feeds, m, paramsJson, cfg, s);
        store(runId, experimentId, setId, symCsv, paramsJson, cfg, s, rr, m, sensitive, started, finished, events, feeds);
        return new Outcome(runId, symCsv, paramsJson, m, screen, sensitive, dir);
    }

    private void printBook(String sym, vq.sim.engine.BookStats b) {
        out.printf("  L2 %s: %,d updates (%,d rows, %d snapshot%s), %d update-id gap%s, %,d rows skipped while the book was unknown, "
                        + "%,d crossed updates%s; %,d book-walk fills over %,d levels, %,d queue fills from prints, %d FOK rejects%n",
                sym, b.updates(), b.rows(), b.snapshots(), b.snapshots() == 1 ? "" : "s", b.gaps(), b.gaps() == 1 ? "" : "s",
                b.rowsBeforeSnapshot(), b.crossedUpdates(),
                b.crossedUpdates() > 0 ? " (first " + Intervals.iso(b.firstCrossedNs()) + ")" : "", b.bookFills(), b.levelsConsumed(),
                b.queueFills(), b.fokRejects());
    }

    /** Sharpe or total return degrading by more than 50% of the screen's value (relative to its magnitude). */
    static boolean executionSensitive(double[] screen, RunMetrics m) {
        return degrades(screen[1], m.sharpe()) || degrades(screen[0], m.totalReturn());
    }

    static boolean degrades(double screen, double validated) {
        if (!Double.isFinite(screen)) return false;
        if (!Double.isFinite(validated)) return true;
        return screen - validated > 0.5 * Math.abs(screen);
    }

    static double[] metricRow(RunMetrics m) {
        double[] v = new double[Metric.COUNT];
        for (Metric k : Metric.values()) v[k.ordinal()] = m.value(vq.kernels.screen.Metric.valueOf(k.name()));
        return v;
    }

    private void store(String runId, String experimentId, Long setId, String symbols, String paramsJson, SimConfig cfg, Settings s,
                       RunResult rr, RunMetrics m, Boolean sensitive, Instant started, Instant finished, Path events,
                       SymbolFeed[] feeds) throws SQLException {
        try (ResultsStore st = ResultsStore.open(database)) {
            st.inTransaction(tx -> {
                tx.putRun(new Run(runId, experimentId, setId, symbols, paramsJson, cfg.fidelity().name().toLowerCase(Locale.ROOT),
                        cfg.fidelity() == Fidelity.REALISTIC ? cfg.latency().name() : null, describe(cfg.sizing()),
                        s.riskText(), cfg.initialEquity(), m.finalEquity(), metricRow(m), sensitive, started, finished));
                TradeBook tb = rr.trades();
                int no = 0;
                try (var tw = tx.trades()) {
                for (int t = 0; t < tb.size; t++) {
                    boolean open = tb.openTrade(tb.sym[t]) == t;
                    double r = tb.initialRisk[t] > 0 ? tb.net[t] / tb.initialRisk[t] : Double.NaN;
                    tw.add(runId, ++no, rr.symbols()[tb.sym[t]], tb.side[t], tb.entryTs[t], open ? Long.MIN_VALUE : tb.exitTs[t], tb.entryPx[t],
                            open ? Double.NaN : tb.exitPx[t], tb.qty[t], tb.fees[t], tb.funding[t], tb.slippage[t], tb.gross[t],
                            open ? Double.NaN : tb.net[t], r, open ? null : Orders.reasonName(tb.exitReason[t]));
                }
                }
                try (var ew = tx.equity()) {
                long[] ts = rr.equityTs();
                double[] eq = rr.equity();
                double peak = cfg.initialEquity();
                int stride = Math.max(1, ts.length / 10_000);
                for (int i = 0; i < ts.length; i++) {
                    peak = Math.max(peak, eq[i]);
                    if (i % stride == 0 || i == ts.length - 1) ew.add(runId, ts[i], eq[i], peak > 0 ? (peak - eq[i]) / peak : 0);
                }
                }
                if (s.writeEvents()) {
                    ObjectMapper json = new ObjectMapper();
                    try (var evw = tx.events(); var lines = Files.lines(events)) {
                        long[] seq = {0};
                        for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                            String line = it.next();
                            JsonNode n = json.readTree(line);
                            evw.add(runId, ++seq[0], n.get("ts_ns").asLong(), n.get("type").asText(),
                                    n.get("symbol").isNull() ? null : n.get("symbol").asText(), line);
                        }
                    } catch (IOException e) {
                        throw new SQLException("reading " + events + ": " + e.getMessage(), e);
                    }
                }
                return null;
            });
        }
    }

    static String describe(Sizing z) {
        return switch (z.method()) {
            case MARGIN_FRACTION -> "margin:" + z.fraction();
            case FIXED_FRACTIONAL -> "fixed_fractional:" + z.riskFraction();
            case KELLY -> "kelly:" + z.kellyMultiplier() + "," + z.kellyMinTrades();
            case ATR -> "atr:" + z.riskFraction() + "," + z.atrMultiple();
        };
    }

    private void writeArtifacts(Path dir, RunResult rr, SymbolFeed[] feeds, RunMetrics m, String paramsJson, SimConfig cfg, Settings s) {
        TradeBook tb = rr.trades();
        StringBuilder t = new StringBuilder("trade_no,symbol,side,entry_time,exit_time,entry_price,exit_price,qty,fees,funding,slippage,gross_pnl,net_pnl,r_multiple,exit_reason\n");
        for (int i = 0; i < tb.size; i++) {
            boolean open = tb.openTrade(tb.sym[i]) == i;
            t.append(i + 1).append(',').append(rr.symbols()[tb.sym[i]]).append(',').append(tb.side[i] > 0 ? "long" : "short").append(',')
                    .append(Intervals.iso(tb.entryTs[i])).append(',').append(open ? "" : Intervals.iso(tb.exitTs[i])).append(',')
                    .append(tb.entryPx[i]).append(',').append(open ? "" : tb.exitPx[i]).append(',').append(tb.qty[i]).append(',')
                    .append(tb.fees[i]).append(',').append(tb.funding[i]).append(',').append(tb.slippage[i]).append(',').append(tb.gross[i])
                    .append(',').append(open ? "" : tb.net[i]).append(',').append(tb.initialRisk[i] > 0 ? tb.net[i] / tb.initialRisk[i] : "")
                    .append(',').append(open ? "" : Orders.reasonName(tb.exitReason[i])).append('\n');
        }
        StringBuilder e = new StringBuilder("time,equity\n");
        long[] ts = rr.equityTs();
        double[] eq = rr.equity();
        for (int i = 0; i < ts.length; i++) e.append(Intervals.iso(ts[i])).append(',').append(eq[i]).append('\n');
        StringBuilder j = new StringBuilder("{\n  \"params\": ").append(paramsJson).append(",\n  \"symbols\": \"")
                .append(String.join(",", rr.symbols())).append("\",\n  \"fidelity\": \"").append(cfg.fidelity().name().toLowerCase(Locale.ROOT))
                .append("\",\n  \"latency\": \"").append(cfg.latency().name()).append("\",\n  \"margin_mode\": \"").append(cfg.marginMode().name().toLowerCase(Locale.ROOT))
                .append("\",\n  \"leverage\": ").append(cfg.leverage()).append(",\n  \"sizing\": \"").append(describe(cfg.sizing())).append("\"");
        double[] row = metricRow(m);
        for (Metric k : Metric.values()) {
            double v = row[k.ordinal()];
            j.append(",\n  \"").append(k.column()).append("\": ").append(Double.isFinite(v) ? Double.toString(v) : "null");
        }
        j.append(",\n  \"final_equity\": ").append(m.finalEquity()).append("\n}\n");
        atomic(dir.resolve("trades.csv"), t);
        atomic(dir.resolve("equity.csv"), e);
        atomic(dir.resolve("metrics.json"), j);
    }

    static void atomic(Path f, CharSequence text) {
        try {
            Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + f + ": " + ex.getMessage(), ex);
        }
    }

    private void writeComparison(String experimentId, List<Outcome> all) {
        StringBuilder csv = new StringBuilder("run_id,symbol,params,metric,screen,validation,change,execution_sensitive\n");
        out.println();
        out.println("screen vs validation (execution-sensitive = Sharpe or return down by more than 50%)");
        out.printf("%-18s %-8s %-14s %12s %12s %10s%n", "run", "symbol", "metric", "screen", "validation", "change");
        for (Outcome o : all) {
            double[] v = compared(o.metrics());
            for (int i = 0; i < COMPARED.length; i++) {
                double a = o.screen()[i], b = v[i];
                double ch = Double.isFinite(a) && a != 0 ? (b - a) / Math.abs(a) : Double.NaN;
                out.printf("%-18s %-8s %-14s %12s %12s %10s%s%n", i == 0 ? o.runId() : "", i == 0 ? o.symbol() : "", COMPARED[i], fmt(a), fmt(b),
                        Double.isFinite(ch) ? String.format(Locale.ROOT, "%+.1f%%", 100 * ch) : "",
                        i == 0 && Boolean.TRUE.equals(o.executionSensitive()) ? "  EXECUTION-SENSITIVE" : "");
                csv.append(o.runId()).append(',').append(o.symbol()).append(",\"").append(o.paramsJson().replace("\"", "\"\"")).append("\",")
                        .append(COMPARED[i]).append(',').append(a).append(',').append(b).append(',').append(Double.isFinite(ch) ? ch : "")
                        .append(',').append(o.executionSensitive()).append('\n');
            }
        }
        Path f = reports.resolve(experimentId).resolve("validation").resolve("comparison.csv");
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        atomic(f, csv);
        out.println("comparison: " + f);
    }

    static double[] compared(RunMetrics m) {
        return new double[] {m.totalReturn(), m.sharpe(), m.maxDrawdown(), m.profitFactor(), m.trades(), m.winRate(), m.fees(), m.funding()};
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private void printMetrics(Outcome o) {
        RunMetrics m = o.metrics();
        out.printf("%nrun %s  %s  %s%n", o.runId(), o.symbol(), o.paramsJson());
        out.printf("  total_return %s  cagr %s  sharpe %s  sortino %s  max_drawdown %s%n", fmt(m.totalReturn()), fmt(m.cagr()), fmt(m.sharpe()),
                fmt(m.sortino()), fmt(m.maxDrawdown()));
        out.printf("  trades %d  win_rate %s  profit_factor %s  expectancy %s  avg_R %s  exposure %s%n", m.trades(), fmt(m.winRate()),
                fmt(m.profitFactor()), fmt(m.expectancy()), fmt(m.avgR()), fmt(m.exposure()));
        out.printf("  fees %s  funding %s  slippage %s  liquidations %d  cvar95 %s  final_equity %s%n", fmt(m.fees()), fmt(m.funding()),
                fmt(m.slippage()), m.liquidations(), fmt(m.cvar95()), fmt(m.finalEquity()));
        out.printf("  artifacts: %s%n", o.reportDir());
    }
}
