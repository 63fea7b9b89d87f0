package vq.data;

/**
 * Value checks shared by the importers and {@code vq data verify} (DESIGN.md §4): prices finite and positive,
 * sizes and volumes finite and non-negative, OHLC consistent ({@code high >= max(open, close)},
 * {@code low <= min(open, close)}, {@code high >= low}). Each check returns null when the value is fine, else a
 * {@link Problem} naming the field; callers add the location (file and line, or segment and row).
 */
final class Checks {
    private Checks() {}

    /** What is wrong, and in which field. */
    record Problem(String field, String message) {}

    static Problem price(String field, double v) {
        if (v > 0 && v < Double.POSITIVE_INFINITY) return null;
        return new Problem(field, Double.isFinite(v) ? "price must be > 0, got " + v : "not a finite number (" + v + ")");
    }

    static Problem nonNegative(String field, double v) {
        if (v >= 0 && v < Double.POSITIVE_INFINITY) return null;
        return new Problem(field, Double.isFinite(v) ? "must be >= 0, got " + v : "not a finite number (" + v + ")");
    }

    static Problem finite(String field, double v) {
        return Double.isFinite(v) ? null : new Problem(field, "not a finite number (" + v + ")");
    }

    /** Finite and positive, or NaN (absent). */
    static Problem priceOrNaN(String field, double v) {
        return Double.isNaN(v) ? null : price(field, v);
    }

    static Problem ohlc(double o, double h, double l, double c) {
        Problem p = price("open", o);
        if (p == null) p = price("high", h);
        if (p == null) p = price("low", l);
        if (p == null) p = price("close", c);
        if (p != null) return p;
        if (h < o || h < c) return new Problem("high", "high " + h + " is below max(open " + o + ", close " + c + ")");
        if (l > o || l > c) return new Problem("low", "low " + l + " is above min(open " + o + ", close " + c + ")");
        if (h < l) return new Problem("high", "high " + h + " is below low " + l);
        return null;
    }

    static Problem side(String field, int side) {
        return side == 1 || side == -1 ? null : new Problem(field, "side must be +1 or -1, got " + side);
    }

    /** Throws the problem located at the current line of {@code csv}, if any. */
    static void require(Problem p, ByteCsv csv) {
        if (p != null) throw csv.error(p.field(), p.message());
    }
}
