package vq.optimizer.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nsga2SearchTest {
    /**
     * Schaffer's two-objective problem in maximization form on x ∈ [−10, 10]: f1 = −x², f2 = −(x−2)²;
     * the Pareto set is exactly x ∈ [0, 2].
     */
    static final SearchSpace SPACE = new SearchSpace(List.of(Dimension.floating("x", -10, 10, false)));

    static final MultiBatchObjective SCHAFFER = pts -> {
        double[][] v = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            double x = pts[i][0];
            v[i] = new double[] {-x * x, -(x - 2) * (x - 2)};
        }
        return v;
    };

    @Test
    void findsTheParetoSetOfSchaffersProblem() {
        Nsga2Search.Result r = Nsga2Search.run(SPACE, SCHAFFER, new Nsga2Search.Config(40, 25, 0.9, 0.2), 7);
        int[] front = r.front();
        assertTrue(front.length >= 10, "front size " + front.length);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int inside = 0;
        for (int i : front) {
            double x = r.points()[i][0];
            // an evaluated point just outside [0, 2] is non-dominated when nothing evaluated lies between it and the set
            assertTrue(x >= -0.25 && x <= 2.25, "front point far outside [0,2]: " + x);
            if (x >= 0 && x <= 2) inside++;
            lo = Math.min(lo, x); hi = Math.max(hi, x);
        }
        assertTrue(inside >= front.length - 2, inside + " of " + front.length + " front points in [0,2]");
        assertTrue(lo < 0.3 && hi > 1.7, "front should span [0,2], got [" + lo + ", " + hi + "]");
        assertEquals(26, r.batches(), "one objective call for the initial population and one per generation");
    }

    @Test
    void reproducibleWithTheSameSeed() {
        Nsga2Search.Result a = Nsga2Search.run(SPACE, SCHAFFER, new Nsga2Search.Config(16, 5, 0.9, 0.2), 3);
        Nsga2Search.Result b = Nsga2Search.run(SPACE, SCHAFFER, new Nsga2Search.Config(16, 5, 0.9, 0.2), 3);
        assertEquals(a.points().length, b.points().length);
        for (int i = 0; i < a.points().length; i++) assertArrayEquals(a.points()[i], b.points()[i]);
        assertArrayEquals(a.paretoRank(), b.paretoRank());
    }

    @Test
    void rejectedTrialsAreNeverOnTheFront() {
        MultiBatchObjective rejectNegative = pts -> {
            double[][] v = SCHAFFER.evaluate(pts);
            for (int i = 0; i < pts.length; i++) if (pts[i][0] < 1) v[i] = new double[] {Double.NaN, Double.NaN};
            return v;
        };
        Nsga2Search.Result r = Nsga2Search.run(SPACE, rejectNegative, new Nsga2Search.Config(20, 10, 0.9, 0.2), 11);
        for (int i : r.front()) assertTrue(r.points()[i][0] >= 1);
    }
}
