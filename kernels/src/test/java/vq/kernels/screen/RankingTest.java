package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void handWorkedFronts() {
        // (sharpe, 1-dd, pf): A=(2,.8,1.5) B=(1,.9,1.2) C=(1,.7,1.1) dominated by A and B; D=(3,.5,1.0); E fails constraints
        double[][] o = {{2, .8, 1.5}, {1, .9, 1.2}, {1, .7, 1.1}, {3, .5, 1.0}, {9, .99, 9}, {0.5, .6, 1.0}};
        boolean[] ok = {true, true, true, true, false, true};
        // F=(0.5,.6,1.0) is dominated by C (1,.7,1.1) -> front 3
        assertArrayEquals(new int[] {1, 1, 2, 1, 0, 3}, Ranking.paretoRanks(o, ok));
    }

    @Test
    void equalPointsShareAFrontAndNaNIsWorst() {
        double[][] o = {{1, 1, 1}, {1, 1, 1}, {Double.NEGATIVE_INFINITY, 1, 1}};
        assertArrayEquals(new int[] {1, 1, 2}, Ranking.paretoRanks(o, new boolean[] {true, true, true}));
    }

    @Test
    void matchesNaiveDefinitionOnRandomPoints() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(200);
            double[][] o = new double[n][3];
            boolean[] ok = new boolean[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) o[i][k] = rnd.nextInt(6); // many ties
                ok[i] = rnd.nextInt(5) != 0;
            }
            int[] fast = Ranking.paretoRanks(o, ok);
            // naive peeling
            int[] naive = new int[n];
            int remaining = 0;
            for (boolean b : ok) if (b) remaining++;
            for (int front = 1; remaining > 0; front++) {
                boolean[] inFront = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!ok[i] || naive[i] != 0) continue;
                    boolean dom = false;
                    for (int j = 0; j < n && !dom; j++) if (ok[j] && naive[j] == 0 && Ranking.dominates(o[j], o[i])) dom = true;
                    inFront[i] = !dom;
                }
                for (int i = 0; i < n; i++) if (inFront[i]) { naive[i] = front; remaining--; }
            }
            assertArrayEquals(naive, fast, "trial " + trial);
        }
    }

    @Test
    void constraintsFilter() {
        double[] m = new double[2 * Metric.COUNT];
        m[Metric.TRADES.ordinal()] = 10; m[Metric.MAX_DRAWDOWN.ordinal()] = 0.2; m[Metric.PROFIT_FACTOR.ordinal()] = 1.3;
        m[Metric.COUNT + Metric.TRADES.ordinal()] = 200; m[Metric.COUNT + Metric.MAX_DRAWDOWN.ordinal()] = 0.2;
        m[Metric.COUNT + Metric.PROFIT_FACTOR.ordinal()] = Double.NaN;
        ScreenResult r = new ScreenResult("X", 2, 1, 0, m, new double[0], "none", 1);
        Ranking.Constraints c = new Ranking.Constraints(100, 0.5, 1.1);
        assertEquals(false, c.passes(r, 0));
        assertEquals(false, c.passes(r, 1));
        assertTrue(new Ranking.Constraints(100, 0.5, Double.NaN).passes(r, 1));
        assertTrue(Ranking.Constraints.NONE.passes(r, 0));
    }
}
