package vq.cli.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.Catalog;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.IndicatorInputs;
import vq.kernels.strategy.LookaheadCheck;
import vq.kernels.strategy.Strategies;

/** {@code vq check lookahead STRATEGY --symbol S --from D --to D}. */
@Command(name = "lookahead", mixinStandardHelpOptions = true,
        description = "Prove that a DSL strategy does not look ahead. It is evaluated on the catalog's bars, then again on data truncated at K random (seeded) bar boundaries, every indicator recomputed from the truncated data; every signal and indicator value before each cut must be unchanged. Reports the first offending condition and indicator. Exit code: 0 passed, 1 lookahead found, 2 bad input.")
public final class LookaheadCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy YAML file or name (configs/strategies, workspace strategies/).")
    String strategy;

    @Option(names = "--symbol", required = true, description = "Symbol, e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--from", required = true, description = "Start: YYYY-MM, YYYY-MM-DD or an ISO instant (UTC).")
    String from;

    @Option(names = "--to", required = true, description = "End, inclusive for a month or day (YYYY-MM, YYYY-MM-DD), exclusive for an instant.")
    String to;

    @Option(names = "--cuts", defaultValue = "20", description = "Number of random cut points (default: ${DEFAULT-VALUE}).")
    int cuts;

    @Option(names = "--sets", defaultValue = "3", description = "Parameter sets checked: the defaults plus random ones (default: ${DEFAULT-VALUE}).")
    int sets;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for cut points and parameter sets (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", defaultValue = "1m", description = "Catalog bar interval to load (default: ${DEFAULT-VALUE}); coarser strategy timeframes are resampled from it.")
    String interval;

    @Option(names = "--market", description = "Market (spot, futures-um) when the symbol exists in several.")
    String market;

    @Option(names = "--venue", description = "Venue when the symbol exists in several.")
    String venue;

    @Override public Integer call() {
        if (cuts < 1) throw new InputException("--cuts must be ≥ 1, got " + cuts);
        if (sets < 1) throw new InputException("--sets must be ≥ 1, got " + sets);
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        PrintWriter out = spec.commandLine().getOut();
        List<Path> dirs = List.of(ws.root().resolve("strategies"), ws.root().resolve("configs/strategies"), shipped());
        Path file = Strategies.resolve(strategy, dirs);
        CompiledStrategy cs = Strategies.compile(file);
        long fromNanos = start(from, "--from"), toNanos = end(to, "--to");
        if (toNanos <= fromNanos) throw new InputException("--to must be after --from");
        Catalog cat = Catalog.open(ws.catalog());
        DatasetKey key = bars(cat);
        double[][] paramSets = paramSets(cs);
        long t0 = System.nanoTime();
        try (IndicatorCache cache = IndicatorCache.forCatalog(cat, key.venue(), key.market(), key.interval())) {
            IndicatorInputs full = new IndicatorInputs(cache, symbol, cs.spec().timeframe(), fromNanos, toNanos);
            List<Integer> points = LookaheadCheck.cuts(full.rows(), cuts, seed);
            out.printf(Locale.ROOT, "lookahead check: %s (%s) on %s %s bars %s .. %s: %,d bars, %d cuts, %d parameter sets%n",
                    cs.spec().name(), file, key, cs.spec().timeframe(), Intervals.iso(fromNanos), Intervals.iso(toNanos), full.rows(),
                    points.size(), paramSets.length);
            LookaheadCheck.Report r = LookaheadCheck.run(cs, full, cut -> new IndicatorInputs(
                    IndicatorCache.forCatalog(cat, key.venue(), key.market(), key.interval()), symbol, cs.spec().timeframe(), fromNanos,
                    full.ts(cut), true), paramSets, points, 20);
            double secs = (System.nanoTime() - t0) / 1e9;
            if (r.passed()) {
                out.printf(Locale.ROOT, "PASSED: every signal and indicator value before each cut is unchanged (%,d bar evaluations, %.1f s)%n",
                        r.barsCompared(), secs);
                return 0;
            }
            out.printf(Locale.ROOT, "FAILED: lookahead found (%d findings, %.1f s); first:%n", r.findings().size(), secs);
            for (LookaheadCheck.Finding f : r.findings())
                out.println("  " + f + "  [" + cs.parameters().describe(f.set()) + "]");
            return 1;
        }
    }

    private double[][] paramSets(CompiledStrategy cs) {
        List<double[]> out = new ArrayList<>();
        out.add(cs.parameters().defaults());
        if (sets > 1 && cs.parameters().params().stream().anyMatch(p -> p.swept()))
            out.addAll(List.of(cs.parameters().sample(sets - 1, seed)));
        return out.toArray(double[][]::new);
    }

    private DatasetKey bars(Catalog cat) {
        List<DatasetKey> keys = cat.list().stream().filter(k -> k.symbol().equals(symbol) && k.dataset() == Dataset.BARS
                && k.interval().equals(interval) && (market == null || k.market().equals(market))
                && (venue == null || k.venue().equals(venue))).toList();
        if (keys.isEmpty())
            throw new InputException("no bars/" + interval + " for " + symbol + " in " + cat.root() + " (import them first with 'vq data import')");
        if (keys.size() > 1) throw new InputException(symbol + " is in several markets/venues " + keys + ": pick one with --market/--venue");
        return keys.getFirst();
    }

    private static Path shipped() {
        String root = System.getProperty("vq.root");
        if (root != null) return Path.of(root, "configs", "strategies");
        try {
            Path p = Path.of(LookaheadCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent())
                if (java.nio.file.Files.isDirectory(p.resolve("configs/strategies"))) return p.resolve("configs/strategies");
        } catch (Exception e) {
            // fall through
        }
        return Path.of("configs", "strategies");
    }

    /** Start of a month, a day, or an instant, in epoch ns. */
    static long start(String s, String option) {
        return parse(s, option, false);
    }

    /** End (exclusive) after a whole month or day, or the instant itself. */
    static long end(String s, String option) {
        return parse(s, option, true);
    }

    private static long parse(String s, String option, boolean end) {
        try {
            if (s.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(s);
                return nanos((end ? m.plusMonths(1) : m).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(s);
                return nanos((end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return nanos(Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw new InputException(option + ": '" + s + "' is not YYYY-MM, YYYY-MM-DD or an ISO instant (2024-01-01T00:00:00Z)");
        }
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
