package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every indicator with a TA-Lib equivalent, several parameter sets, on seeded synthetic bars (vector tails, edge cases). */
class TaLibSyntheticTest {
    static final double REL = 1e-9;

    static final List<Object[]> CASES = List.of(
            new Object[] {"sma", new Object[] {}}, new Object[] {"sma", new Object[] {"period", 200}},
            new Object[] {"ema", new Object[] {"period", 2}}, new Object[] {"ema", new Object[] {}}, new Object[] {"ema", new Object[] {"period", 200}},
            new Object[] {"wma", new Object[] {"period", 2}}, new Object[] {"wma", new Object[] {}}, new Object[] {"wma", new Object[] {"period", 100}},
            new Object[] {"dema", new Object[] {}}, new Object[] {"dema", new Object[] {"period", 50}},
            new Object[] {"tema", new Object[] {}}, new Object[] {"tema", new Object[] {"period", 7}});

    static Object[] c(String type, Object... params) { return new Object[] {type, params}; }

    @Test void oscillatorsMatchTaLib() {
        check(List.of(c("rsi"), c("rsi", "period", 2), c("rsi", "period", 50), c("macd"), c("macd", "fast", 5, "slow", 35, "signal", 5),
                c("macd", "fast", 3, "slow", 12, "signal", 2), c("stoch"), c("stoch", "k_period", 5), c("stoch", "k_period", 1, "k_smooth", 1, "d_period", 1),
                c("cci"), c("cci", "period", 2), c("cci", "period", 100), c("willr"), c("willr", "period", 80), c("roc"), c("roc", "period", 1)));
    }

    @Test void volatilityAndVolumeMatchTaLib() {
        check(List.of(c("atr"), c("atr", "period", 1), c("atr", "period", 100), c("bbands"), c("bbands", "period", 5, "stddev", 1.0),
                c("bbands", "period", 100, "stddev", 3.5), c("keltner"), c("keltner", "period", 5, "atr_period", 30, "multiplier", 1.5),
                c("donchian"), c("donchian", "period", 100), c("obv"), c("volume_sma"), c("volume_sma", "period", 3), c("mfi"), c("mfi", "period", 60),
                c("adx"), c("adx", "period", 2), c("adx", "period", 40)));
    }

    @Test void movingAveragesMatchTaLib() {
        check(CASES);
    }

    static void check(List<Object[]> cases) {
        for (int n : new int[] {5_003, 61}) {
            Bars b = Bars.synthetic(n, 42 + n);
            try (Arena a = Arena.ofConfined()) {
                BarSeries s = b.series(a);
                for (Object[] c : cases) {
                    IndicatorType t = Indicators.get((String) c[0]);
                    Params p = t.params((Object[]) c[1]);
                    IndicatorValues ours = t.compute(s, p, null, a);
                    Map<String, double[]> ref = TaLibOracle.reference(t.name(), p, b.open(), b.high(), b.low(), b.close(), b.volume(), b.ts());
                    for (String f : t.outputs()) {
                        if (!ref.containsKey(f)) continue;
                        if (n < t.warmup(p) + 1) continue;
                        TaLibOracle.compare(p + "." + f + " n=" + n, ours.toArray(f), ref.get(f), REL);
                    }
                    assertEquals(n, ours.rows());
                }
            }
        }
    }
}
