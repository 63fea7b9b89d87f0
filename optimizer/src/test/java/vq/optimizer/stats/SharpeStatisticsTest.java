package vq.optimizer.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.hipparchus.stat.descriptive.moment.Kurtosis;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Skewness;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;
import vq.columnar.InputException;

public class SharpeStatisticsTest {

    /**
     * Bailey &amp; López de Prado (2014), "The Deflated Sharpe Ratio", numerical example: N = 100 independent
     * trials, variance of the trials' annualized Sharpes 0.5, selected annualized SR 2.5, five years of
     * daily data (T = 1,250, 250 days a year), skewness −3, kurtosis 10. The paper reports
     * SR₀ = 0.1132 (per day) and DSR = 0.9004.
     */
    @Test
    void reproducesThePapersNumericalExample() {
        double daysPerYear = 250;
        double sr = 2.5 / Math.sqrt(daysPerYear);
        double var = 0.5 / daysPerYear;
        double sr0 = SharpeStatistics.expectedMaxSharpe(100, var);
        assertEquals(0.1132, sr0, 5e-5);
        double dsr = SharpeStatistics.deflatedSharpe(sr, 100, var, 1250, -3, 10);
        assertEquals(0.9004, dsr, 5e-5);
    }

    @Test
    void psrOfNormalReturnsAgainstZeroIsTheTStatistic() {
        // γ₃ = 0, γ₄ = 3: PSR(0) = Φ(SR·√(T−1)/√(1 + SR²/2))
        double sr = 0.1, t = 400;
        double expected = new org.hipparchus.distribution.continuous.NormalDistribution(0, 1)
                .cumulativeProbability(sr * Math.sqrt(t - 1) / Math.sqrt(1 + sr * sr / 2));
        assertEquals(expected, SharpeStatistics.probabilisticSharpe(sr, 0, t, 0, 3), 1e-15);
        assertEquals(0.5, SharpeStatistics.probabilisticSharpe(0.05, 0.05, t, -1, 8), 1e-15);
    }

    @Test
    void expectedMaxOfOneTrialIsZeroAndTenTrialsMatchesTheFalseStrategyTheorem() {
        assertEquals(0, SharpeStatistics.expectedMaxSharpe(1, 1), 0);
        // E[max] of 10 standard normals is 1.5388; the paper's approximation gives 1.5745 for V = 1
        assertEquals(1.5745, SharpeStatistics.expectedMaxSharpe(10, 1), 5e-4);
        assertThrows(InputException.class, () -> SharpeStatistics.expectedMaxSharpe(0, 1));
        assertThrows(InputException.class, () -> SharpeStatistics.probabilisticSharpe(0.1, 0, 1, 0, 3));
    }

    @Test
    void expectedMaxApproximatesMonteCarloMaximumOfNormals() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1000, reps = 4000;
        double sum = 0;
        for (int r = 0; r < reps; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) max = Math.max(max, gaussian(rnd));
            sum += max;
        }
        // the approximation is within ~1 % of the exact expectation for N = 1000
        assertEquals(sum / reps, SharpeStatistics.expectedMaxSharpe(n, 1), 0.03);
    }

    @Test
    void momentsFromPowerSumsAgreeWithHipparchus() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] r = new double[777];
        for (int i = 0; i < r.length; i++) r[i] = 0.0004 + 0.02 * gaussian(rnd) + (i % 50 == 0 ? -0.08 : 0);
        Moments m = Moments.of(r);
        int n = r.length;
        assertEquals(new Mean().evaluate(r), m.mean(), 1e-15);
        assertEquals(new Variance().evaluate(r), m.variance(), 1e-12 * m.variance());
        // Hipparchus reports the bias-corrected G1 and excess G2; convert to the population γ₃, γ₄
        double g1 = new Skewness().evaluate(r) * (n - 2) / Math.sqrt((double) n * (n - 1));
        double excessG2 = new Kurtosis().evaluate(r);
        double g2 = ((excessG2 * (n - 2) * (n - 3)) / (n - 1) - 6) / (n + 1) + 3;
        assertEquals(g1, m.skewness(), 1e-9);
        assertEquals(g2, m.kurtosis(), 1e-9);
        double lg = 0;
        for (double x : r) lg += Math.log1p(x);
        assertEquals(lg, m.logGrowth(), 1e-12);
    }

    @Test
    void flatSeriesHasNoSharpe() {
        assertTrue(Double.isNaN(Moments.of(new double[] {0.001, 0.001, 0.001}).sharpe()));
        assertTrue(Double.isNaN(Moments.sharpe(1, 0.1, 0.01)));
    }

    @Property(tries = 200)
    void dsrFallsAsTrialsGrow(@ForAll @DoubleRange(min = -0.2, max = 0.3) double sr,
                              @ForAll @IntRange(min = 1, max = 5000) int trials,
                              @ForAll @DoubleRange(min = 1e-5, max = 0.01) @Scale(7) double var,
                              @ForAll @DoubleRange(min = -1.5, max = 1.5) double skew,
                              @ForAll @DoubleRange(min = 3, max = 12) double kurt) {
        double a = SharpeStatistics.deflatedSharpe(sr, trials, var, 500, skew, kurt);
        double b = SharpeStatistics.deflatedSharpe(sr, trials + 1, var, 500, skew, kurt);
        if (Double.isNaN(a)) return; // moments inconsistent with this SR (variance term ≤ 0)
        assertTrue(a >= 0 && a <= 1, "DSR in [0,1]: " + a);
        assertTrue(b <= a, "DSR must not rise with N: " + a + " -> " + b);
    }

    @Property(tries = 200)
    void psrRisesWithTheObservedSharpe(@ForAll @DoubleRange(min = -0.2, max = 0.2) double sr,
                                       @ForAll @DoubleRange(min = 0.001, max = 0.05) @Scale(4) double step) {
        assertTrue(SharpeStatistics.probabilisticSharpe(sr + step, 0, 300, 0, 3)
                >= SharpeStatistics.probabilisticSharpe(sr, 0, 300, 0, 3));
    }

    public static double gaussian(SplittableRandom rnd) {
        // Box–Muller from the seeded generator, so the test is reproducible
        double u = 1 - rnd.nextDouble(), v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
