package vq.optimizer.score;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vq.columnar.InputException;

/**
 * A hard constraint on one metric, e.g. {@code trades >= 50}, {@code max_drawdown <= 0.2}
 * (seed 003 "Hard constraints"; DESIGN.md §8 "hard constraints first"). A set violating any constraint is
 * rejected; an undefined (NaN) metric violates every constraint on it.
 */
public record Constraint(String metric, Op op, double threshold) {

    public enum Op {
        AT_LEAST(">="), AT_MOST("<=");

        final String symbol;

        Op(String symbol) { this.symbol = symbol; }
    }

    private static final Pattern FORM = Pattern.compile("\\s*([a-z_][a-z0-9_]*)\\s*(>=|<=)\\s*([-+0-9.eE]+)\\s*");

    /** Parses {@code name>=value} or {@code name<=value}. */
    public static Constraint parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) throw new InputException("constraint '" + text + "': expected metric>=number or metric<=number (e.g. trades>=50, max_drawdown<=0.2)");
        try {
            return new Constraint(m.group(1), m.group(2).equals(">=") ? Op.AT_LEAST : Op.AT_MOST, Double.parseDouble(m.group(3)));
        } catch (NumberFormatException e) {
            throw new InputException("constraint '" + text + "': '" + m.group(3) + "' is not a number");
        }
    }

    /** Whether {@code value} satisfies the constraint. */
    public boolean test(double value) {
        if (Double.isNaN(value)) return false;
        return op == Op.AT_LEAST ? value >= threshold : value <= threshold;
    }

    /**
     * Which sets satisfy every constraint.
     *
     * @param metrics metric name → {@code [sets]} values
     * @throws InputException naming a constraint whose metric is not among {@code metrics}
     */
    public static boolean[] accepted(java.util.List<Constraint> constraints, Map<String, double[]> metrics, int sets) {
        boolean[] ok = new boolean[sets];
        java.util.Arrays.fill(ok, true);
        for (Constraint c : constraints) {
            double[] v = metrics.get(c.metric());
            if (v == null) throw new InputException("constraint on unknown metric '" + c.metric() + "' (known: " + new java.util.TreeSet<>(metrics.keySet()) + ")");
            for (int i = 0; i < sets; i++) ok[i] &= c.test(v[i]);
        }
        return ok;
    }

    @Override
    public String toString() { return metric + op.symbol + threshold; }
}
