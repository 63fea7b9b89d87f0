package vq.kernels.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small fixed set of indicator types for parser tests (names and shapes as in the registry). */
final class TestTypes implements IndicatorTypes {
    static final TestTypes INSTANCE = new TestTypes();
    private final Map<String, Info> types = new LinkedHashMap<>();

    private TestTypes() {
        add(new Info("sma", List.of(new ParamInfo("period", 30, true, 1, 100_000)), List.of("sma"), "sma", true));
        add(new Info("ema", List.of(new ParamInfo("period", 30, true, 1, 100_000)), List.of("ema"), "ema", true));
        add(new Info("rsi", List.of(new ParamInfo("period", 14, true, 2, 100_000)), List.of("rsi"), "rsi", true));
        add(new Info("atr", List.of(new ParamInfo("period", 14, true, 1, 100_000)), List.of("atr"), "atr", false));
        add(new Info("macd", List.of(new ParamInfo("fast", 12, true, 2, 100_000), new ParamInfo("slow", 26, true, 2, 100_000),
                new ParamInfo("signal", 9, true, 1, 100_000)), List.of("macd", "signal", "hist"), "macd", true));
        add(new Info("bbands", List.of(new ParamInfo("period", 20, true, 2, 100_000), new ParamInfo("stddev", 2, false, 0.01, 100)),
                List.of("upper", "middle", "lower", "width"), "middle", true));
    }

    private void add(Info i) { types.put(i.name(), i); }

    @Override public List<String> names() { return List.copyOf(types.keySet()); }

    @Override public Info get(String name) { return types.get(name); }
}
