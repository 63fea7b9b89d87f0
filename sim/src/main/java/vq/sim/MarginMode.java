package vq.sim;

import java.util.Locale;

/** Binance margin modes. One-way position mode is the only position mode the simulator implements. */
public enum MarginMode {
    /** Each position has its own margin; a liquidation loses at most that margin. */
    ISOLATED,
    /** All positions of the account share the wallet balance. */
    CROSS;

    public static MarginMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("margin mode must be isolated or cross, got '" + s + "'");
        }
    }
}
