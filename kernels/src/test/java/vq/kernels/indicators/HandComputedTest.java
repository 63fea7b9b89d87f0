package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** Small cases computed by hand (values in comments), independent of TA-Lib. */
class HandComputedTest {
    static final double TOL = 1e-12;

    static Bars closes(double... c) {
        int n = c.length;
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) { ts[i] = 1_704_067_200_000_000_000L + i * Bars.MINUTE; v[i] = 1; }
        return new Bars(ts, c.clone(), c.clone(), c.clone(), c.clone(), v);
    }

    static double[] run(Bars b, String type, String field, Object... params) {
        try (Arena a = Arena.ofConfined()) {
            IndicatorType t = Indicators.get(type);
            return t.compute(b.series(a), t.params(params), null, a).toArray(field);
        }
    }

    static void assertSeries(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) assertTrue(Double.isNaN(actual[i]), "index " + i + ": expected NaN, got " + actual[i]);
            else assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    static final double N = Double.NaN;

    @Test void sma3() {
        // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+8)/3 = 5, (4+8+0)/3 = 4
        assertSeries(new double[] {N, N, 2, 3, 5, 4}, run(closes(1, 2, 3, 4, 8, 0), "sma", "sma", "period", 3));
    }

    @Test void sma1IsTheInput() {
        assertSeries(new double[] {1, 2, 3, 4, 8, 0}, run(closes(1, 2, 3, 4, 8, 0), "sma", "sma", "period", 1));
    }

    @Test void ema3SeededWithSma() {
        // k = 2/(3+1) = 0.5; seed = (1+2+3)/3 = 2; then 2 + 0.5(4−2) = 3; 3 + 0.5(8−3) = 5.5; 5.5 + 0.5(0−5.5) = 2.75
        assertSeries(new double[] {N, N, 2, 3, 5.5, 2.75}, run(closes(1, 2, 3, 4, 8, 0), "ema", "ema", "period", 3));
    }

    @Test void longSeriesCrossesVectorAndBlockBoundaries() {
        // x[i] = i: SMA_w[i] = i − (w−1)/2 exactly; EMA of a ramp converges to i − (1−k)/k = i − (w−1)/2 as well
        int n = 10_000;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = i;
        double[] sma = run(closes(c), "sma", "sma", "period", 7);
        for (int i = 6; i < n; i++) assertEquals(i - 3.0, sma[i], 1e-9, "sma at " + i);
        double[] ema = run(closes(c), "ema", "ema", "period", 7);
        assertEquals(3.0, ema[6], 0); // seed = mean(0..6)
        for (int i = 6; i < n; i++) assertEquals(i - 3.0, ema[i], 1e-9, "ema at " + i);
    }
}
