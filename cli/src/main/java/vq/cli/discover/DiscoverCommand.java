package vq.cli.discover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.cli.screen.ScreenPlan;
import vq.cli.screen.ScreenRun;
import vq.columnar.InputException;
import vq.kernels.screen.Metric;
import vq.kernels.strategy.RegistryTypes;
import vq.kernels.strategy.Strategies;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.SweepResultsWriter;

/**
 * {@code vq discover}: genetic search over strategy structure (seed 002 Phase 8). Genomes of 1..--genes-max entry
 * conditions over the indicator registry (plus 0..2 exit conditions, stop loss and take profit) are rendered to DSL
 * YAML, parsed by the real parser and screened on the SIMD screen; a generation is screened together: genomes that
 * differ only in numbers share one parameterized strategy screened as one multi-set pass, --threads passes at once. All distinct genomes are stored as one experiment (kind
 * {@code discover}) and the best --top are written as DSL files to {@code reports/<experiment>/discovered/}.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Discover strategies by a genetic search over indicator conditions (seed 002 Phase 8): tournament "
                + "selection, crossover, mutation, elitism, a complexity penalty; fitness = sharpe + (1 - max_drawdown) + "
                + "min(profit_factor, 3) - 0.05 per gene from the SIMD screen. Seeded and reproducible.",
                "Winners are written as ordinary DSL YAML (reports/<experiment>/discovered/*.yaml, accepted by "
                + "`vq strategy check`); every genome is stored as one experiment in vq.duckdb."})
public final class DiscoverCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbols", split = ",", required = true, paramLabel = "SYM", description = "Symbols; fitness is averaged over them.") List<String> symbols;
    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYY-MM, UTC).") String from;
    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive.") String to;
    @Option(names = "--timeframe", defaultValue = "1m", description = "Bar interval of the discovered strategies (default ${DEFAULT-VALUE}).") String timeframe;
    @Option(names = "--population", defaultValue = "32", description = "Genomes per generation (default ${DEFAULT-VALUE}).") int population;
    @Option(names = "--generations", defaultValue = "10", description = "Generations after the random first one (default ${DEFAULT-VALUE}).") int generations;
    @Option(names = "--genes-max", defaultValue = "5", description = "Most entry conditions per genome, 1..5 (default ${DEFAULT-VALUE}).") int genesMax;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--threads", paramLabel = "N", description = "Genomes screened at once (default: all cores).") Integer threads;
    @Option(names = "--top", defaultValue = "5", description = "Winners written and leaderboard rows (default ${DEFAULT-VALUE}).") int top;
    @Option(names = "--out", paramLabel = "DIR", description = "Where the winners' YAML go (default reports/<experiment>/discovered).") Path out;

    static final ObjectMapper JSON = new ObjectMapper();

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        PrintStream o = System.out;
        Outcome r = run(ws, symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList(),
                from, to, timeframe, Discovery.Config.of(population, generations, genesMax, seed),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), top, out, System.err);
        o.printf("discover: %d distinct genomes screened in %.1f s (%d generations of %d); experiment %s%n", r.result().trials().size(),
                r.wallNanos() / 1e9, generations, population, r.experimentId());
        o.printf("%-4s %8s %7s %6s %6s %7s %5s  %s%n", "rank", "score", "sharpe", "max_dd", "pf", "trades", "genes", "genome");
        for (int i = 0; i < Math.min(top, r.result().ranking().size()); i++) {
            Discovery.Trial t = r.result().ranking().get(i);
            o.printf(Locale.ROOT, "%-4d %8.3f %7.2f %6.3f %6.2f %7.0f %5d  %s%n", i + 1, t.score(), t.metric(Metric.SHARPE), t.metric(Metric.MAX_DRAWDOWN),
                    t.metric(Metric.PROFIT_FACTOR), t.metric(Metric.TRADES), t.genome().genes(), t.genome().describe());
        }
        o.println("winners: " + r.outDir());
        for (Path p : r.files()) o.println("  " + p.getFileName());
        o.println("stored: experiment " + r.experimentId() + " in " + ws.database());
        return 0;
    }

    /** What a run produced. */
    public record Outcome(String experimentId, Discovery.Result result, Path outDir, List<Path> files, long wallNanos) {}

    /**
     * Runs a discovery: screens every generation on {@code symbols}' bars from the workspace catalog, stores the
     * experiment and writes the best {@code top} genomes as DSL files into {@code outDir} (default
     * {@code reports/<experiment>/discovered}). Each written file is re-parsed before it is kept.
     */
    public static Outcome run(Workspace ws, List<String> syms, String from, String to, String timeframe, Discovery.Config config,
                              int threads, int top, Path outDir, PrintStream err) throws IOException, java.sql.SQLException {
        if (syms.isEmpty()) throw new InputException("--symbols: give at least one symbol, e.g. --symbols BTCUSDT");
        if (top < 1) throw new InputException("--top must be ≥ 1, got " + top);
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        Path tmp = Files.createTempDirectory("vq-discover");
        ScreenRun.Settings settings = new ScreenRun.Settings(1, vq.kernels.screen.Screener.Options.DEFAULT_BLOCK_BARS, "binance", null, null, 10_000, 0.0001, 5_000_000L, false);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int[] counter = {0};
        Discovery.Result result;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            Discovery.Evaluator ev = batches -> {
                List<Future<double[][][]>> fs = new ArrayList<>();
                for (Discovery.Batch batch : batches) {
                    Path f = tmp.resolve("g" + (counter[0]++) + ".yaml");
                    fs.add(pool.submit(() -> screen(ws, f, batch, syms, from, to, config.seed(), settings, quiet)));
                }
                List<double[][][]> out = new ArrayList<>();
                for (int i = 0; i < fs.size(); i++) {
                    try {
                        out.add(fs.get(i).get());
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        if (c instanceof RuntimeException re) throw re;
                        if (c instanceof IOException io) throw new java.io.UncheckedIOException(io);
                        throw new IllegalStateException("screening a discovered strategy failed: " + c.getMessage() + "\n" + batches.get(i).yaml(), c);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
                return out;
            };
            result = Discovery.run(config, RegistryTypes.DEFAULT, timeframe, ev, line -> err.println("vq: discover " + line));
        } finally {
            pool.shutdownNow();
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path p : s.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(tmp);
        }
        String id = Experiment.newId("discover", started, (syms + "|" + from + "|" + to + "|" + config).hashCode());
        Path dir = outDir != null ? outDir : ws.reports().resolve(id).resolve("discovered");
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<Discovery.Trial> ranking = result.ranking();
        for (int i = 0; i < Math.min(top, ranking.size()); i++) {
            Discovery.Trial t = ranking.get(i);
            if (!Double.isFinite(t.score())) break;
            String name = String.format(Locale.ROOT, "discovered_s%d_r%d", config.seed(), i + 1);
            String comment = String.format(Locale.ROOT, "vq discover %s, rank %d: score %.3f, sharpe %.2f, max_drawdown %.3f, profit_factor %.2f, trades %.0f on %s %s..%s",
                    id, i + 1, t.score(), t.metric(Metric.SHARPE), t.metric(Metric.MAX_DRAWDOWN), t.metric(Metric.PROFIT_FACTOR),
                    t.metric(Metric.TRADES), String.join(",", syms), from, to);
            String yaml = GenomeYaml.render(t.genome(), RegistryTypes.DEFAULT, name, timeframe, comment);
            Path f = dir.resolve(name + ".yaml"), part = dir.resolve(name + ".yaml.part");
            Files.writeString(part, yaml, StandardCharsets.UTF_8);
            Strategies.load(part.resolveSibling(name + ".yaml.part")); // must parse as written
            Files.move(part, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            files.add(f);
        }
        store(ws, id, syms, from, to, timeframe, config, result, started);
        return new Outcome(id, result, dir, files, System.nanoTime() - t0);
    }

    /**
     * Screens one template with its sets in one pass per symbol; [set][symbol][metric]. The sets are ordered as the
     * parsed strategy's parameter space names them.
     */
    static double[][][] screen(Workspace ws, Path f, Discovery.Batch batch, List<String> syms, String from, String to, long seed,
                               ScreenRun.Settings settings, PrintStream quiet) throws IOException, java.sql.SQLException {
        Files.writeString(f, batch.yaml(), StandardCharsets.UTF_8);
        try {
            List<String> names = Strategies.load(f).parameters().names();
            double[][] sets = new double[batch.sets().size()][names.size()];
            for (int j = 0; j < sets.length; j++)
                for (int k = 0; k < names.size(); k++) {
                    Double v = batch.sets().get(j).get(names.get(k));
                    if (v == null) throw new IllegalStateException("template parameter " + names.get(k) + " has no value\n" + batch.yaml());
                    sets[j][k] = v;
                }
            ScreenPlan plan = ScreenPlan.of(f, syms, from, to, "discover", sets.length, seed).withSets(sets, "discover");
            ScreenRun.Outcome so = ScreenRun.run(ws.catalog(), ws.database(), ws.reports(), plan, settings, quiet, x -> {}, x -> {});
            double[][][] out = new double[sets.length][so.symbols().size()][Metric.COUNT];
            for (int j = 0; j < sets.length; j++)
                for (int s = 0; s < so.symbols().size(); s++)
                    for (Metric m : Metric.values()) out[j][s][m.ordinal()] = so.symbols().get(s).result().metric(j, m);
            return out;
        } finally {
            Files.deleteIfExists(f);
        }
    }

    static void store(Workspace ws, String id, List<String> syms, String from, String to, String timeframe, Discovery.Config c,
                      Discovery.Result result, Instant started) throws java.sql.SQLException {
        ObjectNode space = JSON.createObjectNode();
        space.put("population", c.population()).put("generations", c.generations()).put("genes_max", c.genesMax())
                .put("elite", c.elite()).put("tournament", c.tournament()).put("crossover_rate", c.crossoverRate())
                .put("mutation_rate", c.mutationRate()).put("complexity_penalty", c.complexityPenalty()).put("min_trades", c.minTrades());
        Long fromN = from == null ? null : ScreenPlan.fromNanos(from), toN = to == null ? null : ScreenPlan.toNanos(to) - 1;
        Experiment e = new Experiment(id, "discover", "discover", null, null, space.toString(), syms, timeframe, fromN, toN,
                "genetic", c.seed(), (long) result.trials().size(), ScreenRun.codeVersion(), null, "finished", started, Instant.now());
        List<Discovery.Trial> ranking = result.ranking();
        java.util.Map<Integer, Integer> rankOf = new java.util.HashMap<>();
        for (int i = 0; i < ranking.size(); i++) rankOf.put(ranking.get(i).id(), i + 1);
        try (ResultsStore store = ResultsStore.open(ws.database())) {
            store.inTransaction(tx -> {
                tx.putExperiment(e);
                try (SweepResultsWriter w = tx.sweepResults()) {
                    double[] row = new double[vq.optimizer.store.Metric.COUNT];
                    for (Discovery.Trial t : result.trials()) {
                        double[][] rows = t.perSymbol();
                        if (rows == null) continue;
                        ObjectNode p = JSON.createObjectNode();
                        p.put("genome", t.genome().describe()).put("genes", t.genome().genes()).put("generation", t.generation())
                                .put("score", Double.isFinite(t.score()) ? t.score() : null).put("rank", rankOf.get(t.id()));
                        for (int s = 0; s < syms.size(); s++) {
                            for (vq.optimizer.store.Metric m : vq.optimizer.store.Metric.values()) {
                                double v = rows[s][Metric.valueOf(m.name()).ordinal()];
                                row[m.ordinal()] = m.isCount() && !Double.isNaN(v) ? Math.rint(v) : v;
                            }
                            w.add(id, t.id(), syms.get(s), p.toString(), row, -1, t.score() > -1000);
                        }
                    }
                }
                return null;
            });
        }
    }
}
