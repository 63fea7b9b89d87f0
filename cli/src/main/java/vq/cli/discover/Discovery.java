package vq.cli.discover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import vq.kernels.screen.Metric;
import vq.kernels.strategy.IndicatorTypes;

/**
 * Genetic strategy discovery (seed 002 Phase 8): a population of {@link Genome}s evolved by tournament selection,
 * uniform crossover, mutation and elitism. Every generation's new genomes are rendered to DSL YAML and handed to the
 * {@link Evaluator} together (one call per generation, one multi-set batch per structure); genomes already seen reuse
 * their metrics.
 *
 * <p>Fitness is one weighted score over the three objectives of {@code vq optimize --method nsga2}:
 * {@code score = sharpe + (1 − max_drawdown) + min(profit_factor, 3) − complexityPenalty · genes}, metrics averaged
 * over the symbols. A genome with fewer than {@code minTrades} trades scores {@code −1000 + trades} (so any trading
 * genome beats a silent one) and one whose evaluation failed scores −∞. The penalty makes a simpler genome win at
 * equal performance. Ties break by evaluation order, so a run is a pure function of the seed and the evaluator.
 */
public final class Discovery {
    private Discovery() {}

    /** One parameterized strategy ({@link GenomeYaml#template}) and the parameter values of the genomes that share it. */
    public record Batch(String yaml, List<Map<String, Double>> sets) {}

    /**
     * Screens a generation's batches; per batch, per set, per symbol the {@link Metric} values (length
     * {@link Metric#COUNT}); a null set entry when that set failed.
     */
    public interface Evaluator {
        List<double[][][]> evaluate(List<Batch> batches);
    }

    /**
     * @param population        genomes per generation (≥ 4)
     * @param generations       generations after the initial random one (≥ 0)
     * @param genesMax          maximum entry genes (1..5)
     * @param seed              random seed
     * @param elite             best genomes copied unchanged into the next generation
     * @param tournament        tournament size for parent selection
     * @param crossoverRate     probability that a child is a crossover of two parents (else a copy of one)
     * @param mutationRate      probability that a child is mutated (a child equal to a parent is always mutated)
     * @param complexityPenalty score subtracted per gene
     * @param minTrades         trades (mean over symbols) below which a genome does not count as trading
     */
    public record Config(int population, int generations, int genesMax, long seed, int elite, int tournament,
                         double crossoverRate, double mutationRate, double complexityPenalty, double minTrades) {
        public static Config of(int population, int generations, int genesMax, long seed) {
            return new Config(population, generations, genesMax, seed, Math.max(1, population / 10), 3, 0.8, 0.4, 0.05, 10);
        }

        void validate() {
            if (population < 4) throw new vq.columnar.InputException("--population must be at least 4, got " + population);
            if (generations < 0) throw new vq.columnar.InputException("--generations must be ≥ 0, got " + generations);
            if (genesMax < 1 || genesMax > 5) throw new vq.columnar.InputException("--genes-max must be 1..5, got " + genesMax);
        }
    }

    /**
     * One evaluated genome: {@code id} in evaluation order, the generation it first appeared in, its concrete DSL
     * text, the metrics per symbol and averaged over the symbols (null when it failed), the score.
     */
    public record Trial(int id, int generation, Genome genome, String yaml, double[][] perSymbol, double[] metrics, double score) {
        public double metric(Metric m) { return metrics == null ? Double.NaN : metrics[m.ordinal()]; }
    }

    /** Every distinct genome evaluated, in evaluation order, and the final ranking (best first). */
    public record Result(List<Trial> trials, List<Trial> ranking) {}

    /** The strategy name genomes are rendered with for evaluation. */
    public static final String EVAL_NAME = "discovered";

    public static Result run(Config c, IndicatorTypes types, String timeframe, Evaluator evaluator, Consumer<String> progress) {
        c.validate();
        Genome.Factory f = new Genome.Factory(types, c.genesMax());
        SplittableRandom r = new SplittableRandom(c.seed());
        Map<Genome, Trial> seen = new LinkedHashMap<>();
        int[] passes = {0};
        List<Genome> pop = new ArrayList<>();
        for (int i = 0; i < c.population(); i++) pop.add(f.random(r));
        List<Trial> current = evaluate(pop, 0, seen, c, types, timeframe, evaluator, passes);
        progress.accept(line(0, current, seen.size(), passes[0], c));
        for (int gen = 1; gen <= c.generations(); gen++) {
            List<Trial> ranked = new ArrayList<>(current);
            ranked.sort(ORDER);
            List<Genome> next = new ArrayList<>();
            for (int i = 0; i < Math.min(c.elite(), ranked.size()); i++) next.add(ranked.get(i).genome());
            while (next.size() < c.population()) {
                Genome a = tournament(current, c.tournament(), r), child;
                if (r.nextDouble() < c.crossoverRate()) child = f.crossover(a, tournament(current, c.tournament(), r), r);
                else child = a;
                if (child.equals(a) || r.nextDouble() < c.mutationRate()) child = f.mutate(child, r);
                next.add(child);
            }
            current = evaluate(next, gen, seen, c, types, timeframe, evaluator, passes);
            progress.accept(line(gen, current, seen.size(), passes[0], c));
        }
        List<Trial> all = new ArrayList<>(seen.values());
        List<Trial> ranking = new ArrayList<>(all);
        ranking.sort(ORDER);
        return new Result(all, ranking);
    }

    /** Best score first, then the earlier trial. */
    static final Comparator<Trial> ORDER = Comparator.comparingDouble((Trial t) -> -t.score()).thenComparingInt(Trial::id);

    static Genome tournament(List<Trial> pop, int k, SplittableRandom r) {
        Trial best = null;
        for (int i = 0; i < k; i++) {
            Trial t = pop.get(r.nextInt(pop.size()));
            if (best == null || ORDER.compare(t, best) < 0) best = t;
        }
        return best.genome();
    }

    static List<Trial> evaluate(List<Genome> pop, int gen, Map<Genome, Trial> seen, Config c, IndicatorTypes types,
                                String timeframe, Evaluator evaluator, int[] passes) {
        List<Genome> fresh = new ArrayList<>();
        for (Genome g : pop) if (!seen.containsKey(g) && !fresh.contains(g)) fresh.add(g);
        // genomes that differ only in numbers share a template: one multi-set screen pass per template
        Map<String, List<Integer>> byTemplate = new LinkedHashMap<>();
        Map<String, List<Map<String, Double>>> setsOf = new LinkedHashMap<>();
        Map<String, GenomeYaml.Template> keys = new LinkedHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            GenomeYaml.Template t = GenomeYaml.template(fresh.get(i), types, EVAL_NAME, timeframe);
            byTemplate.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(i);
            setsOf.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.values());
            keys.putIfAbsent(t.key(), t);
        }
        List<Batch> batches = new ArrayList<>();
        passes[0] += setsOf.size();
        for (Map.Entry<String, List<Map<String, Double>>> e : setsOf.entrySet())
            batches.add(new Batch(keys.get(e.getKey()).yaml(), e.getValue()));
        List<double[][][]> res = batches.isEmpty() ? List.of() : evaluator.evaluate(batches);
        double[][][] perGenome = new double[fresh.size()][][];
        int b = 0;
        for (List<Integer> members : byTemplate.values()) {
            double[][][] r = res.get(b++);
            for (int j = 0; j < members.size(); j++) perGenome[members.get(j)] = r[j];
        }
        for (int i = 0; i < fresh.size(); i++) {
            Genome g = fresh.get(i);
            double[] mean = mean(perGenome[i]);
            seen.put(g, new Trial(seen.size(), gen, g, GenomeYaml.render(g, types, EVAL_NAME, timeframe, null), perGenome[i], mean, score(mean, g, c)));
        }
        List<Trial> out = new ArrayList<>();
        for (Genome g : pop) out.add(seen.get(g));
        return out;
    }

    static double[] mean(double[][] perSymbol) {
        if (perSymbol == null) return null;
        double[] m = new double[Metric.COUNT];
        for (double[] row : perSymbol) for (int k = 0; k < m.length; k++) m[k] += row[k] / perSymbol.length;
        return m;
    }

    /** The weighted score of the class comment. */
    public static double score(double[] m, Genome g, Config c) {
        if (m == null) return Double.NEGATIVE_INFINITY;
        double trades = m[Metric.TRADES.ordinal()];
        if (!(trades >= c.minTrades())) return -1000 + (Double.isNaN(trades) ? 0 : trades);
        double sharpe = nz(m[Metric.SHARPE.ordinal()]), dd = nz(m[Metric.MAX_DRAWDOWN.ordinal()]);
        double pf = m[Metric.PROFIT_FACTOR.ordinal()];
        pf = Double.isNaN(pf) ? 0 : Math.min(3, pf);
        return sharpe + (1 - dd) + pf - c.complexityPenalty() * g.genes();
    }

    static double nz(double v) { return Double.isNaN(v) ? 0 : v; }

    static String line(int gen, List<Trial> gen_, int evaluated, int passes, Config c) {
        Trial best = gen_.stream().min(ORDER).orElseThrow();
        double mean = gen_.stream().filter(t -> t.metric(Metric.TRADES) >= c.minTrades()).mapToDouble(Trial::score).average().orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT, "generation %d: %d distinct genomes in %d screen passes, best score %.3f (sharpe %.2f, dd %.3f, pf %.2f, %d genes), mean trading score %.3f",
                gen, evaluated, passes, best.score(), best.metric(Metric.SHARPE), best.metric(Metric.MAX_DRAWDOWN), best.metric(Metric.PROFIT_FACTOR),
                best.genome().genes(), mean);
    }
}
