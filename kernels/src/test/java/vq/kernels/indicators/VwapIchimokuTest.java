package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** VWAP and Ichimoku (no TA-Lib function): hand-computed cases and an independent scalar implementation. */
class VwapIchimokuTest {
    static final double N = Double.NaN;
    static final long T0 = 1_704_067_200_000_000_000L; // 2024-01-01T00:00Z

    @Test void vwapResetsAtUtcMidnightAndIsNaNWithoutVolume() {
        // bars at 23:58, 23:59 of day 0 and 00:00, 00:01 of day 1; h = l = c so tp = c
        long m = Bars.MINUTE;
        long[] ts = {T0 - 2 * m, T0 - m, T0, T0 + m, T0 + 2 * m};
        double[] c = {10, 20, 30, 40, 50};
        double[] v = {1, 3, 0, 2, 2};
        Bars b = new Bars(ts, c, c, c, c, v);
        // day 0: 10·1/1 = 10; (10 + 60)/4 = 17.5. day 1: no volume yet → NaN; 80/2 = 40; (80 + 100)/4 = 45
        HandComputedTest.assertSeries(new double[] {10, 17.5, N, 40, 45}, run(b, "vwap", "vwap"));
    }

    @Test void vwapUsesTypicalPrice() {
        long[] ts = {T0, T0 + Bars.MINUTE};
        Bars b = new Bars(ts, new double[] {1, 1}, new double[] {12, 9}, new double[] {6, 3}, new double[] {9, 6}, new double[] {2, 1});
        // tp = 9, 6; (18 + 6)/3 = 8
        HandComputedTest.assertSeries(new double[] {9, 8}, run(b, "vwap", "vwap"));
    }

    static double[] run(Bars b, String type, String field, Object... params) {
        try (Arena a = Arena.ofConfined()) {
            IndicatorType t = Indicators.get(type);
            return t.compute(b.series(a), t.params(params), null, a).toArray(field);
        }
    }

    @Test void ichimokuSmallCase() {
        // tenkan 2, kijun 3, senkou_b 4, displacement 2 on highs/lows below
        double[] h = {10, 12, 11, 15, 14, 13};
        double[] l = {8, 9, 7, 10, 12, 11};
        double[] c = {9, 11, 8, 14, 13, 12};
        long[] ts = new long[6];
        for (int i = 0; i < 6; i++) ts[i] = T0 + i * Bars.MINUTE;
        Bars b = new Bars(ts, c, h, l, c, new double[6]);
        Object[] p = {"tenkan", 2, "kijun", 3, "senkou_b", 4, "displacement", 2};
        // tenkan[i] = (max h[i-1..i] + min l[i-1..i])/2: i=1 (12+8)/2=10, i=2 (12+7)/2=9.5, i=3 (15+7)/2=11, i=4 (15+10)/2=12.5, i=5 (14+11)/2=12.5
        HandComputedTest.assertSeries(new double[] {N, 10, 9.5, 11, 12.5, 12.5}, run(b, "ichimoku", "tenkan", p));
        // kijun[i] over 3: i=2 (12+7)/2=9.5, i=3 (15+7)/2=11, i=4 (15+7)/2=11, i=5 (15+10)/2=12.5
        HandComputedTest.assertSeries(new double[] {N, N, 9.5, 11, 11, 12.5}, run(b, "ichimoku", "kijun", p));
        // senkou_a[i] = (tenkan + kijun)[i-2]: i=4 → (9.5+9.5)/2 = 9.5, i=5 → (11+11)/2 = 11
        HandComputedTest.assertSeries(new double[] {N, N, N, N, 9.5, 11}, run(b, "ichimoku", "senkou_a", p));
        // mid4[i]: i=3 (15+7)/2 = 11; senkou_b[5] = mid4[3] = 11
        HandComputedTest.assertSeries(new double[] {N, N, N, N, N, 11}, run(b, "ichimoku", "senkou_b", p));
        // chikou[i] = close[i-2]
        HandComputedTest.assertSeries(new double[] {N, N, 9, 11, 8, 14}, run(b, "ichimoku", "chikou", p));
    }

    @Test void matchIndependentImplementationOnSyntheticBars() {
        Bars b = Bars.synthetic(20_011, 7);
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = b.series(a);
            IndicatorType v = Indicators.get("vwap");
            TaLibOracle.compare("vwap", v.compute(s, v.defaults(), null, a).toArray("vwap"),
                    Reference.vwap(b.ts(), b.high(), b.low(), b.close(), b.volume()), 1e-12);
            IndicatorType ich = Indicators.get("ichimoku");
            for (Object[] p : new Object[][] {{}, {"tenkan", 20, "kijun", 60, "senkou_b", 120, "displacement", 30}, {"displacement", 0}}) {
                Params pp = ich.params(p);
                IndicatorValues ours = ich.compute(s, pp, null, a);
                double[][] ref = Reference.ichimoku(b.high(), b.low(), b.close(), pp.getInt("tenkan"), pp.getInt("kijun"),
                        pp.getInt("senkou_b"), pp.getInt("displacement"));
                for (int f = 0; f < 5; f++) {
                    String name = ich.outputs().get(f);
                    TaLibOracle.compare(pp + "." + name, ours.toArray(name), ref[f], 0);
                    assertEquals(ich.warmup(pp, name), firstValid(ref[f]), name + " warm-up");
                }
            }
        }
    }

    static int firstValid(double[] x) {
        for (int i = 0; i < x.length; i++) if (!Double.isNaN(x[i])) return i;
        return x.length;
    }
}
