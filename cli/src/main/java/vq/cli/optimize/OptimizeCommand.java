package vq.cli.optimize;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.cli.screen.ScreenCommand;
import vq.cli.screen.ScreenPlan;
import vq.cli.screen.ScreenRun;
import vq.columnar.InputException;
import vq.kernels.screen.Metric;
import vq.kernels.screen.Windows;
import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.StrategySpec;
import vq.optimizer.sampling.Dimension;
import vq.optimizer.sampling.Nsga2Search;
import vq.optimizer.sampling.SearchSpace;
import vq.optimizer.sampling.TpeSampler;
import vq.optimizer.score.Constraint;

/** {@code vq optimize}: search a strategy's parameter space with TPE, NSGA-II, grid or random, the screen as fitness. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = {"Search a strategy's parameter space. tpe: Bayesian optimization (Tree-structured Parzen Estimator), "
                + "batches of --batch sets screened together in one SIMD pass; nsga2: multi-objective genetic search over "
                + "Sharpe, 1 - max_drawdown and profit factor (a generation per screen pass); grid, random: the whole sweep "
                + "as `vq screen` does. Seeded and reproducible. Hard constraints (--constraint trades>=50 ...) reject trials.",
                "At the end every evaluated set is screened once more and stored as one experiment (experiments, "
                + "sweep_results in vq.duckdb; reports/<experiment_id>/)."})
public final class OptimizeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy YAML.")
    Path file;

    @Option(names = "--method", defaultValue = "tpe", description = "tpe, nsga2, grid or random (default ${DEFAULT-VALUE}).") String method;
    @Option(names = "--symbols", split = ",", required = true, paramLabel = "SYM", description = "Symbols; the objective is averaged over them.") List<String> symbols;
    @Option(names = "--from", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYY-MM, UTC).") String from;
    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive.") String to;
    @Option(names = "--trials", defaultValue = "200", description = "tpe: trials (default ${DEFAULT-VALUE}); random: samples.") int trials;
    @Option(names = "--batch", defaultValue = "32", description = "tpe: parameter sets per screen pass (default ${DEFAULT-VALUE}).") int batch;
    @Option(names = "--population", defaultValue = "48", description = "nsga2: population (default ${DEFAULT-VALUE}).") int population;
    @Option(names = "--generations", defaultValue = "10", description = "nsga2: generations (default ${DEFAULT-VALUE}).") int generations;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--objective", defaultValue = "sharpe", description = "tpe: metric to maximize, mean over symbols (default ${DEFAULT-VALUE}).") String objective;
    @Option(names = "--constraint", paramLabel = "EXPR", description = "Hard constraint on a metric, e.g. trades>=50, max_drawdown<=0.3 (repeatable).") List<String> constraints = new ArrayList<>();
    @Option(names = "--threads", paramLabel = "N", description = "Screen threads (default: all cores).") Integer threads;
    @Option(names = "--top", defaultValue = "10", description = "Leaderboard rows (default ${DEFAULT-VALUE}).") int top;

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        String m = method.toLowerCase(Locale.ROOT);
        List<String> syms = symbols.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        List<Constraint> cons = constraints.stream().map(Constraint::parse).toList();
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ScreenRun.Settings storing = new ScreenRun.Settings(t, vq.kernels.screen.Screener.Options.DEFAULT_BLOCK_BARS, "binance", null, null, 10_000, 0.0001, 5_000_000L, true);
        PrintStream out = System.out;
        if (m.equals("grid") || m.equals("random")) {
            ScreenPlan plan = ScreenPlan.of(file, syms, from, to, m, m.equals("random") ? trials : null, seed);
            ScreenRun.Outcome o = ScreenRun.run(ws.catalog(), ws.database(), ws.reports(), plan, storing, System.err, x -> {}, x -> {});
            ScreenCommand.print(out, o, top);
            return 0;
        }
        if (!m.equals("tpe") && !m.equals("nsga2")) throw new InputException("--method must be tpe, nsga2, grid or random, got '" + method + "'");
        metric(objective);
        for (Constraint c : cons) metric(c.metric()); // unknown names fail before any data is loaded
        // one session for the whole search: bars, funding and indicator series are loaded/computed once, not per batch
        try (ScreenRun.Session session = ScreenRun.Session.open(ws.catalog(), ScreenPlan.of(file, syms, from, to, m, null, seed), storing)) {
            return search(ws, session, m, syms, cons, out);
        }
    }

    private int search(Workspace ws, ScreenRun.Session session, String m, List<String> syms, List<Constraint> cons, PrintStream out)
            throws java.io.IOException, java.sql.SQLException {
        StrategySpec strategy = session.strategy();
        ParameterSpace space = strategy.parameters();
        Codec codec = Codec.of(space);
        Metric target = metric(objective);
        int[] evaluated = {0}, proposed = {0};
        Map<List<Double>, double[]> screened = new HashMap<>();
        long t0 = System.nanoTime();
        double[][] finalSets;
        switch (m) {
            case "tpe" -> {
                TpeSampler.Result r = TpeSampler.optimize(codec.search, points -> {
                    double[][] sets = codec.decode(points);
                    double[] v = new double[sets.length];
                    double[][] metrics = screen(ws, session, syms, sets, space, cons, screened, evaluated);
                    for (int i = 0; i < sets.length; i++) v[i] = metrics[i] == null ? Double.NaN : metrics[i][target.ordinal()];
                    proposed[0] += sets.length;
                    System.err.printf("vq: tpe %d/%d trials (%d distinct sets screened), best %s so far %.3f%n", proposed[0], trials, evaluated[0], objective, best(v));
                    return v;
                }, trials, batch, seed, TpeSampler.Config.defaults());
                finalSets = codec.decode(r.points());
                out.printf("TPE: %d trials in batches of %d; best %s %.3f at %s%n", r.points().length, batch, objective, r.values()[r.best()],
                        codec.describe(finalSets[r.best()], space));
            }
            case "nsga2" -> {
                Nsga2Search.Result r = Nsga2Search.run(codec.search, points -> {
                    double[][] sets = codec.decode(points);
                    double[][] metrics = screen(ws, session, syms, sets, space, cons, screened, evaluated);
                    double[][] v = new double[sets.length][];
                    for (int i = 0; i < sets.length; i++) {
                        double[] mm = metrics[i];
                        v[i] = mm == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                                : new double[] {mm[Metric.SHARPE.ordinal()], 1 - mm[Metric.MAX_DRAWDOWN.ordinal()], Math.min(10, nz(mm[Metric.PROFIT_FACTOR.ordinal()]))};
                    }
                    proposed[0] += sets.length;
                    System.err.printf("vq: nsga2 %d proposals, %d distinct sets screened%n", proposed[0], evaluated[0]);
                    return v;
                }, new Nsga2Search.Config(population, generations, 0.9, 0.2), seed);
                finalSets = codec.decode(r.points());
                out.printf("NSGA-II: %d search points in %d batches (population %d, %d generations), %d on the Pareto front of (sharpe, 1 - max_drawdown, profit_factor):%n",
                        r.points().length, r.batches(), population, generations, r.front().length);
                for (int i : r.front()) out.printf("  %-32s sharpe %6.2f  1-dd %5.2f  pf %5.2f%n", codec.describe(finalSets[i], space),
                        r.objectives()[i][0], r.objectives()[i][1], r.objectives()[i][2]);
            }
            default -> throw new InputException("--method must be tpe, nsga2, grid or random, got '" + method + "'");
        }
        out.printf("search: %d distinct parameter sets screened in %.1f s (%d proposals; a repeated proposal reuses its first result)%n",
                evaluated[0], (System.nanoTime() - t0) / 1e9, proposed[0]);
        double[][] accepted = Arrays.stream(finalSets).filter(space::accepts).map(OptimizeCommand::key).distinct()
                .map(OptimizeCommand::unkey).toArray(double[][]::new);
        ScreenPlan plan = ScreenPlan.of(file, syms, from, to, m, accepted.length, seed).withSets(accepted, m);
        List<Constraint> searchOnly = new ArrayList<>();
        for (Constraint c : cons) {
            boolean least = c.op() == Constraint.Op.AT_LEAST;
            if (least && c.metric().equals("trades")) plan.withConstraints(c.threshold(), Double.NaN, Double.NaN);
            else if (!least && c.metric().equals("max_drawdown")) plan.withConstraints(Double.NaN, c.threshold(), Double.NaN);
            else if (least && c.metric().equals("profit_factor")) plan.withConstraints(Double.NaN, Double.NaN, c.threshold());
            else searchOnly.add(c);
        }
        if (!searchOnly.isEmpty())
            out.printf("note: %s applied to the search only (the stored sweep's passes_constraints covers trades>=, max_drawdown<= and profit_factor>=)%n", searchOnly);
        ScreenRun.Outcome o = session.run(ws.database(), ws.reports(), plan, true, Windows.none(), System.err, x -> {}, x -> {});
        ScreenCommand.print(out, o, top);
        return 0;
    }

    /**
     * Screens {@code sets} in one pass per symbol (skipping sets that break the space's constraints) and returns,
     * per set, its {@link Metric}s averaged over the symbols; null for a set rejected by the space or a hard constraint.
     */
    double[][] screen(Workspace ws, ScreenRun.Session session, List<String> syms, double[][] sets, ParameterSpace space, List<Constraint> cons,
                      Map<List<Double>, double[]> screened, int[] evaluated) {
        // sets the space accepts and that no earlier batch (nor this one) screened: each distinct set is screened once
        List<List<Double>> keys = new ArrayList<>(sets.length); // null = rejected by the space
        Set<List<Double>> fresh = new LinkedHashSet<>();
        for (double[] set : sets) {
            List<Double> k = space.accepts(set) ? key(set) : null;
            keys.add(k);
            if (k != null && !screened.containsKey(k)) fresh.add(k);
        }
        if (!fresh.isEmpty()) screenFresh(ws, session, syms, fresh, screened, evaluated);
        double[][] out = new double[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            double[] mean = keys.get(i) == null ? null : screened.get(keys.get(i));
            boolean pass = mean != null;
            for (Constraint c : cons) pass = pass && c.test(mean[metric(c.metric()).ordinal()]);
            out[i] = pass ? mean : null;
        }
        return out;
    }

    static List<Double> key(double[] set) { return Arrays.stream(set).boxed().toList(); }

    static double[] unkey(List<Double> key) { return key.stream().mapToDouble(Double::doubleValue).toArray(); }

    /** Screens the {@code fresh} sets in one pass per symbol and files each one's metrics, averaged over the symbols, in {@code screened}. */
    private void screenFresh(Workspace ws, ScreenRun.Session session, List<String> syms, Set<List<Double>> fresh,
                             Map<List<Double>, double[]> screened, int[] evaluated) {
        double[][] batchSets = fresh.stream().map(OptimizeCommand::unkey).toArray(double[][]::new);
        ScreenRun.Outcome o;
        try {
            ScreenPlan plan = ScreenPlan.of(file, syms, from, to, method, batchSets.length, seed).withSets(batchSets, method);
            o = session.run(ws.database(), ws.reports(), plan, false, Windows.none(), System.err, x -> {}, x -> {});
        } catch (java.io.IOException | java.sql.SQLException e) {
            throw new IllegalStateException("screening a batch failed: " + e.getMessage(), e);
        }
        evaluated[0] += batchSets.length;
        for (int j = 0; j < batchSets.length; j++) {
            double[] mean = new double[Metric.COUNT];
            for (ScreenRun.SymbolResult sr : o.symbols()) for (Metric m : Metric.values()) mean[m.ordinal()] += sr.result().metric(j, m) / o.symbols().size();
            screened.put(key(batchSets[j]), mean);
        }
    }

    static double best(double[] v) {
        double b = Double.NEGATIVE_INFINITY;
        for (double x : v) if (!Double.isNaN(x)) b = Math.max(b, x);
        return b;
    }

    static double nz(double v) { return Double.isNaN(v) ? 0 : v; }

    static Metric metric(String name) {
        for (Metric m : Metric.values()) if (m.name().equalsIgnoreCase(name)) return m;
        throw new InputException("unknown metric '" + name + "' (known: " + java.util.Arrays.stream(Metric.values()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList() + ")");
    }

    /**
     * Maps the DSL parameter space to a sampler {@link SearchSpace}: a gridded range becomes an integer grid
     * index (so the step is kept), a list a choice, a continuous range a float (log for log_uniform, rounded for
     * int), a fixed parameter a one-point dimension.
     */
    record Codec(SearchSpace search, ParameterSpace space) {
        static Codec of(ParameterSpace space) {
            List<Dimension> dims = new ArrayList<>();
            for (ParameterSpace.Param p : space.params()) {
                Dimension d;
                if (p.domain() == null) d = Dimension.floating(p.name(), p.defaultValue(), p.defaultValue(), false);
                else if (p.domain() instanceof ParameterSpace.Values v) {
                    List<String> names = new ArrayList<>();
                    for (double x : v.values()) names.add(Double.toString(x));
                    d = Dimension.choice(p.name(), names);
                } else {
                    ParameterSpace.Range r = (ParameterSpace.Range) p.domain();
                    if (r.gridded()) d = Dimension.integer(p.name(), 0, r.points() - 1, false);
                    else {
                        boolean log = r.distribution() == ParameterSpace.Distribution.LOG_UNIFORM;
                        d = p.type() == ParameterSpace.Type.INT ? Dimension.integer(p.name(), (long) Math.ceil(r.min()), (long) Math.floor(r.max()), log)
                                : Dimension.floating(p.name(), r.min(), r.max(), log);
                    }
                }
                dims.add(d);
            }
            return new Codec(new SearchSpace(dims), space);
        }

        double[][] decode(double[][] points) {
            double[][] out = new double[points.length][];
            for (int i = 0; i < points.length; i++) {
                double[] set = new double[points[i].length];
                for (int k = 0; k < set.length; k++) {
                    ParameterSpace.Param p = space.params().get(k);
                    double x = points[i][k];
                    if (p.domain() instanceof ParameterSpace.Values v) set[k] = v.values()[(int) x];
                    else if (p.domain() instanceof ParameterSpace.Range r && r.gridded()) set[k] = r.point((long) x);
                    else set[k] = x;
                }
                out[i] = set;
            }
            return out;
        }

        String describe(double[] set, ParameterSpace space) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < set.length; k++) {
                double v = set[k];
                sb.append(k == 0 ? "" : " ").append(space.params().get(k).name()).append('=').append(v == Math.rint(v) ? Long.toString((long) v) : String.format("%.4g", v));
            }
            return sb.toString();
        }
    }
}
