package vq.optimizer.sampling;

import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.GaussianMutator;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.SimulatedBinaryCrossover;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.UFTournamentSelector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import vq.columnar.InputException;

/**
 * NSGA-II multi-objective search (Deb, Pratap, Agarwal, Meyarivan 2002, "A fast and elitist multiobjective
 * genetic algorithm: NSGA-II", IEEE TEC 6(2)) with Jenetics 8.2 ({@code jenetics.ext} MOEA):
 * survivors by non-dominated sorting and crowding distance ({@link NSGA2Selector}), parents by crowded
 * tournament ({@link UFTournamentSelector}), simulated binary crossover and Gaussian mutation on the unit
 * cube of the {@link SearchSpace}.
 *
 * <p>Fitness is evaluated a whole generation at a time through {@link MultiBatchObjective} (one SIMD screen
 * pass per generation). The engine runs on the calling thread with a {@link SplittableRandom} seeded from
 * {@code seed}, so a run is reproducible. The result holds every distinct evaluation and the Pareto ranks
 * over all of them (rank 0 = non-dominated).
 */
public final class Nsga2Search {

    /** Settings: population size, generations, crossover and mutation probabilities. */
    public record Config(int populationSize, int generations, double crossover, double mutation) {
        public Config {
            if (populationSize < 4 || generations < 1 || !(crossover >= 0 && crossover <= 1) || !(mutation >= 0 && mutation <= 1)) {
                throw new InputException("NSGA-II config: population >= 4, generations >= 1, probabilities in [0,1] (got " + this + ")");
            }
        }

        public static Config defaults() { return new Config(64, 30, 0.9, 0.2); }
    }

    /**
     * Every evaluated point in evaluation order with its objectives, and Pareto ranks over all of them.
     *
     * @param points {@code [n][dimensions]}
     * @param objectives {@code [n][objectives]} as returned by the objective (NaN rows = rejected)
     * @param paretoRank {@code [n]} 0 = non-dominated among all evaluations, 1 = next front, ...
     * @param batches number of objective calls (generations + the initial population)
     */
    public record Result(double[][] points, double[][] objectives, int[] paretoRank, int batches) {
        /** Indices of the non-dominated evaluations. */
        public int[] front() {
            return java.util.stream.IntStream.range(0, paretoRank.length).filter(i -> paretoRank[i] == 0).toArray();
        }
    }

    private Nsga2Search() {}

    /** Runs the search. */
    public static Result run(SearchSpace space, MultiBatchObjective objective, Config config, long seed) {
        int dims = space.size();
        List<double[]> points = new ArrayList<>();
        List<double[]> objs = new ArrayList<>();
        int[] batches = {0};
        Evaluator<DoubleGene, Vec<double[]>> evaluator = (Seq<Phenotype<DoubleGene, Vec<double[]>>> population) -> {
            List<Integer> todo = new ArrayList<>();
            for (int i = 0; i < population.size(); i++) if (population.get(i).nonEvaluated()) todo.add(i);
            MSeq<Phenotype<DoubleGene, Vec<double[]>>> out = MSeq.of(population);
            if (todo.isEmpty()) return out.toISeq();
            double[][] batch = new double[todo.size()][];
            for (int k = 0; k < batch.length; k++) batch[k] = space.fromUnit(unit(population.get(todo.get(k)).genotype(), dims));
            double[][] values = objective.evaluate(batch);
            if (values.length != batch.length) throw new IllegalStateException("objective returned " + values.length + " rows for " + batch.length + " points");
            batches[0]++;
            for (int k = 0; k < batch.length; k++) {
                points.add(batch[k]);
                objs.add(values[k].clone());
                out.set(todo.get(k), population.get(todo.get(k)).withFitness(Vec.of(fitness(values[k]))));
            }
            return out.toISeq();
        };
        Engine<DoubleGene, Vec<double[]>> engine = new Engine.Builder<>(evaluator, Genotype.of(DoubleChromosome.of(0, 1, dims)))
                .populationSize(config.populationSize())
                .offspringSelector(UFTournamentSelector.ofVec())
                .survivorsSelector(NSGA2Selector.ofVec())
                .alterers(new SimulatedBinaryCrossover<>(config.crossover()), new GaussianMutator<>(config.mutation()))
                .maximizing()
                .executor(Runnable::run)
                .build();
        RandomRegistry.with(new SplittableRandom(seed), r -> engine.stream().limit(config.generations()).reduce((a, b) -> b).orElseThrow());

        // de-duplicate (Jenetics may re-create an identical genotype), keeping the first evaluation
        List<double[]> uPts = new ArrayList<>();
        List<double[]> uObj = new ArrayList<>();
        java.util.Set<List<Double>> seen = new java.util.HashSet<>();
        for (int i = 0; i < points.size(); i++) {
            if (seen.add(SearchSpace.key(points.get(i)))) { uPts.add(points.get(i)); uObj.add(objs.get(i)); }
        }
        ISeq<Vec<double[]>> vecs = uObj.stream().map(o -> Vec.of(fitness(o))).collect(ISeq.toISeq());
        int[] rank = Pareto.rank(vecs);
        return new Result(uPts.toArray(double[][]::new), uObj.toArray(double[][]::new), rank, batches[0]);
    }

    private static double[] unit(Genotype<DoubleGene> g, int dims) {
        double[] u = new double[dims];
        for (int d = 0; d < dims; d++) u[d] = g.chromosome().get(d).doubleValue();
        return u;
    }

    /** A rejected row (any NaN) becomes −∞ on every objective, dominated by all accepted rows. */
    private static double[] fitness(double[] v) {
        for (double x : v) if (Double.isNaN(x)) { double[] r = new double[v.length]; Arrays.fill(r, Double.NEGATIVE_INFINITY); return r; }
        return v.clone();
    }
}
