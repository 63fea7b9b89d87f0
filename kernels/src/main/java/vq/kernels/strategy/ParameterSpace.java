package vq.kernels.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import vq.columnar.InputException;

/**
 * The parameters of a strategy and how they are swept. A <b>parameter set</b> is a {@code double[]} with
 * one value per parameter in {@link #params()} order (int parameters hold whole numbers). Parameters come
 * from {@code params:} and from dotted {@code sweep:} keys ({@code rsi.period}, {@code stop_loss.percent});
 * a parameter without a sweep is fixed at its default.
 *
 * <p>Grid enumeration is the cartesian product in declaration order (the last parameter varies fastest),
 * filtered by the constraints; random sampling draws each swept parameter independently from its domain
 * with a {@link SplittableRandom} seeded by the caller and rejects sets that break a constraint (so the
 * same seed gives the same sets).
 */
public final class ParameterSpace {
    /** Parameter value types. */
    public enum Type { INT, FLOAT }

    /** Sampling distributions for {@link Range} domains without a step. */
    public enum Distribution { UNIFORM, LOG_UNIFORM }

    /** How a parameter is swept. */
    public sealed interface Domain permits Values, Range {}

    /** Explicit values (a YAML list, or {@code choices:} when {@code categorical}). */
    public record Values(double[] values, boolean categorical) implements Domain {
        @Override public String toString() {
            StringBuilder sb = new StringBuilder(categorical ? "choices [" : "[");
            for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ", ").append(Conditions.num(values[i]));
            return sb.append(']').toString();
        }
    }

    /**
     * {@code {min, max, step}} (grid points min, min+step, ... ≤ max) or {@code {min, max, distribution}}
     * ({@code step} NaN: continuous, random sampling only).
     */
    public record Range(double min, double max, double step, Distribution distribution) implements Domain {
        public boolean gridded() { return !Double.isNaN(step); }

        /** Number of grid points (only when {@link #gridded()}). */
        public long points() { return (long) Math.floor((max - min) / step + 1e-9) + 1; }

        public double point(long k) {
            double v = min + k * step;
            // undo binary drift (0.1 + 0.2): round to the step's decimals
            double scale = Math.pow(10, Math.max(0, decimals(step) + decimals(min)));
            return Math.round(v * scale) / scale;
        }

        private static int decimals(double x) {
            String s = java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
            int dot = s.indexOf('.');
            return dot < 0 ? 0 : s.length() - dot - 1;
        }

        @Override public String toString() {
            return gridded() ? "{min: " + Conditions.num(min) + ", max: " + Conditions.num(max) + ", step: " + Conditions.num(step) + "}"
                    : "{min: " + Conditions.num(min) + ", max: " + Conditions.num(max) + ", distribution: " + distribution.name().toLowerCase(Locale.ROOT) + "}";
        }
    }

    /**
     * One parameter.
     *
     * @param domain null when the parameter is fixed at {@code defaultValue}
     * @param origin where it was declared ({@code params.fast}, or the dotted sweep key)
     */
    public record Param(String name, Type type, double defaultValue, Domain domain, String description, Loc loc) {
        public boolean swept() { return domain != null; }
    }

    /** {@code a op b} over parameters and numbers; op is one of {@code < <= > >= == !=}. */
    public record Constraint(int a, double aConst, String op, int b, double bConst, String text, Loc loc) {
        /** Operand index −1 means the constant is used. */
        boolean test(double[] p) {
            double x = a < 0 ? aConst : p[a], y = b < 0 ? bConst : p[b];
            return switch (op) {
                case "<" -> x < y;
                case "<=" -> x <= y;
                case ">" -> x > y;
                case ">=" -> x >= y;
                case "==" -> x == y;
                case "!=" -> x != y;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private final List<Param> params;
    private final List<Constraint> constraints;
    private final Map<String, Integer> index = new LinkedHashMap<>();

    public ParameterSpace(List<Param> params, List<Constraint> constraints) {
        this.params = List.copyOf(params);
        this.constraints = List.copyOf(constraints);
        for (int i = 0; i < this.params.size(); i++) index.put(this.params.get(i).name(), i);
    }

    public List<Param> params() { return params; }

    public List<Constraint> constraints() { return constraints; }

    public int size() { return params.size(); }

    /** Index of the parameter, or −1. */
    public int index(String name) { return index.getOrDefault(name, -1); }

    public List<String> names() { return List.copyOf(index.keySet()); }

    /** The default parameter set. */
    public double[] defaults() {
        double[] d = new double[params.size()];
        for (int i = 0; i < d.length; i++) d[i] = params.get(i).defaultValue();
        return d;
    }

    /** Whether {@code set} satisfies every constraint. */
    public boolean accepts(double[] set) {
        for (Constraint c : constraints) if (!c.test(set)) return false;
        return true;
    }

    /** The first constraint {@code set} breaks, or null. */
    public Constraint broken(double[] set) {
        for (Constraint c : constraints) if (!c.test(set)) return c;
        return null;
    }

    /**
     * The defaults with {@code overrides} applied (name → value). Unknown names, non-integers for int
     * parameters and broken constraints are {@link InputException}s naming the parameter.
     */
    public double[] with(Map<String, Double> overrides) {
        double[] d = defaults();
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            int i = index(e.getKey());
            if (i < 0) {
                String near = Names.nearest(e.getKey(), index.keySet());
                throw new InputException("unknown parameter '" + e.getKey() + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (parameters: " + String.join(", ", index.keySet()) + ")");
            }
            double v = e.getValue();
            if (params.get(i).type() == Type.INT && v != Math.rint(v))
                throw new InputException("parameter '" + e.getKey() + "' is an integer, got " + v);
            d[i] = v;
        }
        Constraint c = broken(d);
        if (c != null) throw new InputException("parameters " + describe(d) + " break the constraint '" + c.text() + "'");
        return d;
    }

    /** {@code "fast=10, slow=50"}. */
    public String describe(double[] set) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < params.size(); i++)
            sb.append(i == 0 ? "" : ", ").append(params.get(i).name()).append('=').append(Conditions.num(set[i]));
        return sb.toString();
    }

    /** Values of parameter i on the grid: its domain's points, or just its default when fixed. */
    public double[] gridValues(int i) {
        Param p = params.get(i);
        if (p.domain() == null) return new double[] {p.defaultValue()};
        if (p.domain() instanceof Values v) return v.values().clone();
        Range r = (Range) p.domain();
        if (!r.gridded())
            throw new InputException("parameter '" + p.name() + "' has a " + r.distribution().name().toLowerCase(Locale.ROOT)
                    + " distribution and no step: a grid needs a list, choices or {min, max, step} (use random sampling)");
        long n = r.points();
        if (n > 10_000_000) throw new InputException("parameter '" + p.name() + "' has " + n + " grid points (limit 10,000,000)");
        double[] out = new double[(int) n];
        for (int k = 0; k < n; k++) out[k] = r.point(k);
        return out;
    }

    /** Size of the full cartesian product before constraints (saturates at Long.MAX_VALUE). */
    public long gridProduct() {
        long n = 1;
        for (int i = 0; i < params.size(); i++) {
            long k = gridValues(i).length;
            n = n > Long.MAX_VALUE / k ? Long.MAX_VALUE : n * k;
        }
        return n;
    }

    /**
     * Grid iterator over parameter sets that satisfy the constraints; each call to {@code next()} returns a
     * fresh array. Lazy: O(parameters) memory.
     */
    public Iterator<double[]> grid() {
        double[][] axes = new double[params.size()][];
        for (int i = 0; i < axes.length; i++) axes[i] = gridValues(i);
        return new Iterator<>() {
            final int[] pos = new int[axes.length];
            boolean done = false;
            double[] next = advance(true);

            private double[] current() {
                double[] s = new double[axes.length];
                for (int i = 0; i < s.length; i++) s[i] = axes[i][pos[i]];
                return s;
            }

            private boolean step() {
                for (int i = axes.length - 1; i >= 0; i--) {
                    if (++pos[i] < axes[i].length) return true;
                    pos[i] = 0;
                }
                return false;
            }

            private double[] advance(boolean first) {
                if (done) return null;
                if (!first && !step()) { done = true; return null; }
                while (true) {
                    double[] s = current();
                    if (accepts(s)) return s;
                    if (!step()) { done = true; return null; }
                }
            }

            @Override public boolean hasNext() { return next != null; }

            @Override public double[] next() {
                if (next == null) throw new NoSuchElementException();
                double[] r = next;
                next = advance(false);
                return r;
            }
        };
    }

    /** All grid sets that satisfy the constraints; {@link InputException} when more than {@code limit}. */
    public double[][] gridSets(long limit) {
        List<double[]> out = new ArrayList<>();
        for (Iterator<double[]> it = grid(); it.hasNext(); ) {
            if (out.size() >= limit) throw new InputException("the grid has more than " + limit + " parameter sets; use random sampling or narrow the sweep");
            out.add(it.next());
        }
        return out.toArray(double[][]::new);
    }

    /**
     * {@code n} random parameter sets (seeded, deterministic), each satisfying the constraints. Swept
     * parameters draw from their domain (lists and grids: uniform over the points; ranges: uniform or
     * log-uniform, int parameters rounded to the nearest integer within [min, max]); fixed parameters
     * keep their default. Throws {@link InputException} when fewer than 1 in 1,000 draws satisfy the
     * constraints.
     */
    public double[][] sample(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] out = new double[n][];
        long attempts = 0, maxAttempts = 1000L * Math.max(n, 1) + 10_000;
        for (int k = 0; k < n; ) {
            double[] s = new double[params.size()];
            for (int i = 0; i < s.length; i++) s[i] = draw(params.get(i), rnd);
            if (accepts(s)) out[k++] = s;
            if (++attempts > maxAttempts)
                throw new InputException("random sampling: fewer than 1 in 1,000 draws satisfy the constraints " + constraints.stream().map(Constraint::text).toList());
        }
        return out;
    }

    private static double draw(Param p, SplittableRandom rnd) {
        if (p.domain() == null) return p.defaultValue();
        if (p.domain() instanceof Values v) return v.values()[rnd.nextInt(v.values().length)];
        Range r = (Range) p.domain();
        if (r.gridded()) return r.point(rnd.nextLong(r.points()));
        double x;
        if (r.distribution() == Distribution.LOG_UNIFORM) {
            double lo = Math.log(p.type() == Type.INT ? r.min() - 0.5 : r.min());
            double hi = Math.log(p.type() == Type.INT ? r.max() + 0.5 : r.max());
            if (p.type() == Type.INT && r.min() - 0.5 <= 0) lo = Math.log(r.min());
            x = Math.exp(lo + (hi - lo) * rnd.nextDouble());
        } else {
            x = p.type() == Type.INT ? r.min() - 0.5 + (r.max() - r.min() + 1) * rnd.nextDouble()
                    : r.min() + (r.max() - r.min()) * rnd.nextDouble();
        }
        if (p.type() == Type.INT) x = Math.min(r.max(), Math.max(r.min(), Math.rint(x)));
        return x;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Param p : params)
            sb.append(p.name()).append(' ').append(p.type().name().toLowerCase(Locale.ROOT)).append(" default ")
                    .append(Conditions.num(p.defaultValue())).append(p.domain() == null ? "" : " sweep " + p.domain()).append('\n');
        for (Constraint c : constraints) sb.append("constraint ").append(c.text()).append('\n');
        return sb.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof ParameterSpace s && s.toString().equals(toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }

    static String arr(double[] a) { return Arrays.toString(a); }
}
