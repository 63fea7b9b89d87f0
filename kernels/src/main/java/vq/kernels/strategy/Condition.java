package vq.kernels.strategy;

import java.util.List;

/**
 * A condition evaluated at each bar's close (DESIGN.md §6). {@link All} is a YAML list (AND), {@link Any}
 * an {@code any:} list (OR). Comparisons with a NaN operand (indicator warm-up) are false.
 */
public sealed interface Condition {
    /** Where the condition was written, and its text as written. */
    Loc loc();

    /** Comparison operators. Crosses compare bar i with bar i-1: {@code a[i-1] <= b[i-1] && a[i] > b[i]}. */
    enum Op {
        GT(">"), LT("<"), GE(">="), LE("<="), CROSSES_ABOVE("crosses_above"), CROSSES_BELOW("crosses_below");

        public final String symbol;

        Op(String symbol) { this.symbol = symbol; }
    }

    /** {@code a op b}. */
    record Compare(Operand a, Op op, Operand b, String text, Loc loc) implements Condition {
        @Override public String toString() { return a + " " + op.symbol + " " + b; }
    }

    /** {@code x between lo hi}: {@code lo <= x && x <= hi}. */
    record Between(Operand x, Operand lo, Operand hi, String text, Loc loc) implements Condition {
        @Override public String toString() { return x + " between " + lo + " " + hi; }
    }

    /** Every condition holds (a YAML list, or {@code all:}). */
    record All(List<Condition> items, Loc loc) implements Condition {
        public All { items = List.copyOf(items); }

        @Override public String toString() { return items.size() == 1 ? items.getFirst().toString() : "all" + items; }
    }

    /** At least one condition holds ({@code any:}). */
    record Any(List<Condition> items, Loc loc) implements Condition {
        public Any { items = List.copyOf(items); }

        @Override public String toString() { return "any" + items; }
    }
}
