package vq.kernels.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.kernels.indicators.IndicatorType;
import vq.kernels.indicators.Indicators;
import vq.kernels.indicators.ParamSpec;

/**
 * {@link IndicatorTypes} over the indicator catalogue {@link Indicators}: the DSL accepts exactly the
 * registry's names, parameters (kind, default, range) and output fields. {@link #with} adds types for tests
 * (e.g. a deliberately lookahead-biased indicator).
 */
public final class RegistryTypes implements IndicatorTypes {
    /** The catalogue as it ships. */
    public static final RegistryTypes DEFAULT = new RegistryTypes(Map.of());

    private final Map<String, Info> types = new LinkedHashMap<>();

    private RegistryTypes(Map<String, Info> extra) {
        for (IndicatorType t : Indicators.all()) types.put(t.name(), info(t));
        types.putAll(extra);
    }

    /** The catalogue plus {@code extra} types (which must not shadow catalogue names). */
    public static RegistryTypes with(List<Info> extra) {
        Map<String, Info> m = new LinkedHashMap<>();
        for (Info i : extra) {
            if (Indicators.find(i.name()) != null) throw new IllegalArgumentException("indicator '" + i.name() + "' already exists");
            m.put(i.name(), i);
        }
        return new RegistryTypes(m);
    }

    static Info info(IndicatorType t) {
        List<ParamInfo> ps = new ArrayList<>();
        for (ParamSpec p : t.params())
            ps.add(new ParamInfo(p.name(), p.defaultValue(), p.kind() == ParamSpec.Kind.INT, p.min(), p.max()));
        return new Info(t.name(), ps, t.outputs(), t.defaultOutput(), t.takesSource());
    }

    @Override public List<String> names() { return List.copyOf(types.keySet()); }

    @Override public Info get(String name) { return types.get(name); }
}
