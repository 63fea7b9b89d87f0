package vq.optimizer.sampling;

import java.util.List;
import vq.columnar.InputException;

/**
 * One searchable parameter, mapped to and from the unit interval the samplers work in.
 *
 * <ul>
 *   <li>{@code FLOAT}: a real in [min, max], uniform or log-uniform ({@code log}: min &gt; 0);</li>
 *   <li>{@code INT}: an integer in [min, max] (uniform or log), sampled continuously and rounded;</li>
 *   <li>{@code CHOICE}: one of {@code choices}; the value is the choice index (0-based) as a double.</li>
 * </ul>
 */
public record Dimension(String name, Kind kind, double min, double max, boolean log, List<String> choices) {

    public enum Kind { FLOAT, INT, CHOICE }

    public Dimension {
        if (name == null || name.isBlank()) throw new InputException("parameter name is empty");
        switch (kind) {
            case CHOICE -> {
                if (choices == null || choices.isEmpty()) throw new InputException("parameter '" + name + "': a choice needs at least one value");
                choices = List.copyOf(choices);
                min = 0; max = choices.size() - 1; log = false;
            }
            case FLOAT, INT -> {
                if (!(max >= min) || !Double.isFinite(min) || !Double.isFinite(max)) throw new InputException("parameter '" + name + "': need finite min <= max, got [" + min + ", " + max + "]");
                if (log && !(min > 0)) throw new InputException("parameter '" + name + "': log-uniform needs min > 0, got " + min);
                if (kind == Kind.INT && (min != Math.rint(min) || max != Math.rint(max))) throw new InputException("parameter '" + name + "': int bounds must be integers, got [" + min + ", " + max + "]");
                choices = List.of();
            }
            default -> throw new IllegalStateException();
        }
    }

    public static Dimension floating(String name, double min, double max, boolean log) { return new Dimension(name, Kind.FLOAT, min, max, log, null); }

    public static Dimension integer(String name, long min, long max, boolean log) { return new Dimension(name, Kind.INT, min, max, log, null); }

    public static Dimension choice(String name, List<String> choices) { return new Dimension(name, Kind.CHOICE, 0, 0, false, choices); }

    /** Number of categories of a CHOICE (0 otherwise). */
    public int categories() { return kind == Kind.CHOICE ? choices.size() : 0; }

    /** Value → [0, 1] (log scale for log dimensions). */
    public double toUnit(double value) {
        if (max == min) return 0.5;
        if (kind == Kind.CHOICE) return (value + 0.5) / choices.size();
        return log ? (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (value - min) / (max - min);
    }

    /** [0, 1] → value; INT rounds to the nearest integer, CHOICE returns the index. */
    public double fromUnit(double u) {
        double x = Math.min(1, Math.max(0, u));
        if (kind == Kind.CHOICE) return Math.min(choices.size() - 1, (int) Math.floor(x * choices.size()));
        double v = log ? Math.exp(Math.log(min) + x * (Math.log(max) - Math.log(min))) : min + x * (max - min);
        if (kind == Kind.INT) v = Math.rint(v);
        return Math.min(max, Math.max(min, v));
    }
}
