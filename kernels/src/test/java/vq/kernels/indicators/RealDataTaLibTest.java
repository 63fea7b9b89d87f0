package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vq.columnar.DatasetReader;

/**
 * Every indicator with a TA-Lib equivalent against TA-Lib's Java port on two years of real BTCUSDT 1m bars
 * (1,052,560 bars, including the 2023-03-24 halt: 72 frozen zero-volume bars and an 80-minute gap). Our side reads
 * the catalog's memory-mapped chunks through {@link IndicatorCache#forCatalog}; TA-Lib gets heap copies of the same
 * columns. Tolerance 1e-9 relative (see {@link TaLibOracle#compare}).
 */
class RealDataTaLibTest {
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

    static Object[] c(String type, Object... params) { return new Object[] {type, params}; }

    @Test void allTaLibIndicatorsMatchOnTwoYearsOfBtcusdt() {
        List<Object[]> cases = List.of(c("sma"), c("sma", "period", 200), c("ema"), c("ema", "period", 200), c("wma"), c("wma", "period", 100),
                c("dema"), c("tema"), c("rsi"), c("rsi", "period", 2), c("macd"), c("stoch"), c("stoch", "k_period", 5), c("cci"), c("willr"), c("roc"),
                c("atr"), c("bbands"), c("bbands", "period", 50, "stddev", 1.5), c("keltner"), c("donchian"), c("donchian", "period", 100),
                c("obv"), c("volume_sma"), c("mfi"), c("adx"), c("adx", "period", 30));
        List<String> report = new ArrayList<>();
        for (Object[] cs : cases) {
            IndicatorType t = Indicators.get((String) cs[0]);
            Params p = t.params((Object[]) cs[1]);
            IndicatorValues ours = cache.values(RealBars.SYMBOL, "1m", from, to, p, null);
            assertEquals(c.length, ours.rows());
            Map<String, double[]> ref = TaLibOracle.reference(t.name(), p, o, h, l, c, v, ts);
            for (String f : t.outputs()) {
                double worst = TaLibOracle.compare(p + "." + f, ours.toArray(f), ref.get(f), 1e-9);
                report.add(p + "." + f + " max rel err " + worst);
            }
        }
        System.out.println(String.join("\n", report));
    }
}
