package vq.kernels.indicators;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolved, validated parameter values of one indicator type, in the order of {@link IndicatorType#params()}.
 * Immutable; equality is by type name and values, so a {@code Params} is a cache key. Obtain one with
 * {@link IndicatorType#params(Map)} or {@link IndicatorType#defaults()}.
 */
public final class Params {
    private final IndicatorType type;
    private final double[] values;

    Params(IndicatorType type, double[] values) {
        this.type = type;
        this.values = values;
    }

    public IndicatorType type() { return type; }

    /** The value of parameter {@code name}; {@link IllegalArgumentException} when the type has no such parameter. */
    public double get(String name) {
        return values[type.paramIndex(name)];
    }

    /** The value of integer parameter {@code name} (a period in bars). */
    public int getInt(String name) {
        return (int) values[type.paramIndex(name)];
    }

    /** Name → value, in declaration order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) m.put(type.params().get(i).name(), values[i]);
        return m;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Params p && p.type.name().equals(type.name()) && Arrays.equals(p.values, values);
    }

    @Override public int hashCode() { return type.name().hashCode() * 31 + Arrays.hashCode(values); }

    /** {@code rsi(period=14)}. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder(type.name()).append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(type.params().get(i).name()).append('=').append(ParamSpec.fmt(values[i]));
        }
        return sb.append(')').toString();
    }
}
