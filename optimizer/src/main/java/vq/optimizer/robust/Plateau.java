package vq.optimizer.robust;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vq.columnar.InputException;

/**
 * Robust choice on a metric surface over parameter space: prefer a stable region (a plateau whose
 * neighbours also perform) over an isolated peak (seed 000 §3.4 "cluster stability", Phase 3 "best of
 * cluster"; DESIGN.md §8 "Robust choice").
 *
 * <p>Input: one metric value per parameter set (e.g. annualized Sharpe; NaN = undefined, treated as the
 * worst finite value) and each set's neighbours: {@link #gridNeighbours} for a grid (sets one step apart in
 * one parameter) or {@link #nearestNeighbours} (k nearest in the unit cube) for random or TPE samples.
 * <ul>
 *   <li>smoothed[i] = mean of the metric over i and its neighbours (the plateau height);</li>
 *   <li>spread[i] = population standard deviation over the same neighbourhood (plateau roughness);</li>
 *   <li>clusters: the sets at or above the {@code topQuantile} quantile of the metric, grouped into connected
 *       components of the (symmetrized) neighbour graph;</li>
 *   <li>the <b>robust pick</b>: among clusters with at least {@code minClusterSize} members (else all
 *       clusters), the one with the highest mean metric; within it, the member with the highest smoothed
 *       metric — the centre of the plateau rather than its highest spike.</li>
 * </ul>
 */
public final class Plateau {

    /** A cluster of good sets: members (set indices), mean metric. */
    public record Cluster(int[] members, double meanMetric) {
        public int size() { return members.length; }
    }

    /**
     * @param smoothed per set, neighbourhood mean
     * @param spread per set, neighbourhood standard deviation
     * @param clusters clusters of top sets, best (highest mean) first
     * @param peak the set with the highest metric
     * @param robustPick the best-of-cluster choice
     */
    public record Result(double[] smoothed, double[] spread, List<Cluster> clusters, int peak, int robustPick) {}

    private Plateau() {}

    /**
     * Grid neighbours: sets whose grid coordinates differ by exactly one step in exactly one dimension.
     *
     * @param gridIndex {@code [set][dimension]} integer position of each set along each grid axis
     */
    public static int[][] gridNeighbours(int[][] gridIndex) {
        int n = gridIndex.length;
        java.util.Map<List<Integer>, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            if (at.put(Arrays.stream(gridIndex[i]).boxed().toList(), i) != null) throw new InputException("grid position " + Arrays.toString(gridIndex[i]) + " appears twice");
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> nb = new ArrayList<>();
            for (int d = 0; d < gridIndex[i].length; d++) {
                for (int step = -1; step <= 1; step += 2) {
                    int[] q = gridIndex[i].clone();
                    q[d] += step;
                    Integer j = at.get(Arrays.stream(q).boxed().toList());
                    if (j != null) nb.add(j);
                }
            }
            out[i] = nb.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /**
     * The {@code k} nearest neighbours of every set by Euclidean distance in unit coordinates (ties by
     * index). Brute force, O(n² · dims): 10,000 sets take well under a second.
     *
     * @param unit {@code [set][dimension]} coordinates scaled to [0, 1] per dimension (see SearchSpace.toUnit)
     */
    public static int[][] nearestNeighbours(double[][] unit, int k) {
        int n = unit.length;
        if (k < 1 || k >= n) throw new InputException("nearest neighbours: k must be in 1.." + (n - 1) + ", got " + k);
        int[][] out = new int[n][k];
        double[] bestD = new double[k];
        int[] bestI = new int[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(bestD, Double.POSITIVE_INFINITY);
            Arrays.fill(bestI, -1);
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double d = 0;
                for (int c = 0; c < unit[i].length; c++) { double t = unit[i][c] - unit[j][c]; d += t * t; }
                if (d < bestD[k - 1]) { // insertion into the sorted top-k (strict: earlier index wins ties)
                    int p = k - 1;
                    while (p > 0 && bestD[p - 1] > d) { bestD[p] = bestD[p - 1]; bestI[p] = bestI[p - 1]; p--; }
                    bestD[p] = d;
                    bestI[p] = j;
                }
            }
            out[i] = bestI.clone();
        }
        return out;
    }

    /**
     * Analyzes the surface.
     *
     * @param metric per set, higher is better
     * @param neighbours per set, neighbour indices
     * @param topQuantile e.g. 0.9: sets at or above the 90th percentile form the clusters
     * @param minClusterSize clusters smaller than this are only used when no cluster is large enough
     */
    public static Result analyze(double[] metric, int[][] neighbours, double topQuantile, int minClusterSize) {
        int n = metric.length;
        if (neighbours.length != n) throw new InputException("neighbours for " + neighbours.length + " sets, metric for " + n);
        if (!(topQuantile >= 0 && topQuantile < 1)) throw new InputException("top quantile must be in [0, 1), got " + topQuantile);
        double worst = Double.POSITIVE_INFINITY;
        for (double v : metric) if (Double.isFinite(v)) worst = Math.min(worst, v);
        if (worst == Double.POSITIVE_INFINITY) throw new InputException("the metric is undefined for every parameter set");
        double[] m = new double[n];
        for (int i = 0; i < n; i++) m[i] = Double.isFinite(metric[i]) ? metric[i] : worst;

        double[] smoothed = new double[n], spread = new double[n];
        int peak = 0;
        for (int i = 0; i < n; i++) {
            double s = m[i], ss = m[i] * m[i];
            for (int j : neighbours[i]) { s += m[j]; ss += m[j] * m[j]; }
            int c = neighbours[i].length + 1;
            smoothed[i] = s / c;
            spread[i] = Math.sqrt(Math.max(0, ss / c - smoothed[i] * smoothed[i]));
            if (m[i] > m[peak]) peak = i;
        }
        double[] sorted = m.clone();
        Arrays.sort(sorted);
        double cut = sorted[(int) Math.floor(topQuantile * (n - 1))];

        // symmetric adjacency restricted to top sets, connected components by BFS in index order
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) adj.add(new ArrayList<>());
        for (int i = 0; i < n; i++) for (int j : neighbours[i]) { adj.get(i).add(j); adj.get(j).add(i); }
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (m[i] < cut || comp[i] >= 0) continue;
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(i);
            comp[i] = clusters.size();
            while (!q.isEmpty()) {
                int u = q.poll();
                members.add(u);
                for (int v : adj.get(u)) if (comp[v] < 0 && m[v] >= cut) { comp[v] = clusters.size(); q.add(v); }
            }
            int[] mem = members.stream().mapToInt(Integer::intValue).sorted().toArray();
            double mean = 0;
            for (int u : mem) mean += m[u] / mem.length;
            clusters.add(new Cluster(mem, mean));
        }
        clusters.sort((a, b) -> Double.compare(b.meanMetric(), a.meanMetric()));
        Cluster chosen = clusters.stream().filter(c -> c.size() >= minClusterSize).findFirst().orElse(clusters.get(0));
        int pick = chosen.members()[0];
        for (int u : chosen.members()) if (smoothed[u] > smoothed[pick]) pick = u;
        return new Result(smoothed, spread, List.copyOf(clusters), peak, pick);
    }
}
