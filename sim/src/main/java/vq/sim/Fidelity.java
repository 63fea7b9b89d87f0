package vq.sim;

import java.util.Locale;

/**
 * How closely the simulator models execution (DESIGN.md §6).
 *
 * <ul>
 *   <li>{@link #SCREENING}: exactly the rules the SIMD screen uses, so the two engines agree trade by
 *       trade: market orders from a signal fill at the next bar's open (taker), stop-loss/take-profit
 *       live from the bar after the fill bar, adverse extreme first within a bar, stops at the stop price
 *       (taker), take-profits at the limit (maker), liquidation at the Binance liquidation price, no
 *       slippage, no latency, sizing by margin fraction of equity at the fill.</li>
 *   <li>{@link #REALISTIC}: adds slippage {@code spread/2 + k·σ·√(qty/ADV)}, order latency, probabilistic
 *       limit fills (seeded), stop fills one tick beyond the stop, protective orders live from the fill
 *       itself, liquidation on the mark price (mark-price bars when the catalog has them), fills against
 *       best bid/ask and trade prints when quotes/trades are present.</li>
 * </ul>
 */
public enum Fidelity {
    SCREENING, REALISTIC;

    /** Parses {@code screening|realistic}; throws IllegalArgumentException naming the value. */
    public static Fidelity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fidelity must be screening or realistic, got '" + s + "'");
        }
    }
}
