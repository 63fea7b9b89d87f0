package vq.cli.screen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.columnar.Manifest;
import vq.kernels.margin.SymbolSpec;
import vq.kernels.margin.VenueSpec;
import vq.kernels.screen.BarSeries;
import vq.kernels.screen.ExecutionSpec;
import vq.kernels.screen.FundingSchedule;
import vq.kernels.screen.LaneParams;
import vq.kernels.screen.Metric;
import vq.kernels.screen.Ranking;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;
import vq.kernels.screen.Sides;
import vq.kernels.screen.StrategySignals;
import vq.kernels.screen.Windows;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.Strategies;
import vq.kernels.strategy.StrategySpec;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.SweepResultsWriter;

/**
 * The screen end to end: resolve the strategy and its parameter sets, load each symbol's bars (and funding,
 * mark bars) from the catalog, run the SIMD screen, rank, store in DuckDB in one transaction, and write
 * {@code reports/<experiment_id>/}. Used by {@code vq screen}, {@code vq bench screen} and {@code vq demo}.
 */
public final class ScreenRun {
    /** Engine settings beyond the plan. */
    public record Settings(int threads, int blockBars, String venue, String market, String feeTier, double initialEquity,
                           double fundingRate, long gridLimit, boolean store, Screener.Kernel kernel) {
        /** With the default kernel. */
        public Settings(int threads, int blockBars, String venue, String market, String feeTier, double initialEquity,
                        double fundingRate, long gridLimit, boolean store) {
            this(threads, blockBars, venue, market, feeTier, initialEquity, fundingRate, gridLimit, store, Screener.Kernel.WALK);
        }
    }

    /** One symbol's outcome. */
    public record SymbolResult(String symbol, DatasetKey barsKey, String fundingSource, ScreenResult result, int[] ranks,
                               int[] order) {}

    /** Everything a caller prints. */
    public record Outcome(String experimentId, StrategySpec strategy, double[][] sets, List<String> paramNames,
                          List<SymbolResult> symbols, long barSets, long kernelNanos, long wallNanos, Path reportDir,
                          Path database, Ranking.Constraints constraints) {}

    private ScreenRun() {}

    public static Outcome run(Path catalogDir, Path database, Path reportsDir, ScreenPlan plan, Settings s,
                              PrintStream err, LongConsumer progressTotal, LongConsumer progress) throws IOException, SQLException {
        return run(catalogDir, database, reportsDir, plan, s, Windows.none(), err, progressTotal, progress);
    }

    /**
     * As above, accumulating per-window statistics over {@code windows} in the same pass (walk-forward and
     * fold segments for {@code vq filter} / {@code vq wfa}).
     */
    public static Outcome run(Path catalogDir, Path database, Path reportsDir, ScreenPlan plan, Settings s, Windows windows,
                              PrintStream err, LongConsumer progressTotal, LongConsumer progress) throws IOException, SQLException {
        long wall0 = System.nanoTime();
        try (Session session = Session.open(catalogDir, plan, s)) {
            return session.run(database, reportsDir, plan, s.store(), windows, err, progressTotal, progress, wall0);
        }
    }

    /** One symbol's bars, funding and data checksum, as loaded from the catalog. */
    record Loaded(String symbol, DatasetKey key, BarSeries bars, FundingSchedule funding, String checksum) {}

    /**
     * A plan's strategy, symbols and days loaded once (bars, funding, and each symbol's {@link IndicatorCache}) and
     * screened as often as needed with different parameter sets: {@code vq optimize} screens its TPE/NSGA-II
     * batches through one session, so bars are read and every indicator (e.g. an SMA window) is computed once for
     * the whole search, not once per batch. Memory: the bars (5 doubles per bar and symbol) plus every indicator
     * series any screen of the session needed (8 bytes per bar per distinct series and symbol), freed by
     * {@link #close()}. Not thread-safe: one screen at a time (each screen is itself multi-threaded).
     */
    public static final class Session implements AutoCloseable {
        private final ScreenPlan base;
        private final Settings s;
        private final StrategySpec spec;
        private final CompiledStrategy cs;
        private final Catalog catalog;
        private final long fromN, toN;
        private final String interval;
        private final VenueSpec venue = VenueSpec.binanceFuturesUm();
        private final List<Loaded> loaded = new ArrayList<>();
        private final Map<String, IndicatorCache> caches = new LinkedHashMap<>();

        private Session(ScreenPlan base, Settings s, StrategySpec spec, Catalog catalog) {
            this.base = base;
            this.s = s;
            this.spec = spec;
            this.cs = CompiledStrategy.of(spec);
            this.catalog = catalog;
            this.fromN = ScreenPlan.fromNanos(base.from);
            this.toN = ScreenPlan.toNanos(base.to);
            this.interval = spec.timeframe();
        }

        /**
         * Loads every symbol of {@code plan} (bars of the strategy's timeframe in the plan's days, funding), failing
         * fast with an {@link InputException} naming what is missing from the catalog.
         */
        public static Session open(Path catalogDir, ScreenPlan plan, Settings s) throws IOException {
            if (plan.symbols.isEmpty()) throw new InputException("no symbols: give --symbols BTCUSDT,ETHUSDT (or data.symbols in the experiment)");
            Session ss = new Session(plan, s, Strategies.load(plan.strategyFile), Catalog.open(catalogDir));
            for (String sym : plan.symbols) {
                DatasetKey key = findBars(ss.catalog, s.venue(), s.market(), sym, ss.interval);
                if (key == null)
                    throw new InputException("no " + ss.interval + " bars for " + sym + " in the catalog " + catalogDir + " (import them with `vq data import`; have: "
                            + ss.catalog.list().stream().filter(k -> k.dataset() == Dataset.BARS).map(DatasetKey::toString).toList() + ")");
                BarSeries bars;
                String checksum;
                try (DatasetReader r = ss.catalog.reader(key)) {
                    List<Chunk> chunks = r.range(ss.fromN, ss.toN);
                    long[] ts = DatasetReader.copyI64(chunks, "ts");
                    if (ts.length == 0) throw new InputException(key + " has no bars in " + plan.from + " .. " + plan.to);
                    bars = new BarSeries(sym, Intervals.nanos(ss.interval), ts, DatasetReader.copyF64(chunks, "open"), DatasetReader.copyF64(chunks, "high"),
                            DatasetReader.copyF64(chunks, "low"), DatasetReader.copyF64(chunks, "close"));
                    checksum = segmentsDigest(r.manifest(), ts[0], ts[ts.length - 1]);
                }
                ss.loaded.add(new Loaded(sym, key, bars, funding(ss.catalog, s, key, bars), checksum));
            }
            return ss;
        }

        /**
         * Screens the parameter sets of {@code plan} (its explicit sets, else its method over the strategy's space),
         * ranks them, and when {@code store} writes the experiment to {@code database} in one transaction and its
         * files to {@code reportsDir/<experiment_id>/}.
         *
         * @throws IllegalArgumentException when {@code plan} names another strategy file, symbols or days than the session
         */
        public Outcome run(Path database, Path reportsDir, ScreenPlan plan, boolean store, Windows windows, PrintStream err,
                           LongConsumer progressTotal, LongConsumer progress) throws IOException, SQLException {
            return run(database, reportsDir, plan, store, windows, err, progressTotal, progress, System.nanoTime());
        }

        Outcome run(Path database, Path reportsDir, ScreenPlan plan, boolean store, Windows windows, PrintStream err,
                    LongConsumer progressTotal, LongConsumer progress, long wall0) throws IOException, SQLException {
            if (!plan.strategyFile.equals(base.strategyFile) || !plan.symbols.equals(base.symbols)
                    || !java.util.Objects.equals(plan.from, base.from) || !java.util.Objects.equals(plan.to, base.to))
                throw new IllegalArgumentException("a screen session serves " + base.strategyFile + " " + base.symbols + " " + base.from + ".." + base.to
                        + ", not " + plan.strategyFile + " " + plan.symbols + " " + plan.from + ".." + plan.to);
            Instant started = Instant.now();
            ParameterSpace space = plan.applyOverrides(spec.parameters());
            double[][] sets = plan.explicitSets != null ? plan.explicitSets : switch (plan.method.toLowerCase(Locale.ROOT)) {
                case "grid" -> space.gridSets(s.gridLimit());
                case "random", "monte_carlo", "montecarlo" -> {
                    if (plan.samples == null || plan.samples < 1) throw new InputException("--method random needs --samples N (N >= 1)");
                    yield space.sample(plan.samples, plan.seed);
                }
                default -> throw new InputException("--method must be grid or random, got '" + plan.method + "'");
            };
            if (sets.length == 0) throw new InputException("the parameter space has no set that satisfies its constraints");
            var fee = s.feeTier() == null ? venue.defaultFeeTier() : venue.feeTier(s.feeTier());
            Ranking.Constraints constraints = new Ranking.Constraints(plan.minTrades, plan.maxDrawdown, plan.minProfitFactor);
            long total = 0;
            for (Loaded l : loaded) total += (long) l.bars.size() * sets.length;
            progressTotal.accept(total);

            List<SymbolResult> results = new ArrayList<>();
            long done = 0, kernelNanos = 0;
            for (Loaded l : loaded) {
                SymbolSpec sym = venueSymbol(venue, l.symbol, err);
                IndicatorCache cache = caches.get(l.symbol);
                if (cache == null) {
                    cache = IndicatorCache.forCatalog(catalog, l.key.venue(), l.key.market(), interval);
                    caches.put(l.symbol, cache);
                }
                try (IndicatorInputs in = new IndicatorInputs(cache, l.symbol, interval, fromN, toN)) {
                    if (in.rows() != l.bars.size())
                        throw new IllegalStateException(l.symbol + ": indicator cache sees " + in.rows() + " bars, the screen " + l.bars.size());
                    // every SMA window of the sweep in one pass per source (bit-identical to computing them one by one)
                    in.prefetch(cs, sets);
                    CompiledStrategy.Market market = cs.on(in);
                    LaneParams lanes = StrategySignals.laneParams(market, sets, plan.leverage, Double.NaN);
                    Sides sides = StrategySignals.sides(market, sets[0]);
                    ExecutionSpec ex = new ExecutionSpec(s.initialEquity(), fee.takerRate(), fee.makerRate(),
                            sym.liquidationClearanceFeeRate(), sym.brackets(), sides);
                    StrategySignals signals = new StrategySignals(market, sets);
                    final long base0 = done;
                    ScreenResult r = Screener.run(l.bars, l.funding, ex, lanes, signals, windows,
                            new Screener.Options(s.threads(), s.blockBars(), s.kernel()), d -> progress.accept(base0 + d));
                    done += (long) l.bars.size() * sets.length;
                    kernelNanos += r.elapsedNanos();
                    int[] ranks = Ranking.paretoRanks(r, constraints);
                    results.add(new SymbolResult(l.symbol, l.key, l.funding.description(), r, ranks, Ranking.leaderboard(r, ranks)));
                }
            }
            String id = Experiment.newId(plan.name != null ? plan.name : spec.name(), started,
                    (plan.configText + plan.seed + plan.symbols + plan.from + plan.to + plan.method + plan.samples + plan.leverage).hashCode());
            Path reportDir = reportsDir.resolve(id);
            if (store) store(database, reportDir, id, plan, space, sets, results, constraints, kernelNanos, done, started);
            return new Outcome(id, spec, sets, space.names(), results, done, kernelNanos, System.nanoTime() - wall0, reportDir, database, constraints);
        }

        private void store(Path database, Path reportDir, String id, ScreenPlan plan, ParameterSpace space, double[][] sets,
                           List<SymbolResult> results, Ranking.Constraints constraints, long kernelNanos, long done, Instant started)
                throws IOException, SQLException {
            Map<String, String> checks = new LinkedHashMap<>();
            for (Loaded l : loaded) checks.put(l.key.toString(), l.checksum);
            String checksJson = json(checks);
            String paramJson = paramSpaceJson(space, plan);
            Instant finished = Instant.now();
            long firstTs = loaded.stream().mapToLong(l -> l.bars.tsNanos()[0]).min().orElseThrow();
            long lastTs = loaded.stream().mapToLong(l -> l.bars.tsNanos()[l.bars.size() - 1]).max().orElseThrow();
            Experiment e = new Experiment(id, plan.name != null ? plan.name : spec.name(), "screen", spec.name(), plan.configText,
                    paramJson, plan.symbols, interval, firstTs, lastTs, plan.method, plan.seed, (long) sets.length,
                    codeVersion(), checksJson, "finished", started, finished);
            try (ResultsStore rs = ResultsStore.open(database)) {
                rs.inTransaction(tx -> {
                    tx.putExperiment(e);
                    try (SweepResultsWriter w = tx.sweepResults()) {
                        double[] row = new double[vq.optimizer.store.Metric.COUNT];
                        for (SymbolResult sr : results) {
                            for (int k = 0; k < sets.length; k++) {
                                for (vq.optimizer.store.Metric m : vq.optimizer.store.Metric.values())
                                    row[m.ordinal()] = sr.result.metric(k, screenMetric(m));
                                w.add(id, k, sr.symbol, paramsJson(space, sets[k]), row, sr.ranks[k] == 0 ? -1 : sr.ranks[k], sr.ranks[k] != 0);
                            }
                        }
                    }
                    return null;
                });
                writeReport(rs, reportDir, id, plan, spec, space, sets, results, checks, s, constraints, kernelNanos, done);
            }
        }

        /** The strategy the session was opened for (parsed once). */
        public StrategySpec strategy() { return spec; }

        /** Frees every indicator series the session computed. */
        @Override public void close() {
            for (IndicatorCache c : caches.values()) c.close();
            caches.clear();
        }
    }

    /**
     * The venue table entry of {@code symbol}; a synthetic {@code SYN<symbol>} uses {@code <symbol>}'s brackets and
     * clearance fee (said on {@code err}). {@link InputException} when there is none.
     */
    static SymbolSpec venueSymbol(VenueSpec venue, String symbol, PrintStream err) {
        List<String> known = venue.symbolNames();
        String use = symbol;
        if (!known.contains(symbol) && symbol.startsWith("SYN") && known.contains(symbol.substring(3))) {
            use = symbol.substring(3);
            err.println("vq: " + symbol + " is synthetic: using the " + use + " margin brackets and clearance fee");
        }
        if (!known.contains(use))
            throw new InputException(symbol + ": no margin brackets in configs/venues/" + VenueSpec.BINANCE_FUTURES_UM + ".yaml (known: " + known + ")");
        return venue.symbol(use);
    }

    /** {@code configs/strategies} under the current directory, else next to the repository the jar was built in. */
    public static Path strategiesDir() {
        Path here = Path.of("configs", "strategies");
        if (Files.isDirectory(here)) return here;
        try {
            Path jar = Path.of(ScreenRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent().getParent().getParent();
            Path p = repo.resolve("configs").resolve("strategies");
            if (Files.isDirectory(p)) return p;
        } catch (Exception ignored) {
            // fall through
        }
        return here;
    }

    static vq.kernels.screen.Metric screenMetric(vq.optimizer.store.Metric m) {
        return switch (m) {
            case MAX_DRAWDOWN_DAYS -> Metric.MAX_DRAWDOWN_DAYS;
            default -> Metric.valueOf(m.name());
        };
    }

    /** Bars of {@code symbol} at {@code interval}: the given venue/market, else futures-um, else spot. */
    static DatasetKey findBars(Catalog c, String venue, String market, String symbol, String interval) {
        List<String> markets = market != null ? List.of(market) : List.of("futures-um", "spot");
        for (String m : markets) {
            DatasetKey k = new DatasetKey(venue, m, symbol, Dataset.BARS, interval);
            if (c.manifest(k).isPresent()) return k;
        }
        return null;
    }

    /** Funding from the catalog's futures-um funding dataset (with mark bars when present), else the constant rate. */
    public static FundingSchedule funding(Catalog c, Settings s, DatasetKey barsKey, BarSeries bars) {
        DatasetKey fk = new DatasetKey(barsKey.venue(), "futures-um", barsKey.symbol(), Dataset.FUNDING, null);
        long from = bars.tsNanos()[0], to = bars.tsNanos()[bars.size() - 1] + bars.intervalNanos();
        if (c.manifest(fk).isPresent()) {
            try (DatasetReader r = c.reader(fk)) {
                List<Chunk> ch = r.range(from, to);
                long[] ts = DatasetReader.copyI64(ch, "ts");
                if (ts.length > 0) {
                    double[] rate = DatasetReader.copyF64(ch, "rate");
                    long[] mts = null;
                    double[] mo = null;
                    DatasetKey mk = new DatasetKey(barsKey.venue(), "futures-um", barsKey.symbol(), Dataset.MARK_BARS, barsKey.interval());
                    if (c.manifest(mk).isPresent()) {
                        try (DatasetReader mr = c.reader(mk)) {
                            List<Chunk> mc = mr.range(from, to);
                            mts = DatasetReader.copyI64(mc, "ts");
                            mo = DatasetReader.copyF64(mc, "open");
                        }
                    }
                    // outside the span the dataset covers, the constant rate fills in (and the output says so)
                    long period = FundingSchedule.EIGHT_HOURS_NANOS;
                    long firstReal = ts[0], lastReal = ts[ts.length - 1];
                    List<long[]> before = new ArrayList<>(), after = new ArrayList<>();
                    for (long t = Math.floorDiv(from + period - 1, period) * period; t < to; t += period) {
                        if (t < firstReal - period / 2) before.add(new long[] {t});
                        else if (t > lastReal + period / 2) after.add(new long[] {t});
                    }
                    int n = before.size() + ts.length + after.size();
                    long[] all = new long[n];
                    double[] rates = new double[n];
                    int k = 0;
                    for (long[] t : before) { all[k] = t[0]; rates[k++] = s.fundingRate(); }
                    for (int i = 0; i < ts.length; i++) { all[k] = ts[i]; rates[k++] = rate[i]; }
                    for (long[] t : after) { all[k] = t[0]; rates[k++] = s.fundingRate(); }
                    String desc = "catalog " + fk + " " + Intervals.iso(firstReal) + " .. " + Intervals.iso(lastReal) + " (" + ts.length
                            + " events" + (mts != null ? ", mark bars" : ", mark = bar open") + ")"
                            + (before.size() + after.size() > 0 ? "; constant " + s.fundingRate() + " per 8h outside it (" + (before.size() + after.size()) + " events)" : "");
                    return FundingSchedule.of(bars, all, rates, mts, mo, desc);
                }
            }
        }
        return FundingSchedule.constant(bars, s.fundingRate(), FundingSchedule.EIGHT_HOURS_NANOS);
    }

    static String segmentsDigest(Manifest m, long fromTs, long toTs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Manifest.Segment seg : m.segments())
                if (seg.lastTsNanos() >= fromTs && seg.firstTsNanos() <= toTs) md.update((seg.file() + ":" + seg.rows() + ":" + seg.checksum() + "\n").getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String paramsJson(ParameterSpace space, double[] set) {
        StringBuilder sb = new StringBuilder("{");
        List<ParameterSpace.Param> ps = space.params();
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(ps.get(i).name().replace("\"", "\\\"")).append("\":").append(num(set[i], ps.get(i).type()));
        }
        return sb.append('}').toString();
    }

    static String num(double v, ParameterSpace.Type t) {
        if (t == ParameterSpace.Type.INT || v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    static String paramSpaceJson(ParameterSpace space, ScreenPlan plan) {
        StringBuilder sb = new StringBuilder("{\"method\":\"").append(plan.method).append("\",\"seed\":").append(plan.seed)
                .append(",\"samples\":").append(plan.samples).append(",\"params\":[");
        List<ParameterSpace.Param> ps = space.params();
        for (int i = 0; i < ps.size(); i++) {
            ParameterSpace.Param p = ps.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"name\":").append(quote(p.name())).append(",\"type\":").append(quote(p.type().name().toLowerCase(Locale.ROOT)))
                    .append(",\"default\":").append(p.defaultValue()).append(",\"domain\":").append(quote(String.valueOf(p.domain()))).append('}');
        }
        sb.append("],\"constraints\":[");
        for (int i = 0; i < space.constraints().size(); i++) sb.append(i == 0 ? "" : ",").append(quote(space.constraints().get(i).text()));
        return sb.append("]}").toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String json(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
        return sb.append('}').toString();
    }

    /** git commit of the working tree the jar was built from when available, else the jar version. */
    public static String codeVersion() {
        String v = ScreenRun.class.getPackage().getImplementationVersion();
        try {
            Path jar = Path.of(ScreenRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path repo = jar.getParent() == null ? null : jar.getParent().getParent() == null ? null : jar.getParent().getParent().getParent();
            if (repo != null && Files.exists(repo.resolve(".git"))) {
                Process p = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor() == 0 && out.matches("[0-9a-f]{40}")) return "git:" + out;
            }
        } catch (Exception ignored) {
            // fall through: no git available
        }
        return "vq " + (v == null ? "dev" : v);
    }

    private static void writeReport(ResultsStore store, Path dir, String id, ScreenPlan plan, StrategySpec spec, ParameterSpace space,
                                    double[][] sets, List<SymbolResult> results, Map<String, String> checks, Settings s,
                                    Ranking.Constraints constraints, long kernelNanos, long barSets) throws IOException, SQLException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve("config.yaml"), plan.configText);
        if (plan.experimentFile != null) atomicWrite(dir.resolve("strategy.yaml"), Files.readString(plan.strategyFile));
        StringBuilder run = new StringBuilder("{\n");
        run.append("  \"experiment_id\": ").append(quote(id)).append(",\n");
        run.append("  \"strategy\": ").append(quote(spec.name())).append(",\n");
        run.append("  \"strategy_file\": ").append(quote(plan.strategyFile.toAbsolutePath().toString())).append(",\n");
        run.append("  \"method\": ").append(quote(plan.method)).append(",\n  \"seed\": ").append(plan.seed).append(",\n");
        run.append("  \"samples\": ").append(plan.samples).append(",\n  \"parameter_sets\": ").append(sets.length).append(",\n");
        run.append("  \"parameter_space\": ").append(paramSpaceJson(space, plan)).append(",\n");
        run.append("  \"symbols\": ").append(quote(String.join(",", plan.symbols))).append(",\n");
        run.append("  \"from\": ").append(quote(String.valueOf(plan.from))).append(",\n  \"to\": ").append(quote(String.valueOf(plan.to))).append(",\n");
        run.append("  \"leverage_override\": ").append(Double.isNaN(plan.leverage) ? "null" : plan.leverage).append(",\n");
        var tier = s.feeTier() == null ? VenueSpec.binanceFuturesUm().defaultFeeTier() : VenueSpec.binanceFuturesUm().feeTier(s.feeTier());
        run.append("  \"fee_tier\": ").append(quote(tier.tier() + " (maker " + tier.makerBps() + " bps, taker " + tier.takerBps() + " bps)")).append(",\n");
        run.append("  \"initial_equity\": ").append(s.initialEquity()).append(",\n");
        run.append("  \"constraints\": ").append(quote(constraints.toString())).append(",\n");
        run.append("  \"threads\": ").append(s.threads()).append(",\n  \"block_bars\": ").append(s.blockBars()).append(",\n");
        run.append("  \"code_version\": ").append(quote(codeVersion())).append(",\n");
        run.append("  \"data_checksums\": ").append(json(checks)).append(",\n");
        Map<String, String> funding = new LinkedHashMap<>();
        for (SymbolResult r : results) funding.put(r.symbol(), r.fundingSource());
        run.append("  \"funding\": ").append(json(funding)).append(",\n");
        run.append("  \"bar_parameter_sets\": ").append(barSets).append(",\n");
        run.append("  \"kernel_seconds\": ").append(kernelNanos / 1e9).append(",\n");
        run.append("  \"bar_parameter_sets_per_second\": ").append(barSets / (kernelNanos / 1e9)).append("\n}\n");
        atomicWrite(dir.resolve("run.json"), run.toString());
        Path tmp = dir.resolve(".results.parquet.tmp");
        Files.deleteIfExists(tmp);
        try (Statement st = store.connection().createStatement()) {
            st.execute("COPY (SELECT * FROM sweep_results WHERE experiment_id = '" + id.replace("'", "''") + "' ORDER BY symbol, param_set_id) TO '"
                    + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        Files.move(tmp, dir.resolve("results.parquet"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
