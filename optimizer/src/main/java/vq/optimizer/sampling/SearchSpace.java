package vq.optimizer.sampling;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vq.columnar.InputException;

/** An ordered list of {@link Dimension}s; a point is a {@code double[dimensions]} of values. */
public record SearchSpace(List<Dimension> dimensions) {

    public SearchSpace {
        if (dimensions == null || dimensions.isEmpty()) throw new InputException("search space has no parameters");
        dimensions = List.copyOf(dimensions);
        Set<String> names = new HashSet<>();
        for (Dimension d : dimensions) if (!names.add(d.name())) throw new InputException("parameter '" + d.name() + "' appears twice");
    }

    public int size() { return dimensions.size(); }

    /** Point → unit coordinates. */
    public double[] toUnit(double[] point) {
        double[] u = new double[point.length];
        for (int i = 0; i < u.length; i++) u[i] = dimensions.get(i).toUnit(point[i]);
        return u;
    }

    /** Unit coordinates → point (rounded for INT, index for CHOICE). */
    public double[] fromUnit(double[] unit) {
        double[] p = new double[unit.length];
        for (int i = 0; i < p.length; i++) p[i] = dimensions.get(i).fromUnit(unit[i]);
        return p;
    }

    /** A hashable key of a point (after rounding), to detect duplicates. */
    static List<Double> key(double[] point) { return Arrays.stream(point).boxed().toList(); }
}
