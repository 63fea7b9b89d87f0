package vq.optimizer.score;

import java.util.Arrays;
import java.util.TreeMap;
import vq.columnar.InputException;

/**
 * Parameter importance of a finished sweep: the first-order (main-effect) share of the metric's variance
 * explained by each parameter, η²_d = Σ_g n_g (ȳ_g − ȳ)² / Σ_i (y_i − ȳ)² (the correlation ratio).
 *
 * <p>For a full grid, or independent random sampling, η²_d estimates the first-order term of the functional
 * ANOVA decomposition that fANOVA (Hutter, Hoos, Leyton-Brown 2014, "An Efficient Approach for Assessing
 * Hyperparameter Importance", ICML) computes from a random-forest surrogate; here it is computed directly
 * from the evaluations, without a surrogate. Groups g are the distinct values of parameter d, or
 * {@code bins} equal-count bins when it has more distinct values. Shares of a full grid sum to at most 1; the
 * rest is interactions (and noise). Undefined (NaN) metric values are skipped.
 */
public final class ParameterImportance {
    private ParameterImportance() {}

    /**
     * @param params {@code [set][dimension]} parameter values
     * @param metric {@code [set]} metric values
     * @param bins groups for a parameter with many distinct values (≥ 2)
     * @return {@code [dimension]} η² ∈ [0, 1] (0 when the metric has no variance)
     */
    public static double[] firstOrder(double[][] params, double[] metric, int bins) {
        if (params.length != metric.length) throw new InputException("importance: " + params.length + " parameter rows but " + metric.length + " metric values");
        if (bins < 2) throw new InputException("importance: bins must be >= 2, got " + bins);
        int n = 0;
        for (double v : metric) if (Double.isFinite(v)) n++;
        if (n < 2) throw new InputException("importance: needs at least 2 sets with a defined metric, got " + n);
        int[] idx = new int[n];
        for (int i = 0, c = 0; i < metric.length; i++) if (Double.isFinite(metric[i])) idx[c++] = i;
        double mean = 0;
        for (int i : idx) mean += metric[i] / n;
        double total = 0;
        for (int i : idx) total += (metric[i] - mean) * (metric[i] - mean);
        int dims = params[0].length;
        double[] out = new double[dims];
        if (total == 0) return out;
        for (int d = 0; d < dims; d++) {
            final int dd = d;
            TreeMap<Double, Integer> distinct = new TreeMap<>();
            for (int i : idx) distinct.merge(params[i][d], 1, Integer::sum);
            int[] group = new int[n];
            if (distinct.size() <= bins) {
                java.util.Map<Double, Integer> g = new java.util.HashMap<>();
                for (Double v : distinct.keySet()) g.put(v, g.size());
                for (int k = 0; k < n; k++) group[k] = g.get(params[idx[k]][d]);
            } else {
                Integer[] order = new Integer[n];
                for (int k = 0; k < n; k++) order[k] = k;
                Arrays.sort(order, (a, b) -> Double.compare(params[idx[a]][dd], params[idx[b]][dd]));
                // equal-count bins; equal values stay in one bin
                int bin = 0;
                for (int r = 0; r < n; r++) {
                    int target = (int) ((long) r * bins / n);
                    if (target > bin && params[idx[order[r]]][d] != params[idx[order[r - 1]]][d]) bin = target;
                    group[order[r]] = bin;
                }
            }
            int groups = Arrays.stream(group).max().orElse(0) + 1;
            double[] sum = new double[groups];
            int[] cnt = new int[groups];
            for (int k = 0; k < n; k++) { sum[group[k]] += metric[idx[k]]; cnt[group[k]]++; }
            double between = 0;
            for (int g = 0; g < groups; g++) if (cnt[g] > 0) { double m = sum[g] / cnt[g]; between += cnt[g] * (m - mean) * (m - mean); }
            out[d] = Math.min(1, between / total);
        }
        return out;
    }
}
