package vq.kernels.strategy;

/** One side of a condition: a number, a {@code $param}, a bar field, or an indicator output. */
public sealed interface Operand {
    /** A literal number. */
    record Num(double value) implements Operand {
        @Override public String toString() { return Conditions.num(value); }
    }

    /** {@code $name}: a parameter, constant across bars. */
    record Param(String name, int index) implements Operand {
        @Override public String toString() { return "$" + name; }
    }

    /** A base-timeframe bar column ({@code open, high, low, close, volume, ...}, DESIGN.md §4). */
    record Price(String field) implements Operand {
        @Override public String toString() { return field; }
    }

    /** Output {@code field} of the declared indicator {@code name} ({@code macd.signal}). */
    record Ind(String name, String field) implements Operand {
        @Override public String toString() { return name + "." + field; }
    }

    /** Whether the operand is the same for every bar (a number or a parameter). */
    default boolean constant() { return this instanceof Num || this instanceof Param; }
}
