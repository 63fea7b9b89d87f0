package vq.kernels.strategy;

/**
 * A numeric setting of a strategy that is either a constant or a {@code $param} reference (resolved per
 * parameter set with {@link ParameterSpace#index(String)}).
 */
public sealed interface Value {
    /** The value for one parameter set ({@code params} in {@link ParameterSpace} order). */
    double resolve(double[] params);

    /** A literal number. */
    record Const(double value) implements Value {
        public double resolve(double[] params) { return value; }

        @Override public String toString() { return Conditions.num(value); }
    }

    /** A parameter times a constant factor (a {@code percent:} setting given as {@code $param}: factor 0.01). */
    record Scaled(Ref ref, double factor) implements Value {
        public double resolve(double[] params) { return params[ref.index()] * factor; }

        @Override public String toString() { return ref + (factor == 0.01 ? "%" : "*" + factor); }
    }

    /** {@code $name}: the parameter at {@code index} of the parameter space. */
    record Ref(String name, int index, Loc loc) implements Value {
        public double resolve(double[] params) { return params[index]; }

        @Override public String toString() { return "$" + name; }
    }
}
