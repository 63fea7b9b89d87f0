package vq.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.cli.screen.ScreenPlan;
import vq.cli.screen.ScreenRun;
import vq.cli.validate.ValidateRun;
import vq.columnar.InputException;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.Strategies;
import vq.sim.engine.RunResult;
import vq.sim.report.RunMetrics;
import vq.sim.report.TradeBook;

/**
 * {@code vq bench agreement}: the screening-fidelity agreement of issue #5 at scale. For each shipped strategy
 * ({@code configs/strategies/*.yaml}) it draws N seeded random parameter sets from the strategy's parameter space,
 * screens them with {@code vq screen}'s code path ({@link ScreenRun#run}, nothing stored), replays every set through
 * the event simulator in screening fidelity exactly as {@code vq validate --experiment} does
 * ({@link ValidateRun#replay}), and compares counts (trades, stop-losses, take-profits, liquidations, daily returns)
 * exactly and every other metric to 1e-9 relative (|a − b| ≤ 1e-9·max(1, |a|, |b|); NaN = NaN). Skewness and
 * kurtosis are not compared: the simulator does not compute them. The screen keeps no per-trade list, so a
 * disagreement names the first differing metric and the simulator's first trades, not a screen trade.
 *
 * <p>It also times the validation of the top {@code --top} candidates (by screen Sharpe) over the same bars: one
 * simulator replay each, bars, funding and indicators already loaded (the load is timed separately).
 * Exit code 1 on any disagreement.
 */
@Command(name = "agreement", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Screen N seeded random parameter sets per shipped strategy, replay each through the simulator in screening "
                + "fidelity, compare trades, stop/TP/liquidation counts and every metric to 1e-9 relative; time validating the top "
                + "candidates. Prints a table per strategy; exit 1 on any disagreement."})
public final class AgreementBench implements Callable<Integer> {
    static final double TOL = 1e-9;
    /** Compared exactly. */
    static final Metric[] COUNTS = {Metric.TRADES, Metric.STOP_LOSSES, Metric.TAKE_PROFITS, Metric.LIQUIDATIONS, Metric.DAILY_RETURNS};
    /** Compared to {@link #TOL} relative. */
    static final Metric[] VALUES = {Metric.FINAL_EQUITY, Metric.TOTAL_RETURN, Metric.CAGR, Metric.ANNUAL_VOLATILITY, Metric.SHARPE,
            Metric.SORTINO, Metric.MAX_DRAWDOWN, Metric.MAX_DRAWDOWN_DAYS, Metric.CALMAR, Metric.WIN_RATE, Metric.PROFIT_FACTOR,
            Metric.AVG_WIN, Metric.AVG_LOSS, Metric.EXPECTANCY, Metric.AVG_R_MULTIPLE, Metric.EXPOSURE, Metric.FEES, Metric.FUNDING,
            Metric.SLIPPAGE, Metric.CVAR95};

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--strategies", defaultValue = "all", description = "all, or names from configs/strategies (comma-separated; default ${DEFAULT-VALUE}).")
    String strategies;

    @Option(names = "--sets", defaultValue = "1000", description = "Random parameter sets per strategy (default ${DEFAULT-VALUE}).")
    int sets;

    @Option(names = "--symbol", defaultValue = "BTCUSDT", description = "Symbol (default ${DEFAULT-VALUE}).")
    String symbol;

    @Option(names = "--from", paramLabel = "DATE", description = "First day, YYYY-MM-DD (default: all bars).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive, YYYY-MM-DD (default: all bars).")
    String to;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the parameter sample (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top", defaultValue = "20", description = "Candidates whose validation is timed (default ${DEFAULT-VALUE}; 0 = none).")
    int top;

    @Option(names = "--threads", description = "Screen threads (default: all cores).")
    Integer threads;

    @Option(names = "--funding-rate", defaultValue = "0.0001", description = "Constant 8h funding rate outside the catalog's funding data (default ${DEFAULT-VALUE}).")
    double fundingRate;

    /** One strategy's outcome. */
    record Row(String strategy, int sets, int agreeing, double worst, String worstWhat, String firstDisagreement, String skipped,
               double screenSeconds, double replaySeconds, int bars, double loadSeconds, double topSeconds, int topN) {}

    @Override public Integer call() throws Exception {
        if (sets < 1) throw new InputException("--sets must be >= 1, got " + sets);
        if (top < 0) throw new InputException("--top must be >= 0, got " + top);
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        PrintStream out = System.out;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        out.printf("machine: %d cores, %s %s, Java %s, load average %.1f, %s%n", os.getAvailableProcessors(), os.getName(), os.getArch(),
                Runtime.version(), os.getSystemLoadAverage(), Instant.now());
        out.printf("input:   %s %s .. %s, %d random sets per strategy (seed %d), tolerance %.0e relative%n", symbol,
                from == null ? "first bar" : from, to == null ? "last bar" : to, sets, seed, TOL);
        List<Path> files = strategyFiles(ScreenRun.strategiesDir(), strategies);
        List<Row> rows = new ArrayList<>();
        for (Path f : files) rows.add(one(ws, f, out));
        out.println();
        out.printf("%-26s %6s %9s %10s %-16s %8s %8s %9s %s%n", "strategy", "sets", "agreeing", "worst rel", "(metric)", "screen s",
                "replay s", "top" + top + " s", "first disagreement");
        boolean bad = false;
        for (Row r : rows) {
            if (r.skipped != null) {
                out.printf("%-26s %s%n", r.strategy, "not screened: " + r.skipped);
                continue;
            }
            bad |= r.agreeing != r.sets;
            out.printf(Locale.ROOT, "%-26s %6d %9d %10.2e %-16s %8.2f %8.2f %9.3f %s%n", r.strategy, r.sets, r.agreeing, r.worst,
                    r.worstWhat == null ? "-" : r.worstWhat, r.screenSeconds, r.replaySeconds, r.topSeconds,
                    r.firstDisagreement == null ? "none" : r.firstDisagreement);
        }
        for (Row r : rows) {
            if (r.skipped == null && r.topN > 0)
                out.printf(Locale.ROOT, "validate %-17s top %d over %,d bars: %.3f s (%.1f ms per candidate; bars/funding/indicator load %.2f s, not included)%n",
                        r.strategy, r.topN, r.bars, r.topSeconds, 1e3 * r.topSeconds / r.topN, r.loadSeconds);
        }
        out.println(bad ? "DISAGREEMENT: the screen and the simulator differ (see above)" : "agreement: every set agrees");
        return bad ? 1 : 0;
    }

    private Row one(Workspace ws, Path file, PrintStream out) throws IOException, java.sql.SQLException {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        out.printf("== %s: screening %d sets%n", name, sets);
        ScreenPlan plan = ScreenPlan.of(file, List.of(symbol), from, to, "random", sets, seed);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ScreenRun.Outcome o;
        try {
            o = ScreenRun.run(ws.catalog(), ws.database(), ws.reports(), plan,
                    new ScreenRun.Settings(t, vq.kernels.screen.Screener.Options.DEFAULT_BLOCK_BARS, "binance", null, null, 10_000, fundingRate, 5_000_000, false), System.err, x -> { }, x -> { });
        } catch (InputException | UnsupportedOperationException | IllegalArgumentException e) {
            out.println("   not screened: " + e.getMessage());
            return new Row(name, 0, 0, 0, null, null, e.getMessage(), 0, 0, 0, 0, 0, 0);
        }
        ScreenResult sr = o.symbols().getFirst().result();
        CompiledStrategy cs = Strategies.compile(file);
        // the bars the screen saw, as vq validate --experiment replays them (first bar .. last bar inclusive)
        long fromN = from == null ? Long.MIN_VALUE : LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        long toN = to == null ? Long.MAX_VALUE : LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        ValidateRun vr = new ValidateRun(ws.catalog(), ws.database(), ws.reports(), out);
        ValidateRun.Settings s = new ValidateRun.Settings("binance", vq.sim.Fidelity.SCREENING, vq.sim.Latency.parse("retail"), null, null,
                null, Double.NaN, Double.NaN, 10_000, null, seed, vq.sim.SlippageModel.NONE, 1.0, false, fundingRate);
        long l0 = System.nanoTime();
        vr.replay(cs, o.sets()[0], symbol, null, fromN, toN, s); // loads bars, funding and indicators once (cached)
        double load = (System.nanoTime() - l0) / 1e9;
        int n = o.sets().length, agree = 0, bars = sr.bars();
        double worst = 0;
        String worstWhat = null, first = null;
        long r0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            RunResult rr = vr.replay(cs, o.sets()[k], symbol, null, fromN, toN, s);
            RunMetrics m = rr.metrics();
            String diff = null;
            for (Metric c : COUNTS) {
                double a = sr.metric(k, c), b = m.value(c);
                if (a != b && diff == null) diff = c.column() + " screen " + (long) a + " sim " + (long) b;
            }
            for (Metric c : VALUES) {
                double a = sr.metric(k, c), b = m.value(c);
                double rel = rel(a, b);
                if (rel > worst) { worst = rel; worstWhat = c.column(); }
                if (rel > TOL && diff == null) diff = c.column() + " screen " + a + " sim " + b + " (rel " + String.format(Locale.ROOT, "%.2e", rel) + ")";
            }
            if (diff == null) agree++;
            else if (first == null) {
                first = "set " + k + " " + vq.sim.strategy.DslStrategies.paramsJson(cs, o.sets()[k]) + ": " + diff + "; sim first trade " + firstTrade(rr.trades());
                out.println("   DISAGREES " + first);
            }
        }
        double replay = (System.nanoTime() - r0) / 1e9;
        // validation of the top candidates by screen Sharpe (what vq validate --experiment --top N replays)
        int topN = Math.min(top, n);
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) order[k] = k;
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> {
            double v = sr.metric(k, Metric.SHARPE);
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }).reversed().thenComparingInt(k -> k));
        long v0 = System.nanoTime();
        for (int i = 0; i < topN; i++) vr.replay(cs, o.sets()[order[i]], symbol, null, fromN, toN, s);
        double topS = (System.nanoTime() - v0) / 1e9;
        out.printf(Locale.ROOT, "   %d/%d agree, worst relative difference %.2e (%s); screen %.2f s, %d replays %.2f s%n", agree, n, worst,
                worstWhat, o.wallNanos() / 1e9, n, replay);
        return new Row(name, n, agree, worst, worstWhat, first, null, o.wallNanos() / 1e9, replay, bars, load, topS, topN);
    }

    static String firstTrade(TradeBook tb) {
        if (tb.size == 0) return "(none)";
        return "entry " + Instant.ofEpochSecond(0, tb.entryTs[0]) + " @" + tb.entryPx[0] + " exit " + Instant.ofEpochSecond(0, tb.exitTs[0]) + " @"
                + tb.exitPx[0] + " side " + tb.side[0] + " qty " + tb.qty[0] + " reason " + tb.exitReason[0];
    }

    /** |a − b| / max(1, |a|, |b|); 0 when both NaN or equal (incl. equal infinities); +Inf when only one is NaN. */
    static double rel(double a, double b) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) return 0;
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) return Double.POSITIVE_INFINITY;
        return Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }

    static List<Path> strategyFiles(Path dir, String which) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        if (all.isEmpty()) throw new InputException("no strategies in " + dir.toAbsolutePath());
        if (which == null || which.isBlank() || which.equals("all")) return all;
        List<Path> pick = new ArrayList<>();
        for (String n : which.split(",")) {
            Path p = dir.resolve(n.trim() + ".yaml");
            if (!all.contains(p)) throw new InputException("--strategies: no '" + n.trim() + "' in " + dir.toAbsolutePath() + " (have: "
                    + all.stream().map(x -> x.getFileName().toString().replaceFirst("\\.yaml$", "")).toList() + ")");
            pick.add(p);
        }
        return pick;
    }
}
