package vq.optimizer.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;

class ScoreTest {

    @Test
    void weightedScoreByHand() {
        Map<String, double[]> m = Map.of(
                "sharpe", new double[] {1.0, 2.0, 3.0, 0.5},
                "max_drawdown", new double[] {0.10, 0.30, 0.20, 0.05},
                "trades", new double[] {100, 200, 300, 10});
        WeightedScore s = WeightedScore.parse("sharpe=0.6,max_drawdown=-0.4", List.of(Constraint.parse("trades>=50")));
        double[] v = s.score(m, 4);
        // accepted: sets 0..2; sharpe norm 0, .5, 1; drawdown norm 0, 1, .5
        assertArrayEquals(new double[] {0.0, 0.6 * 0.5 - 0.4, 0.6 - 0.4 * 0.5, Double.NaN}, v, 1e-12);
    }

    @Test
    void infiniteProfitFactorIsTheBestAndUnknownMetricsAreErrors() {
        Map<String, double[]> m = Map.of("profit_factor", new double[] {1.5, Double.POSITIVE_INFINITY, 1.0, Double.NaN});
        double[] v = WeightedScore.parse("profit_factor=1", List.of()).score(m, 4);
        assertArrayEquals(new double[] {1.0, 1.0, 0.0, 0.0}, v, 1e-12);
        assertThrows(InputException.class, () -> WeightedScore.parse("calmar=1", List.of()).score(m, 4));
        assertThrows(InputException.class, () -> Constraint.parse("sharpe > 1"));
        assertTrue(Constraint.parse("max_drawdown<=0.2").test(0.2));
        assertTrue(!Constraint.parse("max_drawdown<=0.2").test(Double.NaN));
    }

    @Test
    void importanceFindsTheParameterThatMatters() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 2000;
        double[][] p = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            p[i][0] = rnd.nextDouble();          // matters a lot
            p[i][1] = rnd.nextInt(5);            // matters a little (categorical-like)
            p[i][2] = rnd.nextDouble();          // irrelevant
            y[i] = Math.sin(3 * p[i][0]) + 0.1 * p[i][1] + 0.1 * rnd.nextDouble();
        }
        double[] imp = ParameterImportance.firstOrder(p, y, 10);
        assertTrue(imp[0] > 0.7, "x0 " + imp[0]);
        assertTrue(imp[1] > 0.1 && imp[1] < imp[0], "x1 " + imp[1]);
        assertTrue(imp[2] < 0.02, "x2 " + imp[2]);
    }

    @Test
    void importanceOfAFullGridByHand() {
        // y = a + 2b on a 2×2 grid: variance shares 1/5 and 4/5, no interaction
        double[][] p = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] y = {0, 2, 1, 3};
        assertArrayEquals(new double[] {0.2, 0.8}, ParameterImportance.firstOrder(p, y, 10), 1e-12);
        assertEquals(0, ParameterImportance.firstOrder(p, new double[] {1, 1, 1, 1}, 10)[0]);
    }
}
