package vq.optimizer.score;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.columnar.InputException;

/**
 * One number for users who want one: a weighted sum of min–max normalized metrics with hard constraints
 * (seed 003 "Multi-Objective Function": score = 0.30·sharpe + 0.25·profit + 0.25·calmar − 0.20·drawdown,
 * every metric normalized to [0, 1] across the trials).
 *
 * <p>norm_k(x) = (x − min_k) / (max_k − min_k) over the finite values of metric k among the accepted sets
 * (+∞, e.g. a profit factor without losing trades, maps to 1; −∞ and NaN to 0); a constant metric
 * normalizes to 0.5. score = Σ_k w_k · norm_k. A negative weight is a penalty (use it for max_drawdown).
 * Sets violating a {@link Constraint} score NaN (rejected).
 */
public record WeightedScore(Map<String, Double> weights, List<Constraint> constraints) {

    public WeightedScore {
        if (weights == null || weights.isEmpty()) throw new InputException("weighted score: no weights");
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        constraints = List.copyOf(constraints);
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!Double.isFinite(e.getValue())) throw new InputException("weighted score: weight of '" + e.getKey() + "' is " + e.getValue());
        }
    }

    /** Seed 003's default weights over vq's metric names. */
    public static WeightedScore seedDefaults(List<Constraint> constraints) {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("sharpe", 0.30);
        w.put("total_return", 0.25);
        w.put("calmar", 0.25);
        w.put("max_drawdown", -0.20);
        return new WeightedScore(w, constraints);
    }

    /**
     * Parses {@code "sharpe=0.3,total_return=0.25,max_drawdown=-0.2"}.
     */
    public static WeightedScore parse(String weights, List<Constraint> constraints) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (String part : weights.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) throw new InputException("weights '" + weights + "': expected metric=weight pairs separated by commas, got '" + part + "'");
            try {
                w.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new InputException("weights: '" + kv[1].trim() + "' for '" + kv[0].trim() + "' is not a number");
            }
        }
        return new WeightedScore(w, constraints);
    }

    /**
     * Scores every set.
     *
     * @param metrics metric name → {@code [sets]} values; must contain every weighted and constrained metric
     * @return {@code [sets]} scores, NaN for rejected sets
     */
    public double[] score(Map<String, double[]> metrics, int sets) {
        boolean[] ok = Constraint.accepted(constraints, metrics, sets);
        double[] out = new double[sets];
        for (int i = 0; i < sets; i++) out[i] = ok[i] ? 0 : Double.NaN;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double[] v = metrics.get(e.getKey());
            if (v == null) throw new InputException("weighted score: unknown metric '" + e.getKey() + "' (known: " + new java.util.TreeSet<>(metrics.keySet()) + ")");
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < sets; i++) if (ok[i] && Double.isFinite(v[i])) { lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]); }
            for (int i = 0; i < sets; i++) {
                if (!ok[i]) continue;
                double x = v[i], n;
                if (x == Double.POSITIVE_INFINITY) n = 1;
                else if (!Double.isFinite(x)) n = 0;
                else n = hi > lo ? (x - lo) / (hi - lo) : 0.5;
                out[i] += e.getValue() * n;
            }
        }
        return out;
    }
}
