package vq.cli.screen;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.InputException;
import vq.kernels.screen.Metric;
import vq.kernels.screen.ScreenResult;
import vq.kernels.screen.Screener;

/** {@code vq screen}: the SIMD sweep of a strategy's parameter sets over catalog bars. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen every parameter set of a strategy's sweep in one SIMD pass per symbol: next-open fills, "
                + "in-bar stop-loss/take-profit, leverage, funding at real funding times, isolated-margin liquidation with "
                + "Binance tiered maintenance margin (DESIGN.md §6), the metrics of §7, hard constraints and Pareto ranks.",
                "Results: experiments and sweep_results in the workspace vq.duckdb (one transaction), and reports/<experiment_id>/ "
                + "(config.yaml, run.json with seed, code version and data checksums, results.parquet).",
                "Memory: bars (5 doubles per bar per symbol, one symbol at a time) + the indicator cache (8 bytes per bar per "
                + "distinct indicator series) + about 60 doubles and a CVaR buffer (5%% of days) per parameter set + one signal "
                + "block per thread; never bars x parameter sets.",
                "FILE is a strategy YAML or an experiment YAML (experiment_name, strategy, data, optimization, parameters, constraints)."})
public final class ScreenCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Strategy YAML or experiment YAML, or a strategy name from configs/strategies/.")
    Path file;

    @Option(names = "--symbols", split = ",", paramLabel = "SYM", description = "Symbols, e.g. BTCUSDT,ETHUSDT,SOLUSDT.")
    List<String> symbols;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYY-MM, UTC).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive (YYYY-MM-DD or YYYY-MM, UTC).")
    String to;

    @Option(names = "--method", paramLabel = "grid|random", description = "Grid (cartesian product with constraints) or random (Monte Carlo). Default: grid.")
    String method;

    @Option(names = "--samples", paramLabel = "N", description = "Number of random parameter sets (--method random).")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 42).")
    Long seed;

    @Option(names = "--leverage", paramLabel = "X", description = "Override the strategy's leverage for every set (1..125).")
    Double leverage;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--block", paramLabel = "BARS", defaultValue = "4096", description = "Bars per cache block, a multiple of 64 (default ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "walk", description = "Screening kernel: walk (default: one "
            + "parameter set at a time, event to event, SIMD across bars between events) or lanes (SIMD across parameter sets, "
            + "bar by bar). Both give bit-identical results; they differ in speed only.")
    String kernel;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Leaderboard rows per symbol (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--venue", defaultValue = "binance", description = "Catalog venue (default ${DEFAULT-VALUE}).")
    String venue;

    @Option(names = "--market", description = "Catalog market of the bars (default: futures-um, else spot).")
    String market;

    @Option(names = "--fee-tier", description = "Binance USD-M fee tier (default VIP0: 2 bps maker, 5 bps taker).")
    String feeTier;

    @Option(names = "--equity", defaultValue = "10000", description = "Initial equity per parameter set, USDT (default ${DEFAULT-VALUE}).")
    double equity;

    @Option(names = "--funding-rate", defaultValue = "0.0001", description = "Constant funding rate per 8h where the catalog has no funding data (default ${DEFAULT-VALUE} = 1 bp).")
    double fundingRate;

    @Option(names = "--min-trades", description = "Hard constraint: minimum trades.")
    Double minTrades;

    @Option(names = "--max-drawdown", description = "Hard constraint: maximum drawdown (fraction, e.g. 0.5).")
    Double maxDrawdown;

    @Option(names = "--min-profit-factor", description = "Hard constraint: minimum profit factor.")
    Double minProfitFactor;

    @Option(names = "--grid-limit", defaultValue = "5000000", description = "Refuse grids larger than this (default ${DEFAULT-VALUE}).")
    long gridLimit;

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        Path f = file;
        if (!java.nio.file.Files.exists(f) && !file.toString().contains("/") && !file.toString().endsWith(".yaml"))
            f = vq.kernels.strategy.Strategies.resolve(file.toString(), List.of(ScreenRun.strategiesDir(), ws.root().resolve("strategies")));
        ScreenPlan plan = ScreenPlan.read(f);
        if (symbols != null) plan.symbols = symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        if (from != null) plan.from = from;
        if (to != null) plan.to = to;
        if (method != null) plan.method = method;
        if (samples != null) plan.samples = samples;
        if (seed != null) plan.seed = seed;
        if (leverage != null) plan.leverage = leverage;
        if (threads != null) plan.threads = threads;
        if (minTrades != null) plan.minTrades = minTrades;
        if (maxDrawdown != null) plan.maxDrawdown = maxDrawdown;
        if (minProfitFactor != null) plan.minProfitFactor = minProfitFactor;
        if (samples != null && method == null) plan.method = "random";
        if (top < 0) throw new InputException("--top must be >= 0");
        int t = plan.threads != null ? plan.threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new InputException("--threads must be >= 1");
        if (block < 64 || block % 64 != 0) throw new InputException("--block must be a positive multiple of 64, got " + block);
        vq.kernels.screen.Screener.Kernel k;
        try { k = vq.kernels.screen.Screener.Kernel.parse(kernel); } catch (IllegalArgumentException e) { throw new InputException("--kernel: " + e.getMessage()); }
        ScreenRun.Settings settings = new ScreenRun.Settings(t, block, venue, market, feeTier, equity, fundingRate, gridLimit, true, k);
        PrintStream out = spec.commandLine().getOut() == null ? System.out : new PrintStream(System.out, true);
        ProgressBar[] bar = new ProgressBar[1];
        long t0 = System.nanoTime();
        ScreenRun.Outcome o;
        try {
            o = ScreenRun.run(ws.catalog(), ws.database(), ws.reports(), plan, settings, System.err,
                    total -> bar[0] = new ProgressBarBuilder().setTaskName("screen").setInitialMax(total).setUnit("M bar·sets", 1_000_000L)
                            .setConsumer(new ConsoleProgressBarConsumer(System.err)).setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250).showSpeed(new java.text.DecimalFormat("#.##")).build(),
                    done -> { if (bar[0] != null) bar[0].stepTo(done); });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
        print(out, o, top);
        return 0;
    }

    /** Prints the summary, one leaderboard per symbol and where the results went. */
    public static void print(PrintStream out, ScreenRun.Outcome o, int top) {
        out.printf("%nstrategy %s: %,d parameter sets (%s) x %d symbols, %d SIMD lanes%n", o.strategy().name(), o.sets().length,
                String.join(", ", o.paramNames()), o.symbols().size(), Screener.lanes());
        out.printf("screened %,d bar·parameter-sets in %.2f s (signals + simulation): %,.1f M bar·sets/s (wall %.1f s incl. loading and storing)%n",
                o.barSets(), o.kernelNanos() / 1e9, o.barSets() / (o.kernelNanos() / 1e9) / 1e6, o.wallNanos() / 1e9);
        out.println("constraints: " + o.constraints());
        for (ScreenRun.SymbolResult sr : o.symbols()) {
            ScreenResult r = sr.result();
            int passing = (int) Arrays.stream(sr.ranks()).filter(x -> x > 0).count();
            int front = (int) Arrays.stream(sr.ranks()).filter(x -> x == 1).count();
            out.printf("%n%s  %,d bars from %s  funding: %s%n", sr.symbol(), r.bars(), sr.barsKey(), sr.fundingSource());
            out.printf("%,d sets pass the constraints, %,d on the Pareto front%n", passing, front);
            out.printf("%4s %6s  %-28s %7s %7s %7s %7s %6s %6s %9s %4s%n", "#", "pareto", "params", "sharpe", "sortino", "max_dd", "pf",
                    "trades", "win%", "return", "liq");
            for (int k = 0; k < Math.min(top, r.sets()); k++) {
                int s = sr.order()[k];
                StringBuilder p = new StringBuilder();
                for (int i = 0; i < o.paramNames().size(); i++) {
                    double v = o.sets()[s][i];
                    p.append(i == 0 ? "" : " ").append(o.paramNames().get(i)).append('=').append(v == Math.rint(v) ? Long.toString((long) v) : String.format("%.4g", v));
                }
                out.printf("%4d %6s  %-28s %7.2f %7.2f %6.1f%% %7.2f %6.0f %5.1f%% %8.1f%% %4.0f%n", k + 1,
                        sr.ranks()[s] == 0 ? "-" : Integer.toString(sr.ranks()[s]), p, r.metric(s, Metric.SHARPE), r.metric(s, Metric.SORTINO),
                        100 * r.metric(s, Metric.MAX_DRAWDOWN), r.metric(s, Metric.PROFIT_FACTOR), r.metric(s, Metric.TRADES),
                        100 * r.metric(s, Metric.WIN_RATE), 100 * r.metric(s, Metric.TOTAL_RETURN), r.metric(s, Metric.LIQUIDATIONS));
            }
        }
        out.printf("%nexperiment %s%nresults: %s (tables experiments, sweep_results)%nreport:  %s%n", o.experimentId(), o.database(), o.reportDir());
        out.printf("query:   vq sql \"SELECT symbol, params, sharpe, max_drawdown, profit_factor, pareto_rank FROM sweep_results "
                + "WHERE experiment_id = '%s' ORDER BY pareto_rank, sharpe DESC LIMIT 10\"%n", o.experimentId());
    }
}
