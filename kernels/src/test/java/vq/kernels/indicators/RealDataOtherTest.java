package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vq.columnar.DatasetReader;

/**
 * On two years of real BTCUSDT 1m bars: VWAP and Ichimoku against the independent implementations of
 * {@link Reference}; 1h/4h resampling and alignment against a direct recomputation; the cache's many-window SMA
 * against single SMAs (bit-identical) and TA-Lib.
 */
class RealDataOtherTest {
    static IndicatorCache cache;
    static long from, to;
    static double[] o, h, l, c, v;
    static long[] ts;

    @BeforeAll static void load() {
        var cat = RealBars.catalog();
        try (DatasetReader r = cat.reader(RealBars.KEY)) {
            var all = r.all();
            o = DatasetReader.copyF64(all, "open");
            h = DatasetReader.copyF64(all, "high");
            l = DatasetReader.copyF64(all, "low");
            c = DatasetReader.copyF64(all, "close");
            v = DatasetReader.copyF64(all, "volume");
            ts = DatasetReader.copyI64(all, "ts");
        }
        from = ts[0];
        to = ts[ts.length - 1] + 1;
        cache = IndicatorCache.forCatalog(cat, "binance", "spot", "1m");
    }

    @AfterAll static void close() {
        if (cache != null) cache.close();
    }

    @Test void vwapMatchesIndependentImplementation() {
        Params p = Indicators.get("vwap").defaults();
        double[] ours = cache.values(RealBars.SYMBOL, "1m", from, to, p, null).toArray("vwap");
        TaLibOracle.compare("vwap", ours, Reference.vwap(ts, h, l, c, v), 1e-12);
    }

    @Test void ichimokuMatchesIndependentImplementation() {
        IndicatorType ich = Indicators.get("ichimoku");
        IndicatorValues ours = cache.values(RealBars.SYMBOL, "1m", from, to, ich.defaults(), null);
        double[][] ref = Reference.ichimoku(h, l, c, 9, 26, 52, 26);
        for (int f = 0; f < 5; f++) TaLibOracle.compare("ichimoku." + ich.outputs().get(f), ours.toArray(ich.outputs().get(f)), ref[f], 0);
    }

    @Test void hourlyRsiIsAlignedWithoutLookahead() {
        IndicatorType rsi = Indicators.get("rsi");
        Params p = rsi.defaults();
        IndicatorValues aligned = cache.aligned(RealBars.SYMBOL, "1m", "1h", from, to, p, null);
        BarSeries hourly = cache.bars(RealBars.SYMBOL, "1h", from, to);
        // independent resample of closes into UTC hours and TA-Lib RSI on them
        long hour = 3_600_000_000_000L;
        java.util.List<Long> hts = new java.util.ArrayList<>();
        java.util.List<Double> hclose = new java.util.ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            long b = Math.floorDiv(ts[i], hour) * hour;
            if (hts.isEmpty() || hts.getLast() != b) { hts.add(b); hclose.add(c[i]); }
            else hclose.set(hclose.size() - 1, c[i]);
        }
        assertEquals(hts.size(), hourly.rows());
        assertEquals(17_543, hts.size()); // 731 days × 24 h minus the hour 13:00 of 2023-03-24 missing entirely
        double[] hc = hclose.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ref = TaLibOracle.one(hc.length, (b, k, r) -> new com.tictactec.ta.lib.Core().rsi(0, hc.length - 1, hc, 14, b, k, r[0]));
        double[] ours = aligned.toArray("rsi");
        int k = -1;
        for (int i = 0; i < ts.length; i++) {
            long close = ts[i] + Bars.MINUTE;
            while (k + 1 < hts.size() && hts.get(k + 1) + hour <= close) k++;
            double want = k < 0 ? Double.NaN : ref[k];
            if (Double.isNaN(want)) assertTrue(Double.isNaN(ours[i]), "bar " + i);
            else assertEquals(want, ours[i], 1e-9 * Math.abs(want), "bar " + i);
        }
        // the 1m bar opening at HH:59 is the first to see hour HH; the one at HH:58 does not
        int i59 = 60 * 24 * 10 + 59; // 2022-07-06 00:59, no gap before it
        assertEquals(ours[i59], ours[i59 + 1]);
        assertNotEquals(ours[i59 - 1], ours[i59]);
    }

    @Test void manySmaWindowsAreBitIdenticalToSingleOnesAndMatchTaLib() {
        int[] windows = new int[100];
        for (int j = 0; j < windows.length; j++) windows[j] = 5 + 3 * j;
        try (IndicatorCache fresh = IndicatorCache.forCatalog(RealBars.catalog(), "binance", "spot", "1m")) {
            List<IndicatorValues> many = fresh.smaMany(RealBars.SYMBOL, "1m", from, to, null, windows);
            long after = fresh.computations();
            IndicatorType sma = Indicators.get("sma");
            for (int j = 0; j < windows.length; j += 11) {
                Params p = sma.params("period", windows[j]);
                IndicatorValues again = fresh.values(RealBars.SYMBOL, "1m", from, to, p, null);
                assertSame(many.get(j), again, "cached under the single-SMA key");
                assertEquals(after, fresh.computations(), "no recomputation");
                try (var a = java.lang.foreign.Arena.ofConfined()) {
                    double[] single = sma.compute(fresh.bars(RealBars.SYMBOL, from, to), p, null, a).toArray("sma");
                    assertArrayEquals(single, many.get(j).toArray("sma"));
                }
                int w = windows[j];
                double[] ref = TaLibOracle.one(c.length, (b, k, r) -> new com.tictactec.ta.lib.Core().sma(0, c.length - 1, c, w, b, k, r[0]));
                TaLibOracle.compare("sma" + w, many.get(j).toArray("sma"), ref, 1e-9);
            }
        }
    }
}
