package vq.kernels.screen;

import java.util.Locale;

/** Which sides a screen may trade (DESIGN.md §6, "long/short/both"). */
public enum Sides {
    LONG, SHORT, BOTH;

    public boolean longs() { return this != SHORT; }

    public boolean shorts() { return this != LONG; }

    /** Parses {@code long|short|both} (case-insensitive); throws IllegalArgumentException naming the value. */
    public static Sides parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sides must be long, short or both, got '" + s + "'");
        }
    }
}
