package vq.kernels.indicators;

import java.util.Locale;

/**
 * Price/volume inputs of an indicator: a bar column or a derived price. Names are those used in YAML
 * ({@code source: close}).
 *
 * <ul>
 *   <li>{@code open, high, low, close, volume}: the bar columns (DESIGN.md §4);</li>
 *   <li>{@code hl2} = (high + low) / 2, {@code hlc3} = (high + low + close) / 3 (TA-Lib TYPPRICE, computed as
 *       {@code (h + l + c) / 3} in that order), {@code ohlc4} = (open + high + low + close) / 4 (TA-Lib AVGPRICE).</li>
 * </ul>
 */
public enum Source {
    OPEN, HIGH, LOW, CLOSE, VOLUME, HL2, HLC3, OHLC4;

    /** YAML name, lower case. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Whether this is a bar column as stored (not derived). */
    public boolean isColumn() { return ordinal() <= VOLUME.ordinal(); }

    /** The source named {@code id} (case-insensitive), or {@code null}. */
    public static Source find(String id) {
        if (id == null) return null;
        for (Source s : values()) if (s.id().equalsIgnoreCase(id)) return s;
        return null;
    }

    /** The source named {@code id}; {@link IllegalArgumentException} naming the valid choices otherwise. */
    public static Source of(String id) {
        Source s = find(id);
        if (s == null)
            throw new IllegalArgumentException("unknown source '" + id + "' (expected one of open, high, low, close, volume, hl2, hlc3, ohlc4)");
        return s;
    }
}
