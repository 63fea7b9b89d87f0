package vq.optimizer.stats;

import java.util.Arrays;
import org.hipparchus.stat.regression.SimpleRegression;
import vq.columnar.InputException;

/**
 * Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation (CSCV).
 *
 * <p>Bailey, Borwein, López de Prado, Zhu (2015), "The Probability of Backtest Overfitting", Journal of
 * Computational Finance 20(4), section 2 (the CSCV procedure):
 * <ol>
 *   <li>the T × N performance matrix (time × parameter sets) is cut into S contiguous, equal
 *       submatrices (S even); here the submatrices are {@code S} contiguous groups of segments of
 *       {@link SegmentReturns} with near-equal segment counts (the first {@code segments mod S} groups
 *       hold one segment more);</li>
 *   <li>for each of the C(S, S/2) combinations c of S/2 groups: the in-sample set J is their union, the
 *       out-of-sample set J̄ its complement; compute the performance of every set on J and on J̄;</li>
 *   <li>n* = the set with the best in-sample performance; ω̄_c = its relative rank out of sample,
 *       {@code rank / (N + 1)} with rank 1 = worst, N = best (ties share the average rank);</li>
 *   <li>λ_c = ln(ω̄_c / (1 − ω̄_c)) (the logit);</li>
 *   <li>PBO = Σ_c 1[λ_c ≤ 0] / C(S, S/2), the paper's φ = ∫_{−∞}^{0} f(λ) dλ.</li>
 * </ol>
 * Performance is the Sharpe ratio per observation of the pooled returns (the paper's choice), or the mean
 * return. A set whose performance is undefined (zero variance: it never traded) counts as 0.
 *
 * <p>Cost: C(S, S/2) × (S/2 + 2) × N additions; S = 16 and N = 10,000 is ~1.3 billion, about a second.
 */
public final class Cscv {

    /** Performance measure on a union of segments. */
    public enum Metric {
        /** Sharpe per observation of the pooled returns (mean / sample std). */
        SHARPE,
        /** Mean return per observation. */
        MEAN_RETURN
    }

    /**
     * Result of CSCV.
     *
     * @param pbo probability of backtest overfitting φ ∈ [0, 1]
     * @param logits λ_c for every combination, in combination order (lexicographic over group indices)
     * @param isPerformance in-sample performance of the selected n* per combination
     * @param oosPerformance out-of-sample performance of n* per combination
     * @param selected n* per combination
     * @param probabilityOfLoss share of combinations whose n* has out-of-sample performance &lt; 0
     * @param degradationSlope least-squares slope of OOS on IS performance of n* (the paper's
     *        "performance degradation"; negative = the better it looked, the worse it did); NaN if IS is constant
     */
    public record Result(double pbo, double[] logits, double[] isPerformance, double[] oosPerformance, int[] selected,
                         double probabilityOfLoss, double degradationSlope) {
        /** Number of combinations C(S, S/2). */
        public int combinations() { return logits.length; }
    }

    private Cscv() {}

    /**
     * Runs CSCV over all segments of {@code returns}.
     *
     * @param returns accumulators [segment][set]; needs at least {@code groups} segments and 2 sets
     * @param groups S, even, 2..24 (C(24,12) = 2.7 million combinations is the ceiling)
     * @throws InputException for an odd or out-of-range S, too few segments or sets
     */
    public static Result run(SegmentReturns returns, int groups, Metric metric) {
        if (groups < 2 || groups % 2 != 0 || groups > 24) throw new InputException("CSCV: S (groups) must be even and in 2..24, got " + groups);
        int segs = returns.segments();
        if (segs < groups) throw new InputException("CSCV: " + segs + " segments cannot be cut into S = " + groups + " groups");
        int[] edges = new int[groups + 1];
        int base = segs / groups, extra = segs % groups;
        for (int k = 0; k < groups; k++) edges[k + 1] = edges[k] + base + (k < extra ? 1 : 0);
        return run(returns, edges, metric);
    }

    /**
     * Runs CSCV with explicit group boundaries: group k is segments {@code [groupEdges[k], groupEdges[k+1])}
     * (for accumulators whose segments are not equally long, e.g. the screen's tiling; see
     * {@code vq.optimizer.validation.AnalysisPlan}).
     *
     * @param groupEdges S + 1 strictly increasing segment indices from 0 to {@code returns.segments()}
     */
    public static Result run(SegmentReturns returns, int[] groupEdges, Metric metric) {
        int groups = groupEdges.length - 1;
        if (groups < 2 || groups % 2 != 0 || groups > 24) throw new InputException("CSCV: S (groups) must be even and in 2..24, got " + groups);
        int sets = returns.sets();
        if (sets < 2) throw new InputException("CSCV: needs at least 2 parameter sets, got " + sets);
        if (groupEdges[0] != 0 || groupEdges[groups] != returns.segments()) throw new InputException("CSCV: groups must cover segments 0.." + returns.segments());

        // group sums [group][stat][set]
        double[][][] g = new double[groups][3][sets];
        for (int k = 0; k < groups; k++) {
            if (groupEdges[k + 1] <= groupEdges[k]) throw new InputException("CSCV: group " + k + " is empty");
            returns.sumRange(groupEdges[k], groupEdges[k + 1], g[k]);
        }
        double[][] total = new double[3][sets];
        for (int k = 0; k < groups; k++) for (int j = 0; j < 3; j++) for (int p = 0; p < sets; p++) total[j][p] += g[k][j][p];

        int half = groups / 2;
        int combos = (int) binomial(groups, half);
        double[] logits = new double[combos], isPerf = new double[combos], oosPerf = new double[combos];
        int[] chosen = new int[combos];
        double[][] is = new double[3][sets];
        double[] oosP = new double[sets];
        int[] comb = new int[half];
        for (int i = 0; i < half; i++) comb[i] = i;
        int overfit = 0, losses = 0;
        for (int c = 0; c < combos; c++) {
            for (int j = 0; j < 3; j++) Arrays.fill(is[j], 0);
            for (int k : comb) for (int j = 0; j < 3; j++) {
                double[] src = g[k][j], dst = is[j];
                for (int p = 0; p < sets; p++) dst[p] += src[p];
            }
            int best = -1;
            double bestPerf = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < sets; p++) {
                double perf = perf(metric, is[0][p], is[1][p], is[2][p]);
                if (perf > bestPerf) { bestPerf = perf; best = p; }
                oosP[p] = perf(metric, total[0][p] - is[0][p], total[1][p] - is[1][p], total[2][p] - is[2][p]);
            }
            double target = oosP[best];
            int below = 0, equal = 0;
            for (int p = 0; p < sets; p++) {
                if (oosP[p] < target) below++;
                else if (oosP[p] == target) equal++;
            }
            double rank = below + (equal + 1) / 2.0; // average rank among ties, 1-based
            double omega = rank / (sets + 1);
            double lambda = Math.log(omega / (1 - omega));
            logits[c] = lambda; isPerf[c] = bestPerf; oosPerf[c] = target; chosen[c] = best;
            if (lambda <= 0) overfit++;
            if (target < 0) losses++;
            nextCombination(comb, groups);
        }
        return new Result((double) overfit / combos, logits, isPerf, oosPerf, chosen, (double) losses / combos, slope(isPerf, oosPerf));
    }

    static double perf(Metric metric, double n, double s1, double s2) {
        double v = metric == Metric.SHARPE ? Moments.sharpe(n, s1, s2) : (n > 0 ? s1 / n : Double.NaN);
        return Double.isFinite(v) ? v : 0.0;
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    /** Advances {@code comb} (sorted indices) to the next k-combination of {0..n−1} in lexicographic order. */
    static void nextCombination(int[] comb, int n) {
        int k = comb.length, i = k - 1;
        while (i >= 0 && comb[i] == n - k + i) i--;
        if (i < 0) return;
        comb[i]++;
        for (int j = i + 1; j < k; j++) comb[j] = comb[j - 1] + 1;
    }

    static double slope(double[] x, double[] y) {
        SimpleRegression r = new SimpleRegression();
        for (int i = 0; i < x.length; i++) r.addData(x[i], y[i]);
        return r.getSlope();
    }
}
