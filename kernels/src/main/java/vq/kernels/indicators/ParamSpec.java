package vq.kernels.indicators;

/**
 * One parameter of an indicator type: YAML name, kind, default and the closed valid range {@code [min, max]}.
 * Integer parameters (periods, in bars of the indicator's timeframe) have integral default/min/max.
 *
 * @param name         YAML name, e.g. {@code period}, {@code fast}, {@code stddev}
 * @param kind         {@link Kind#INT} (bars) or {@link Kind#FLOAT}
 * @param defaultValue value used when the strategy does not give one
 * @param min          smallest valid value (inclusive)
 * @param max          largest valid value (inclusive)
 * @param description  one line for help texts and parameter forms
 */
public record ParamSpec(String name, Kind kind, double defaultValue, double min, double max, String description) {
    /** Parameter kinds. */
    public enum Kind { INT, FLOAT }

    /** Largest accepted period (TA-Lib's own limit). */
    public static final int MAX_PERIOD = 100_000;

    public ParamSpec {
        if (!(min <= defaultValue && defaultValue <= max))
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
    }

    /** An integer period in bars, {@code [min, 100000]}. */
    public static ParamSpec period(String name, int defaultValue, int min, String description) {
        return new ParamSpec(name, Kind.INT, defaultValue, min, MAX_PERIOD, description);
    }

    /** A floating-point parameter. */
    public static ParamSpec real(String name, double defaultValue, double min, double max, String description) {
        return new ParamSpec(name, Kind.FLOAT, defaultValue, min, max, description);
    }

    /**
     * Checks {@code value} against kind and range; returns it. Errors name the indicator, the parameter and the range,
     * e.g. {@code "rsi: period must be an integer in [2, 100000], got 1"}.
     */
    public double validate(String indicator, double value) {
        boolean ok = !Double.isNaN(value) && value >= min && value <= max && (kind == Kind.FLOAT || value == Math.rint(value));
        if (!ok) {
            String range = kind == Kind.INT ? "an integer in [" + (long) min + ", " + (long) max + "]"
                    : "a number in [" + min + ", " + max + "]";
            throw new IllegalArgumentException(indicator + ": " + name + " must be " + range + ", got " + fmt(value));
        }
        return value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
