package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    @Test void everyIssueIndicatorIsRegisteredWithItsFields() {
        assertEquals(List.of("sma", "ema", "wma", "dema", "tema", "rsi", "macd", "stoch", "cci", "willr", "roc", "atr", "bbands",
                "keltner", "donchian", "obv", "vwap", "volume_sma", "mfi", "adx", "ichimoku"), Indicators.names());
        assertEquals(List.of("macd", "signal", "hist"), Indicators.get("macd").outputs());
        assertEquals(List.of("upper", "middle", "lower", "width"), Indicators.get("bbands").outputs());
        assertEquals(List.of("adx", "plus_di", "minus_di"), Indicators.get("adx").outputs());
        assertEquals(List.of("tenkan", "kijun", "senkou_a", "senkou_b", "chikou"), Indicators.get("ichimoku").outputs());
        assertEquals(List.of("rsi"), Indicators.get("rsi").outputs());
        assertEquals(List.of(Source.HIGH, Source.LOW, Source.CLOSE), Indicators.get("atr").inputs(null));
        assertEquals(List.of(Source.CLOSE), Indicators.get("sma").inputs(null));
        assertEquals(List.of(Source.HLC3), Indicators.get("sma").inputs(Source.HLC3));
        assertFalse(Indicators.get("atr").takesSource());
    }

    @Test void warmupsFollowTaLibLookbacks() {
        assertEquals(19, Indicators.get("sma").warmup(Indicators.get("sma").defaults()));
        assertEquals(14, Indicators.get("rsi").warmup(Indicators.get("rsi").defaults()));
        IndicatorType macd = Indicators.get("macd");
        assertEquals(33, macd.warmup(macd.defaults()));
        assertEquals(33, macd.warmup(macd.params("fast", 26, "slow", 12), "hist")); // swapped like TA-Lib
        IndicatorType adx = Indicators.get("adx");
        assertEquals(27, adx.warmup(adx.defaults(), "adx"));
        assertEquals(14, adx.warmup(adx.defaults(), "plus_di"));
        IndicatorType ich = Indicators.get("ichimoku");
        assertEquals(77, ich.warmup(ich.defaults()));
        assertEquals(51, ich.warmup(ich.defaults(), "senkou_a"));
        assertEquals(39, Indicators.get("tema").warmup(Indicators.get("tema").params("period", 14)));
        assertEquals(8, Indicators.get("stoch").warmup(Indicators.get("stoch").params("k_period", 5)));
    }

    @Test void parametersAreValidatedWithPreciseErrors() {
        IndicatorType rsi = Indicators.get("rsi");
        assertEquals(21, rsi.params(Map.of("period", 21)).getInt("period"));
        var e = assertThrows(IllegalArgumentException.class, () -> rsi.params(Map.of("period", 1)));
        assertEquals("rsi: period must be an integer in [2, 100000], got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rsi.params(Map.of("period", 14.5)));
        assertTrue(e.getMessage().contains("integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rsi.params(Map.of("perod", 14)));
        assertEquals("rsi has no parameter 'perod' (parameters: period)", e.getMessage());
        IndicatorType bb = Indicators.get("bbands");
        assertEquals(2.5, bb.params(Map.of("stddev", 2.5)).get("stddev"));
        assertEquals(bb.params(Map.of("period", 20)), bb.defaults());
        assertEquals("bbands(period=20, stddev=2.5)", bb.params(Map.of("stddev", 2.5)).toString());
    }

    @Test void unknownNamesSuggestTheNearest() {
        var e = assertThrows(IllegalArgumentException.class, () -> Indicators.get("rsl"));
        assertEquals("unknown indicator 'rsl'; did you mean 'rsi'?", e.getMessage());
        assertEquals("bbands", Indicators.nearest("bband"));
        assertEquals("volume_sma", Indicators.nearest("volume_sm"));
        assertNull(Indicators.nearest("zzzzzzzzzz"));
    }
}
