package vq.data;

/**
 * Epoch timestamps of unknown unit, told apart by magnitude (DESIGN.md §3: Binance files carry milliseconds,
 * spot files from 2025 on microseconds). For dates between 1973 and 5138:
 * seconds {@code < 1e11 <=} milliseconds {@code < 1e14 <=} microseconds {@code < 1e17 <=} nanoseconds.
 * A source's unit is fixed by its first row; later rows of another magnitude are errors.
 */
final class Timestamps {
    private Timestamps() {}

    enum Unit {
        SECONDS(1_000_000_000L, "seconds"), MILLIS(1_000_000L, "milliseconds"), MICROS(1_000L, "microseconds"), NANOS(1L, "nanoseconds");

        final long factor;
        final String label;

        Unit(long factor, String label) {
            this.factor = factor;
            this.label = label;
        }

        static Unit ofName(String s) {
            return switch (s) {
                case "s", "seconds" -> SECONDS;
                case "ms", "millis", "milliseconds" -> MILLIS;
                case "us", "micros", "microseconds" -> MICROS;
                case "ns", "nanos", "nanoseconds" -> NANOS;
                default -> throw new vq.columnar.InputException("unknown time unit '" + s + "' (s, ms, us, ns)");
            };
        }
    }

    /** The unit whose magnitude band contains {@code v} (a non-negative epoch value). */
    static Unit detect(long v) {
        long a = Math.abs(v);
        if (a < 100_000_000_000L) return Unit.SECONDS;
        if (a < 100_000_000_000_000L) return Unit.MILLIS;
        if (a < 100_000_000_000_000_000L) return Unit.MICROS;
        return Unit.NANOS;
    }

    /**
     * Per-source unit state: the first value fixes the unit (unless forced), later values must agree.
     */
    static final class Detector {
        private Unit unit;
        private final boolean forced;

        Detector(Unit forced) {
            this.unit = forced;
            this.forced = forced != null;
        }

        Unit unit() { return unit; }

        /** Converts {@code v} to epoch nanoseconds; throws with the located problem via {@code csv}. */
        long toNanos(long v, ByteCsv csv, String field) {
            Unit u = unit;
            if (u == null) {
                if (v < 0) throw csv.error(field, "negative timestamp " + v);
                unit = u = detect(v);
            } else if (!forced && u != detect(v)) {
                throw csv.error(field, "timestamp " + v + " looks like " + detect(v).label + " but earlier rows of this file are in "
                        + u.label);
            }
            if (v > Long.MAX_VALUE / u.factor || v < 0) throw csv.error(field, "timestamp " + v + " out of range for " + u.label);
            return v * u.factor;
        }
    }
}
