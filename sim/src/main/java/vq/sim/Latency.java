package vq.sim;

import java.util.Locale;

/**
 * One-way order latency from the strategy's decision to the venue's matching engine. Presets follow
 * the brief of issue #5: co_located 1 ms, domestic 20 ms, international 100 ms, retail 200 ms; any other
 * value is given as {@code custom:<millis>} (fractions allowed, e.g. {@code custom:0.25}).
 *
 * @param name        preset name or {@code custom}
 * @param nanos       latency in nanoseconds, ≥ 0
 */
public record Latency(String name, long nanos) {
    public static final Latency NONE = new Latency("none", 0);
    public static final Latency CO_LOCATED = new Latency("co_located", 1_000_000L);
    public static final Latency DOMESTIC = new Latency("domestic", 20_000_000L);
    public static final Latency INTERNATIONAL = new Latency("international", 100_000_000L);
    public static final Latency RETAIL = new Latency("retail", 200_000_000L);

    public Latency {
        if (nanos < 0) throw new IllegalArgumentException("latency must be >= 0 ns, got " + nanos);
    }

    /**
     * @param s {@code none|co_located|domestic|international|retail|custom:<ms>}
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static Latency parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (v) {
            case "none", "0": return NONE;
            case "co_located", "colocated": return CO_LOCATED;
            case "domestic": return DOMESTIC;
            case "international": return INTERNATIONAL;
            case "retail": return RETAIL;
            default:
                if (v.startsWith("custom:")) {
                    try {
                        double ms = Double.parseDouble(v.substring(7));
                        if (!(ms >= 0) || !Double.isFinite(ms)) throw new NumberFormatException();
                        return new Latency("custom", Math.round(ms * 1_000_000.0));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("custom latency must be custom:<milliseconds >= 0>, got '" + s + "'");
                    }
                }
                throw new IllegalArgumentException("latency must be one of none, co_located (1 ms), domestic (20 ms), "
                        + "international (100 ms), retail (200 ms) or custom:<ms>, got '" + s + "'");
        }
    }
}
