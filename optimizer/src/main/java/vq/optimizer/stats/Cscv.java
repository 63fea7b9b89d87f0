package vq.optimizer.stats;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * <p>Cost: C(S, S/2) × (3·S/2 + ~20) × N floating-point operations, in SIMD lanes across parameter sets
 * (jdk.incubator.vector); see bench/ OptimizerBench.pboS16 for S = 16, N = 10,000.
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
        int[][] combList = new int[combos][];
        int[] comb = new int[half];
        for (int i = 0; i < half; i++) comb[i] = i;
        for (int c = 0; c < combos; c++) { combList[c] = comb.clone(); nextCombination(comb, groups); }
        // J and its complement swap in- and out-of-sample: evaluate each pair once, from the member holding group 0
        java.util.Map<Integer, Integer> indexOfMask = new java.util.HashMap<>();
        for (int c = 0; c < combos; c++) indexOfMask.put(mask(combList[c]), c);
        int full = (1 << groups) - 1;
        int[] pairs = java.util.stream.IntStream.range(0, combos).filter(c -> combList[c][0] == 0).toArray();
        int[] complement = new int[combos];
        for (int c : pairs) complement[c] = indexOfMask.get(full & ~mask(combList[c]));

        // Cache blocking: parameter sets in chunks whose group sums stay in L2; pass 1 finds each
        // combination's in-sample winner and its out-of-sample performance, pass 2 ranks it (recomputing
        // the out-of-sample performances of the chunk rather than storing combinations × sets of them).
        double[] bestPerf = new double[combos], target = new double[combos];
        int[] best = new int[combos];
        Arrays.fill(bestPerf, Double.NEGATIVE_INFINITY);
        Arrays.fill(best, -1);
        long[] below = new long[combos], equal = new long[combos];
        int chunk = CHUNK;
        double[][] is = new double[3][chunk], tot = new double[3][chunk];
        double[][][] gc = new double[groups][3][chunk];
        double[] isP = new double[chunk], oosP = new double[chunk];
        for (int pass = 0; pass < 2; pass++) {
            for (int from = 0; from < sets; from += chunk) {
                int len = Math.min(chunk, sets - from);
                for (int k = 0; k < groups; k++) for (int j = 0; j < 3; j++) System.arraycopy(g[k][j], from, gc[k][j], 0, len);
                for (int j = 0; j < 3; j++) System.arraycopy(total[j], from, tot[j], 0, len);
                for (int c : pairs) {
                    int[] cb = combList[c];
                    int cc = complement[c];
                    for (int j = 0; j < 3; j++) System.arraycopy(gc[cb[0]][j], 0, is[j], 0, len);
                    for (int ci = 1; ci < half; ci++) for (int j = 0; j < 3; j++) addInto(is[j], gc[cb[ci]][j], len);
                    performances(metric, is, tot, isP, oosP, len);
                    if (pass == 0) {
                        for (int q = 0; q < len; q++) {
                            if (isP[q] > bestPerf[c]) { bestPerf[c] = isP[q]; best[c] = from + q; target[c] = oosP[q]; }
                            if (oosP[q] > bestPerf[cc]) { bestPerf[cc] = oosP[q]; best[cc] = from + q; target[cc] = isP[q]; }
                        }
                    } else {
                        long counts = countBelowEqual(oosP, target[c], len);
                        below[c] += counts >>> 32;
                        equal[c] += counts & 0xffffffffL;
                        counts = countBelowEqual(isP, target[cc], len);
                        below[cc] += counts >>> 32;
                        equal[cc] += counts & 0xffffffffL;
                    }
                }
            }
        }
        double[] logits = new double[combos];
        int overfit = 0, losses = 0;
        for (int c = 0; c < combos; c++) {
            if (best[c] < 0) { best[c] = 0; bestPerf[c] = Double.NEGATIVE_INFINITY; } // unreachable: performances are finite
            double rank = below[c] + (equal[c] + 1) / 2.0; // average rank among ties, 1-based
            double omega = rank / (sets + 1);
            double lambda = Math.log(omega / (1 - omega));
            logits[c] = lambda;
            if (lambda <= 0) overfit++;
            if (target[c] < 0) losses++;
        }
        double[] isPerf = bestPerf, oosPerf = target;
        int[] chosen = best;
        return new Result((double) overfit / combos, logits, isPerf, oosPerf, chosen, (double) losses / combos, slope(isPerf, oosPerf));
    }

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Parameter sets per cache block: 16 groups × 3 sums × 1,024 doubles = 384 KiB, within a 1 MiB L2. */
    static final int CHUNK = 1024;

    // The SIMD loops live in small methods called once per combination, so they are JIT-compiled as
    // whole methods (an OSR-compiled vector loop boxes its vectors; see docs/JAVA-STACK.md).

    static void addInto(double[] dst, double[] src, int sets) {
        int upper = SPECIES.loopBound(sets), p = 0;
        for (; p < upper; p += SPECIES.length()) DoubleVector.fromArray(SPECIES, dst, p).add(DoubleVector.fromArray(SPECIES, src, p)).intoArray(dst, p);
        for (; p < sets; p++) dst[p] += src[p];
    }

    static void performances(Metric metric, double[][] is, double[][] total, double[] isP, double[] oosP, int sets) {
        int upper = SPECIES.loopBound(sets), p = 0;
        for (; p < upper; p += SPECIES.length()) {
            DoubleVector n = DoubleVector.fromArray(SPECIES, is[0], p), a = DoubleVector.fromArray(SPECIES, is[1], p), b = DoubleVector.fromArray(SPECIES, is[2], p);
            perfVector(metric, n, a, b).intoArray(isP, p);
            DoubleVector tn = DoubleVector.fromArray(SPECIES, total[0], p), ta = DoubleVector.fromArray(SPECIES, total[1], p), tb = DoubleVector.fromArray(SPECIES, total[2], p);
            perfVector(metric, tn.sub(n), ta.sub(a), tb.sub(b)).intoArray(oosP, p);
        }
        for (; p < sets; p++) {
            isP[p] = perf(metric, is[0][p], is[1][p], is[2][p]);
            oosP[p] = perf(metric, total[0][p] - is[0][p], total[1][p] - is[1][p], total[2][p] - is[2][p]);
        }
    }

    /** (count of values &lt; target) &lt;&lt; 32 | (count == target). */
    static long countBelowEqual(double[] v, double target, int sets) {
        int upper = SPECIES.loopBound(sets), q = 0;
        long below = 0, equal = 0;
        DoubleVector tv = DoubleVector.broadcast(SPECIES, target);
        for (; q < upper; q += SPECIES.length()) {
            DoubleVector o = DoubleVector.fromArray(SPECIES, v, q);
            below += o.compare(VectorOperators.LT, tv).trueCount();
            equal += o.compare(VectorOperators.EQ, tv).trueCount();
        }
        for (; q < sets; q++) {
            if (v[q] < target) below++;
            else if (v[q] == target) equal++;
        }
        return below << 32 | equal;
    }
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);

    /** {@link #perf} on a vector of sets, with the same operations in the same order (bit-identical results). */
    static DoubleVector perfVector(Metric metric, DoubleVector n, DoubleVector s1, DoubleVector s2) {
        DoubleVector m = s1.div(n);
        if (metric == Metric.MEAN_RETURN) {
            return m.blend(ZERO, n.compare(VectorOperators.GT, 0).not());
        }
        DoubleVector e2 = s2.div(n);
        DoubleVector m2 = e2.sub(m.mul(m));
        VectorMask<Double> ok = n.compare(VectorOperators.GE, 2).and(m2.compare(VectorOperators.GT, e2.mul(Moments.ZERO_VARIANCE)));
        DoubleVector sh = m.div(m2.mul(n).div(n.sub(1)).sqrt());
        return sh.blend(ZERO, ok.not());
    }

    static double perf(Metric metric, double n, double s1, double s2) {
        double v = metric == Metric.SHARPE ? Moments.sharpe(n, s1, s2) : (n > 0 ? s1 / n : Double.NaN);
        return Double.isFinite(v) ? v : 0.0;
    }

    static int mask(int[] comb) {
        int m = 0;
        for (int k : comb) m |= 1 << k;
        return m;
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
