package vq.kernels.strategy;

import java.util.List;

/**
 * What the DSL validator needs to know about indicator types: names, numeric parameters with defaults and
 * bounds, output fields, and whether a {@code source} field applies. Implemented over the indicator
 * registry of {@code vq.kernels.indicators} by {@link RegistryTypes}; tests may add types (e.g. a planted
 * lookahead indicator).
 */
public interface IndicatorTypes {
    /** Registry names, lower case. */
    List<String> names();

    /** The type, or null when unknown. */
    Info get(String name);

    /**
     * One parameter of a type.
     *
     * @param integer whether only whole numbers are valid (periods)
     * @param min     smallest valid value (inclusive)
     * @param max     largest valid value (inclusive)
     */
    record ParamInfo(String name, double defaultValue, boolean integer, double min, double max) {}

    /**
     * One indicator type.
     *
     * @param outputs       output field names in registry order
     * @param defaultOutput the output a bare reference ({@code macd}) means
     * @param usesSource    whether the indicator reads one price field chosen by {@code source:} (default close)
     */
    record Info(String name, List<ParamInfo> params, List<String> outputs, String defaultOutput, boolean usesSource) {
        public ParamInfo param(String n) {
            for (ParamInfo p : params) if (p.name().equals(n)) return p;
            return null;
        }

        public List<String> paramNames() { return params.stream().map(ParamInfo::name).toList(); }
    }
}
