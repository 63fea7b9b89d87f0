package vq.cli.validate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.InputException;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.Strategies;
import vq.sim.Fidelity;
import vq.sim.Latency;
import vq.sim.MarginMode;
import vq.sim.SlippageModel;
import vq.sim.strategy.DslStrategies;

/** {@code vq validate}: replay screened candidates (or one parameter set) through the event-driven simulator. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay candidates through the exact event-driven futures simulator (orders, fees, funding, margin, liquidation).",
                "  vq validate --experiment ID [--top N | --where SQL] [--fidelity realistic] [--latency retail]",
                "  vq validate STRATEGY.yaml --params fast=10,slow=50 --symbol BTCUSDT [--from 2024-01 --to 2024-06]",
                "Results: runs, trades, equity, events in the workspace vq.duckdb; artifacts in reports/<experiment_id|runs>/validation/."})
public final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STRATEGY", description = "Strategy YAML (path or name in configs/strategies) for a single run.")
    String strategy;

    @Option(names = "--experiment", paramLabel = "ID", description = "Validate candidates of this screened experiment.")
    String experiment;

    @Option(names = "--top", defaultValue = "5", description = "Number of candidates (by pareto rank, then Sharpe; default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--where", paramLabel = "SQL", description = "Extra condition over sweep_results columns, e.g. \"trades >= 50 AND symbol = 'BTCUSDT'\".")
    String where;

    @Option(names = "--params", paramLabel = "k=v,...", description = "Parameter values for a single run (defaults from the strategy).")
    String params;

    @Option(names = "--symbol", split = ",", paramLabel = "SYM", description = "Symbol(s) for a single run, e.g. BTCUSDT or BTCUSDT,ETHUSDT.")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--from", paramLabel = "YYYY-MM[-DD]", description = "First day (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM[-DD]", description = "Last day (inclusive).")
    String to;

    @Option(names = "--interval", description = "Bar interval (default: the strategy's timeframe).")
    String interval;

    @Option(names = "--fidelity", defaultValue = "screening", description = "screening (reproduces vq screen) or realistic (default ${DEFAULT-VALUE}).")
    String fidelity;

    @Option(names = "--latency", defaultValue = "retail", description = "co_located (1 ms), domestic (20 ms), international (100 ms), retail (200 ms), custom:<ms>; realistic only (default ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--sizing", description = "margin:F | fixed_fractional:R | kelly:M[,MIN] | atr:R,K [;max_position=P;max_leverage=L] (default: the strategy's).")
    String sizing;

    @Option(names = "--risk", description = "Risk limits, e.g. dd_halt=0.3,daily_loss=0.05,max_consec_losses=5,cooldown=4h,max_exposure=3.")
    String risk;

    @Option(names = "--margin-mode", description = "isolated or cross (default: the strategy's). Cross shares one account across symbols.")
    String marginMode;

    @Option(names = "--leverage", description = "Override the strategy's leverage.")
    Double leverage;

    @Option(names = "--fraction", description = "Override the strategy's sizing fraction.")
    Double fraction;

    @Option(names = "--equity", defaultValue = "10000", description = "Initial equity in USDT (default ${DEFAULT-VALUE}).")
    double equity;

    @Option(names = "--fee-tier", description = "Binance fee tier, e.g. VIP0 (default), VIP3.")
    String feeTier;

    @Option(names = "--venue", defaultValue = "binance", description = "Catalog venue (default ${DEFAULT-VALUE}).")
    String venue;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of probabilistic limit fills (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--slippage", paramLabel = "BPS,K,WINDOW", description = "Realistic slippage: half spread (bps), impact k, window (bars); default configs/sim/realistic.yaml.")
    String slippage;

    @Option(names = "--funding-rate", defaultValue = "0.0001", description = "With --experiment: the constant 8h funding rate vq screen used where the catalog has no funding data (default ${DEFAULT-VALUE}).")
    double fundingRate;

    @Option(names = "--no-events", description = "Do not write the event log (faster for many candidates).")
    boolean noEvents;

    @Option(names = "--no-l2", description = "Realistic fidelity: do not load the catalog's L2 book (execute on quotes/trades/bars as without L2).")
    boolean noL2;

    @Override
    public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        double[] d = ValidateRun.realisticDefaults();
        SlippageModel slip = new SlippageModel(d[0], d[1], (int) d[2]);
        if (slippage != null) {
            String[] p = slippage.split(",");
            if (p.length != 3) throw new InputException("--slippage: expected BPS,K,WINDOW, got '" + slippage + "'");
            try {
                slip = new SlippageModel(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Integer.parseInt(p[2].trim()));
            } catch (NumberFormatException e) {
                throw new InputException("--slippage: expected numbers BPS,K,WINDOW, got '" + slippage + "'");
            }
        }
        ValidateRun.Settings s = new ValidateRun.Settings(venue, Fidelity.parse(fidelity), Latency.parse(latency), sizing, risk,
                marginMode == null ? null : MarginMode.parse(marginMode), leverage == null ? Double.NaN : leverage,
                fraction == null ? Double.NaN : fraction, equity, feeTier, seed, slip, d[3], !noEvents, fundingRate, !noL2);
        try (ValidateRun run = new ValidateRun(ws.catalog(), ws.database(), ws.reports(), System.out)) {
            return call(ws, run, s);
        }
    }

    private int call(Workspace ws, ValidateRun run, ValidateRun.Settings s) throws Exception {
        if (experiment != null) {
            if (strategy != null) throw new InputException("give either --experiment ID or a STRATEGY file, not both");
            if (top < 1) throw new InputException("--top must be >= 1");
            run.experiment(experiment, top, where, s);
            return 0;
        }
        if (strategy == null) throw new InputException("give --experiment ID or a STRATEGY file (see vq validate --help)");
        if (symbols.isEmpty()) throw new InputException("--symbol is required for a single run (e.g. --symbol BTCUSDT)");
        Path file = Strategies.resolve(strategy, List.of(Path.of("configs", "strategies"), ws.root().resolve("strategies"),
                ws.root().resolve("configs").resolve("strategies")));
        CompiledStrategy cs = Strategies.compile(file);
        long f = from == null ? Long.MIN_VALUE : day(from, "--from", false);
        long t = to == null ? Long.MAX_VALUE : day(to, "--to", true);
        run.single(cs, DslStrategies.parseParams(params), symbols, interval, f, t, s);
        return 0;
    }

    /** Epoch ns of the start of the day/month ({@code end}: start of the day after the last day). */
    static long day(String s, String option, boolean end) {
        try {
            LocalDate d;
            if (s.length() == 7) {
                YearMonth m = YearMonth.parse(s);
                d = end ? m.atEndOfMonth() : m.atDay(1);
            } else {
                d = LocalDate.parse(s);
            }
            if (end) d = d.plusDays(1);
            return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
        } catch (DateTimeParseException e) {
            throw new InputException(option + " '" + s + "': expected YYYY-MM or YYYY-MM-DD");
        }
    }
}
