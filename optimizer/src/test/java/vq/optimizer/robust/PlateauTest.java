package vq.optimizer.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.stats.SyntheticMarkets;

class PlateauTest {

    /** 10 × 10 grid: a broad plateau of height 2 around (6, 6) and a single spike of 3 at (1, 1). */
    @Test
    void prefersThePlateauCentreOverAnIsolatedSpike() {
        int side = 10;
        int[][] grid = new int[side * side][];
        double[] metric = new double[side * side];
        for (int a = 0; a < side; a++) for (int b = 0; b < side; b++) {
            int i = a * side + b;
            grid[i] = new int[] {a, b};
            double d = Math.hypot(a - 6, b - 6);
            metric[i] = d <= 2.5 ? 2.0 - 0.05 * d : 0.1;
        }
        metric[1 * side + 1] = 3.0;
        Plateau.Result r = Plateau.analyze(metric, Plateau.gridNeighbours(grid), 0.8, 3);
        assertEquals(11, r.peak());
        assertEquals(6 * side + 6, r.robustPick());
        assertTrue(r.clusters().get(0).meanMetric() > 2.9, "the spike alone is the highest-mean cluster");
        assertEquals(1, r.clusters().get(0).size());
        assertEquals((3.0 + 4 * 0.1) / 5, r.smoothed()[11], 1e-12);
    }

    @Test
    void gridAndNearestNeighboursAgreeOnALine() {
        int[][] grid = {{0}, {1}, {2}, {3}};
        int[][] g = Plateau.gridNeighbours(grid);
        assertArrayEquals(new int[] {1}, g[0]);
        assertArrayEquals(new int[] {0, 2}, g[1]);
        int[][] k = Plateau.nearestNeighbours(new double[][] {{0}, {1 / 3.0}, {2 / 3.0}, {1}}, 2);
        assertArrayEquals(new int[] {1, 2}, k[0]);
        assertEquals(2, k[1].length);
        assertTrue(Arrays.stream(k[1]).allMatch(j -> j == 0 || j == 2));
    }

    /**
     * Planted region: lag strategies of width w hold the average sign of lags L..L+w−1; only windows covering
     * lag 20 have the edge. The robust pick must be a set whose window covers lag 20.
     */
    @Test
    void robustPickLandsInThePlantedRegion() {
        int maxLag = 30, maxWidth = 6;
        double[] m = SyntheticMarkets.market(771, 0.03, 20, 0.25, 41);
        SegmentReturns r = SyntheticMarkets.dailySegments(SyntheticMarkets.lagStrategies(m, maxLag, maxWidth, 4), maxLag + maxWidth);
        int sets = maxLag * maxWidth;
        double[] sharpe = new double[sets];
        int[][] grid = new int[sets][];
        for (int l = 1; l <= maxLag; l++) for (int w = 1; w <= maxWidth; w++) {
            int s = (l - 1) * maxWidth + (w - 1);
            grid[s] = new int[] {l, w};
            sharpe[s] = r.moments(s, 0, r.segments()).annualSharpe();
        }
        Plateau.Result res = Plateau.analyze(sharpe, Plateau.gridNeighbours(grid), 0.9, 3);
        int[] pick = grid[res.robustPick()];
        assertTrue(pick[0] <= 20 && 20 <= pick[0] + pick[1] - 1, "robust pick " + Arrays.toString(pick) + " must cover lag 20");
    }
}
