package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;
import vq.columnar.DatasetReader;

/**
 * The two kernels whose numerics differ most from a plain loop: WMA (running sums restarted at fixed bars) against a
 * nearly exact reference, and CCI bit for bit against TA-Lib (it is ill-conditioned on flat windows), both on two
 * years of real BTCUSDT 1m bars and on synthetic bars with a frozen stretch; plus truncation across restart bars.
 */
class WmaCciTest {
    /**
     * WMA by the definition with every product's rounding error kept (fma) and the terms summed with Neumaier's
     * compensated summation: within an ulp or two of the exact value.
     */
    static double[] exactWma(double[] x, int w) {
        double[] out = new double[x.length];
        double div = (double) w * (w + 1) / 2.0;
        for (int i = 0; i < x.length; i++) {
            if (i < w - 1) { out[i] = Double.NaN; continue; }
            double s = 0, comp = 0;
            for (int j = 0; j < w; j++) {
                double wt = w - j, v = x[i - j], p = wt * v, pe = Math.fma(wt, v, -p);
                double t = s + p;
                comp += Math.abs(s) >= Math.abs(p) ? (s - t) + p : (p - t) + s;
                s = t;
                comp += pe;
            }
            out[i] = (s + comp) / div;
        }
        return out;
    }

    static double[] ours(String type, BarSeries s, Arena a, Object... params) {
        IndicatorType t = Indicators.get(type);
        return t.compute(s, t.params(params), null, a).toArray(type);
    }

    @Test void wmaIsWithin1e12OfTheExactValueOnTwoYearsOfBtcusdt() {
        double[] c = realColumn("close");
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = realSeries(a);
            for (int w : new int[] {2, 20, 100, 600}) {
                double worst = TaLibOracle.compare("wma" + w, ours("wma", s, a, "period", w), exactWma(c, w), 1e-12);
                System.out.println("wma(" + w + ") vs exact: max rel err " + worst);
            }
        }
    }

    @Test void wmaIsExactToTheLastDigitsOnSyntheticBarsWithLongWindows() {
        Bars b = Bars.synthetic(40_000, 7);
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = b.series(a);
            for (int w : new int[] {3, 7, 8, 9, 513, 5000})
                TaLibOracle.compare("wma" + w, ours("wma", s, a, "period", w), exactWma(b.close(), w), 1e-12);
        }
    }

    /** Cuts just before, at and after restart bars (multiples of 4,096; 8,192 for w = 600; 40,960 for w = 5,000). */
    @Test void truncatingNeverChangesEarlierWmaOrCciValues() {
        Bars b = Bars.synthetic(50_000, 9);
        int[] cuts = {4095, 4096, 4097, 4103, 8191, 8192, 8199, 12_300, 40_959, 40_960, 40_961, 49_999};
        try (Arena a = Arena.ofConfined()) {
            BarSeries full = b.series(a);
            for (Object[] tc : new Object[][] {{"wma", 2}, {"wma", 20}, {"wma", 600}, {"wma", 5000}, {"cci", 20}, {"cci", 9}, {"cci", 5}}) {
                String type = (String) tc[0];
                int w = (Integer) tc[1];
                double[] x = ours(type, full, a, "period", w);
                for (int cut : cuts) {
                    BarSeries part = TimeframesTest.slice(b, b.ts()[0], b.ts()[cut], a);
                    double[] y = ours(type, part, a, "period", w);
                    assertEquals(cut, y.length);
                    for (int i = 0; i < cut; i++)
                        assertEquals(Double.doubleToLongBits(x[i]), Double.doubleToLongBits(y[i]), type + w + " cut " + cut + " bar " + i);
                }
            }
        }
    }

    @Test void cciIsBitIdenticalToTaLibOnTwoYearsOfBtcusdt() {
        double[] h = realColumn("high"), l = realColumn("low"), c = realColumn("close");
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = realSeries(a);
            for (int w : new int[] {20, 14, 9, 100}) assertBitIdentical("cci" + w, ours("cci", s, a, "period", w), taLibCci(h, l, c, w));
        }
    }

    @Test void cciIsBitIdenticalToTaLibOnSyntheticBarsWithAFlatStretch() {
        for (int n : new int[] {5_003, 1_000, 61}) {
            Bars b = Bars.synthetic(n, 3 + n);
            try (Arena a = Arena.ofConfined()) {
                BarSeries s = b.series(a);
                for (int w = 2; w <= 41; w++) {
                    if (w > n) continue;
                    assertBitIdentical("cci" + w + " n=" + n, ours("cci", s, a, "period", w), taLibCci(b.high(), b.low(), b.close(), w));
                }
            }
        }
    }

    static double[] taLibCci(double[] h, double[] l, double[] c, int w) {
        return TaLibOracle.one(c.length, (bg, k, r) -> new com.tictactec.ta.lib.Core().cci(0, c.length - 1, h, l, c, w, bg, k, r[0]));
    }

    static void assertBitIdentical(String what, double[] ours, double[] ref) {
        assertEquals(ref.length, ours.length, what);
        for (int i = 0; i < ref.length; i++)
            if (Double.doubleToLongBits(ours[i]) != Double.doubleToLongBits(ref[i]))
                fail(what + " bar " + i + ": ours " + ours[i] + " TA-Lib " + ref[i]);
    }

    static double[] realColumn(String name) {
        try (DatasetReader r = RealBars.catalog().reader(RealBars.KEY)) {
            return DatasetReader.copyF64(r.all(), name);
        }
    }

    static BarSeries realSeries(Arena a) {
        try (DatasetReader r = RealBars.catalog().reader(RealBars.KEY)) {
            return BarSeries.copyOf(r.all(), Bars.MINUTE, a);
        }
    }
}
