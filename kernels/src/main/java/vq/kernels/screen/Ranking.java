package vq.kernels.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hard constraints and Pareto ranking of screened parameter sets (DESIGN.md §8): constraints first (min
 * trades, max drawdown, min profit factor), then non-dominated sorting of the sets that pass over three
 * objectives, all maximised: Sharpe, 1 − max_drawdown, profit factor. Rank 1 is the Pareto front, rank 2
 * the front after removing it, and so on; sets failing a constraint get rank 0 (none). NaN objectives count
 * as −∞. Deterministic: ties keep input order.
 *
 * <p>Algorithm: efficient non-dominated sort with sequential search (Zhang et al. 2015, "An efficient
 * approach to non-dominated sorting for evolutionary multiobjective optimization", ENS-SS): points sorted
 * lexicographically descending can only be dominated by earlier points, so each point joins the first
 * front none of whose members dominates it. O(N·F·|front|) comparisons, O(N) memory.
 */
public final class Ranking {
    /**
     * Hard constraints; NaN disables one.
     *
     * @param minTrades        minimum number of trades
     * @param maxDrawdown      maximum max_drawdown (fraction)
     * @param minProfitFactor  minimum profit factor
     */
    public record Constraints(double minTrades, double maxDrawdown, double minProfitFactor) {
        public static final Constraints NONE = new Constraints(Double.NaN, Double.NaN, Double.NaN);

        /** Whether set {@code s} of {@code r} passes every enabled constraint (NaN metrics fail). */
        public boolean passes(ScreenResult r, int s) {
            if (!Double.isNaN(minTrades) && !(r.metric(s, Metric.TRADES) >= minTrades)) return false;
            if (!Double.isNaN(maxDrawdown) && !(r.metric(s, Metric.MAX_DRAWDOWN) <= maxDrawdown)) return false;
            return Double.isNaN(minProfitFactor) || r.metric(s, Metric.PROFIT_FACTOR) >= minProfitFactor;
        }

        @Override public String toString() {
            List<String> parts = new ArrayList<>();
            if (!Double.isNaN(minTrades)) parts.add("trades >= " + (long) minTrades);
            if (!Double.isNaN(maxDrawdown)) parts.add("max_drawdown <= " + maxDrawdown);
            if (!Double.isNaN(minProfitFactor)) parts.add("profit_factor >= " + minProfitFactor);
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
    }

    private Ranking() {}

    /** Objectives of set {@code s}: Sharpe, 1 − max_drawdown, profit factor (NaN → −∞). */
    public static double[] objectives(ScreenResult r, int s) {
        return new double[] {clean(r.metric(s, Metric.SHARPE)), clean(1.0 - r.metric(s, Metric.MAX_DRAWDOWN)),
                clean(r.metric(s, Metric.PROFIT_FACTOR))};
    }

    private static double clean(double v) { return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v; }

    /** Pareto ranks of one symbol's sets: 1 = front, 0 = failed a constraint. */
    public static int[] paretoRanks(ScreenResult r, Constraints c) {
        int n = r.sets();
        double[][] obj = new double[n][];
        boolean[] ok = new boolean[n];
        for (int s = 0; s < n; s++) {
            ok[s] = c.passes(r, s);
            obj[s] = objectives(r, s);
        }
        return paretoRanks(obj, ok);
    }

    /**
     * Non-dominated sorting.
     *
     * @param objectives {@code [set][objective]}, maximised
     * @param eligible   sets to rank (others get 0)
     * @return rank per set (1-based front number, 0 when not eligible)
     */
    public static int[] paretoRanks(double[][] objectives, boolean[] eligible) {
        int n = objectives.length;
        Integer[] order = new Integer[n];
        int m = 0;
        for (int s = 0; s < n; s++) if (eligible[s]) order[m++] = s;
        Integer[] idx = Arrays.copyOf(order, m);
        Comparator<Integer> lexDesc = (a, b) -> {
            double[] x = objectives[a], y = objectives[b];
            for (int k = 0; k < x.length; k++) {
                int c = Double.compare(y[k], x[k]);
                if (c != 0) return c;
            }
            return Integer.compare(a, b);
        };
        Arrays.sort(idx, lexDesc);
        int[] rank = new int[n];
        List<List<Integer>> fronts = new ArrayList<>();
        for (int p : idx) {
            int f = 0;
            for (; f < fronts.size(); f++) {
                boolean dominated = false;
                List<Integer> front = fronts.get(f);
                for (int k = front.size() - 1; k >= 0 && !dominated; k--) dominated = dominates(objectives[front.get(k)], objectives[p]);
                if (!dominated) break;
            }
            if (f == fronts.size()) fronts.add(new ArrayList<>());
            fronts.get(f).add(p);
            rank[p] = f + 1;
        }
        return rank;
    }

    /** Whether {@code a} dominates {@code b} (≥ in every objective, &gt; in one; maximisation). */
    public static boolean dominates(double[] a, double[] b) {
        boolean strict = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] < b[k]) return false;
            if (a[k] > b[k]) strict = true;
        }
        return strict;
    }

    /**
     * Leaderboard order: eligible sets by Pareto rank ascending, then Sharpe descending (NaN last), then set
     * index; sets failing a constraint after all eligible ones in the same order.
     */
    public static int[] leaderboard(ScreenResult r, int[] ranks) {
        Integer[] idx = new Integer[r.sets()];
        for (int s = 0; s < idx.length; s++) idx[s] = s;
        Arrays.sort(idx, (a, b) -> {
            int ra = ranks[a] == 0 ? Integer.MAX_VALUE : ranks[a], rb = ranks[b] == 0 ? Integer.MAX_VALUE : ranks[b];
            if (ra != rb) return Integer.compare(ra, rb);
            int c = Double.compare(clean(r.metric(b, Metric.SHARPE)), clean(r.metric(a, Metric.SHARPE)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
