package vq.optimizer.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.hipparchus.special.Erf;
import vq.columnar.InputException;

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl 2011, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 24, §4), maximizing, in batches.
 *
 * <p>After {@code startupTrials} uniform random points, the trials seen so far are split by value: the best
 * {@code n_good = clamp(⌈γ·n⌉, 1, maxGood)} form the "good" density l(x), the rest the "bad" density g(x)
 * (γ = 0.1 and at most 25 good trials, Optuna's default split). Each dimension gets an independent Parzen
 * estimator in the unit interval: one Gaussian per observation, truncated to [0, 1], with the adaptive
 * bandwidth of Bergstra et al. (distance to the farther neighbour among the sorted observations and the prior mean, clipped to [1/min(100, n+1), 1]), plus a
 * prior component N(0.5, 1) of weight {@code priorWeight}; a CHOICE dimension gets smoothed category
 * frequencies. A new point is the best of {@code candidates} draws from l by the ratio l(x)/g(x)
 * (the expected-improvement criterion of the paper, eq. 13).
 *
 * <p>Batches: {@link #ask(int)} returns {@code batch} distinct points, each the best of its own independent
 * candidate pool, all against the same l/g split, so the SIMD screen evaluates them in one pass; values come
 * back through {@link #tell}. Points already evaluated or already in the batch are skipped. Reproducible: the
 * same seed, space, batch size and values give the same points.
 */
public final class TpeSampler {

    /**
     * Settings. {@code startupTrials} random trials first; {@code candidates} draws per point;
     * {@code gamma} share of good trials (at most {@code maxGood}); {@code priorWeight} of the prior component.
     */
    public record Config(int startupTrials, int candidates, double gamma, int maxGood, double priorWeight) {
        public static Config defaults() { return new Config(20, 24, 0.1, 25, 1.0); }

        public Config {
            if (startupTrials < 1 || candidates < 1 || !(gamma > 0 && gamma < 1) || maxGood < 1 || !(priorWeight > 0)) {
                throw new InputException("TPE config: startup >= 1, candidates >= 1, 0 < gamma < 1, maxGood >= 1, priorWeight > 0 (got " + this + ")");
            }
        }
    }

    /** All evaluated trials of a run in evaluation order, and the best one. */
    public record Result(double[][] points, double[] values, int best) {}

    private final SearchSpace space;
    private final Config config;
    private final SplittableRandom rnd;
    private final List<double[]> units = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final Set<List<Double>> seen = new HashSet<>();

    public TpeSampler(SearchSpace space, long seed, Config config) {
        this.space = space;
        this.config = config;
        this.rnd = new SplittableRandom(seed);
    }

    /** Number of trials told so far. */
    public int trials() { return values.size(); }

    /** Proposes {@code batch} new distinct points ({@code [batch][dimensions]}). */
    public double[][] ask(int batch) {
        if (batch < 1) throw new InputException("TPE batch must be >= 1, got " + batch);
        double[][] out = new double[batch][];
        Set<List<Double>> inBatch = new HashSet<>();
        boolean model = values.size() >= config.startupTrials();
        Parzen[] good = null, bad = null;
        if (model) {
            Integer[] order = new Integer[values.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> Double.compare(rankValue(values.get(b)), rankValue(values.get(a))));
            int nGood = (int) Math.min(config.maxGood(), Math.max(1, Math.ceil(config.gamma() * order.length)));
            int dims = space.size();
            good = new Parzen[dims];
            bad = new Parzen[dims];
            for (int d = 0; d < dims; d++) {
                double[] g = new double[nGood], b = new double[order.length - nGood];
                for (int i = 0; i < order.length; i++) {
                    double u = units.get(order[i])[d];
                    if (i < nGood) g[i] = u; else b[i - nGood] = u;
                }
                good[d] = Parzen.of(space.dimensions().get(d), g, config.priorWeight());
                bad[d] = Parzen.of(space.dimensions().get(d), b, config.priorWeight());
            }
        }
        for (int k = 0; k < batch; k++) {
            double[] chosen = null;
            if (model) {
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < config.candidates(); c++) {
                    double[] u = new double[space.size()];
                    double score = 0;
                    for (int d = 0; d < u.length; d++) {
                        u[d] = good[d].sample(rnd);
                        score += good[d].logDensity(u[d]) - bad[d].logDensity(u[d]);
                    }
                    double[] p = space.fromUnit(u);
                    List<Double> key = SearchSpace.key(p);
                    if (score > bestScore && !seen.contains(key) && !inBatch.contains(key)) { bestScore = score; chosen = p; }
                }
            }
            for (int tries = 0; chosen == null && tries < 1000; tries++) { // startup, or every candidate was a duplicate
                double[] u = new double[space.size()];
                for (int d = 0; d < u.length; d++) u[d] = rnd.nextDouble();
                double[] p = space.fromUnit(u);
                List<Double> key = SearchSpace.key(p);
                if (!seen.contains(key) && !inBatch.contains(key)) chosen = p;
            }
            if (chosen == null) throw new InputException("TPE: the search space is exhausted (" + seen.size() + " distinct points evaluated)");
            inBatch.add(SearchSpace.key(chosen));
            out[k] = chosen;
        }
        return out;
    }

    /** Records evaluated points and their values (NaN or −∞ = rejected trial, ranked last). */
    public void tell(double[][] points, double[] vals) {
        if (points.length != vals.length) throw new IllegalArgumentException(points.length + " points but " + vals.length + " values");
        for (int i = 0; i < points.length; i++) {
            units.add(space.toUnit(points[i]));
            values.add(vals[i]);
            seen.add(SearchSpace.key(points[i]));
        }
    }

    /**
     * Runs {@code trials} trials in batches of {@code batch}.
     *
     * @return every trial in order and the index of the best (first among equals)
     */
    public static Result optimize(SearchSpace space, BatchObjective objective, int trials, int batch, long seed, Config config) {
        if (trials < 1) throw new InputException("TPE: trials must be >= 1, got " + trials);
        TpeSampler tpe = new TpeSampler(space, seed, config);
        List<double[]> pts = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        while (pts.size() < trials) {
            double[][] ask = tpe.ask(Math.min(batch, trials - pts.size()));
            double[] v = objective.evaluate(ask);
            if (v.length != ask.length) throw new IllegalStateException("objective returned " + v.length + " values for " + ask.length + " points");
            tpe.tell(ask, v);
            for (int i = 0; i < ask.length; i++) { pts.add(ask[i]); vals.add(v[i]); }
        }
        int best = 0;
        for (int i = 1; i < vals.size(); i++) if (rankValue(vals.get(i)) > rankValue(vals.get(best))) best = i;
        return new Result(pts.toArray(double[][]::new), vals.stream().mapToDouble(Double::doubleValue).toArray(), best);
    }

    private static double rankValue(double v) { return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v; }

    /** One dimension's Parzen estimator over the unit interval. */
    abstract static sealed class Parzen permits Gaussians, Categorical {
        abstract double sample(SplittableRandom rnd);

        abstract double logDensity(double u);

        static Parzen of(Dimension d, double[] obs, double priorWeight) {
            return d.kind() == Dimension.Kind.CHOICE ? new Categorical(d.categories(), obs, priorWeight) : new Gaussians(obs, priorWeight);
        }
    }

    /** Truncated-Gaussian mixture with adaptive bandwidths and a N(0.5, 1) prior component. */
    static final class Gaussians extends Parzen {
        final double[] mu, sigma, cumWeight, logNorm;
        final double totalWeight;

        Gaussians(double[] obs, double priorWeight) {
            int n = obs.length;
            double[] m = Arrays.copyOf(obs, n + 1);
            m[n] = 0.5;
            double[] w = new double[n + 1];
            Arrays.fill(w, 1.0);
            w[n] = priorWeight;
            Integer[] order = new Integer[n + 1];
            for (int i = 0; i <= n; i++) order[i] = i;
            Arrays.sort(order, java.util.Comparator.<Integer>comparingDouble(i -> m[i]).thenComparingInt(i -> i));
            mu = new double[n + 1];
            sigma = new double[n + 1];
            double[] weight = new double[n + 1];
            double minSigma = 1.0 / Math.min(100.0, n + 1.0);
            for (int i = 0; i <= n; i++) {
                mu[i] = m[order[i]];
                weight[i] = w[order[i]];
            }
            for (int i = 0; i <= n; i++) {
                if (order[i] == n) { sigma[i] = 1.0; continue; } // the prior
                // the farther neighbour; the outermost points only have one (hyperopt's adaptive Parzen)
                double left = i > 0 ? mu[i] - mu[i - 1] : 0.0;
                double right = i < n ? mu[i + 1] - mu[i] : 0.0;
                sigma[i] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
            }
            cumWeight = new double[n + 1];
            logNorm = new double[n + 1];
            double acc = 0;
            for (int i = 0; i <= n; i++) {
                acc += weight[i];
                cumWeight[i] = acc;
                double mass = phi((1 - mu[i]) / sigma[i]) - phi((0 - mu[i]) / sigma[i]);
                logNorm[i] = Math.log(weight[i]) - Math.log(sigma[i] * Math.sqrt(2 * Math.PI)) - Math.log(mass);
            }
            totalWeight = acc;
        }

        @Override
        double sample(SplittableRandom rnd) {
            double pick = rnd.nextDouble() * totalWeight;
            int i = 0;
            while (i < cumWeight.length - 1 && cumWeight[i] <= pick) i++;
            for (int t = 0; t < 100; t++) {
                double x = mu[i] + sigma[i] * gaussian(rnd);
                if (x >= 0 && x <= 1) return x;
            }
            return Math.min(1, Math.max(0, mu[i]));
        }

        @Override
        double logDensity(double u) {
            double max = Double.NEGATIVE_INFINITY;
            double[] terms = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                double z = (u - mu[i]) / sigma[i];
                terms[i] = logNorm[i] - 0.5 * z * z;
                max = Math.max(max, terms[i]);
            }
            double s = 0;
            for (double t : terms) s += Math.exp(t - max);
            return max + Math.log(s) - Math.log(totalWeight);
        }

        static double phi(double z) { return 0.5 * Erf.erfc(-z / Math.sqrt(2)); }
    }

    /** Smoothed category frequencies: p_c ∝ count_c + priorWeight / k. */
    static final class Categorical extends Parzen {
        final double[] p;
        final int k;

        Categorical(int k, double[] obs, double priorWeight) {
            this.k = k;
            p = new double[k];
            Arrays.fill(p, priorWeight / k);
            for (double u : obs) p[Math.min(k - 1, (int) Math.floor(u * k))] += 1;
            double s = 0;
            for (double v : p) s += v;
            for (int i = 0; i < k; i++) p[i] /= s;
        }

        @Override
        double sample(SplittableRandom rnd) {
            double x = rnd.nextDouble(), acc = 0;
            for (int i = 0; i < k; i++) {
                acc += p[i];
                if (x < acc) return (i + 0.5) / k;
            }
            return (k - 0.5) / k;
        }

        @Override
        double logDensity(double u) { return Math.log(p[Math.min(k - 1, (int) Math.floor(u * k))]); }
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
