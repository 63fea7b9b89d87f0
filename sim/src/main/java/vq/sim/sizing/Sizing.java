package vq.sim.sizing;

import java.util.Locale;

/**
 * Position sizing (issue #5). Every method is capped by {@code maxPositionPct} (margin as a fraction of
 * equity) and {@code maxLeverage} (notional as a multiple of equity).
 *
 * <ul>
 *   <li>{@code MARGIN_FRACTION} (screening default, DESIGN.md §6): margin = {@code fraction} × equity at
 *       the fill; notional = margin × leverage; qty = notional / fill price.</li>
 *   <li>{@code FIXED_FRACTIONAL}: risk {@code riskFraction} × equity to the stop: qty = risk / |entry − stop|.
 *       Without a stop the order falls back to {@code MARGIN_FRACTION} and the decision is logged.</li>
 *   <li>{@code KELLY}: margin fraction f = {@code kellyMultiplier} × max(0, p − (1 − p)/b), with p the win
 *       rate and b = mean win / mean loss of the run's own closed trades, returns measured on margin
 *       (Kelly 1956; Thorp 2006). Until {@code kellyMinTrades} trades have closed, f = {@code fraction}.
 *       Only trades closed before the decision are used: no lookahead.</li>
 *   <li>{@code ATR}: risk {@code riskFraction} × equity to a stop {@code atrMultiple} × ATR(14) (Wilder)
 *       away: qty = risk / (atrMultiple × ATR).</li>
 * </ul>
 *
 * @param method          sizing method
 * @param fraction        margin fraction (0, 1] for MARGIN_FRACTION and the Kelly warm-up
 * @param riskFraction    equity fraction at risk per trade for FIXED_FRACTIONAL and ATR
 * @param kellyMultiplier fractional-Kelly multiplier (0, 1]
 * @param kellyMinTrades  closed trades needed before Kelly is used
 * @param atrMultiple     stop distance in ATRs for the ATR method
 * @param maxPositionPct  cap on margin / equity (0, 1]
 * @param maxLeverage     cap on notional / equity (NaN = the run's leverage)
 */
public record Sizing(Method method, double fraction, double riskFraction, double kellyMultiplier, int kellyMinTrades,
                     double atrMultiple, double maxPositionPct, double maxLeverage) {

    public enum Method { MARGIN_FRACTION, FIXED_FRACTIONAL, KELLY, ATR }

    public Sizing {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("sizing fraction must be in (0,1], got " + fraction);
        if (!(maxPositionPct > 0 && maxPositionPct <= 1)) throw new IllegalArgumentException("max position % must be in (0,1], got " + maxPositionPct);
        if (method != Method.MARGIN_FRACTION && method != Method.KELLY && !(riskFraction > 0 && riskFraction < 1))
            throw new IllegalArgumentException("risk fraction must be in (0,1), got " + riskFraction);
        if (method == Method.KELLY && !(kellyMultiplier > 0 && kellyMultiplier <= 1))
            throw new IllegalArgumentException("kelly multiplier must be in (0,1], got " + kellyMultiplier);
        if (method == Method.ATR && !(atrMultiple > 0)) throw new IllegalArgumentException("atr multiple must be > 0");
    }

    public static Sizing marginFraction(double fraction) {
        return new Sizing(Method.MARGIN_FRACTION, fraction, Double.NaN, Double.NaN, 0, Double.NaN, 1.0, Double.NaN);
    }

    /**
     * Parses the CLI form: {@code margin:F}, {@code fixed_fractional:R}, {@code kelly:M[,MIN_TRADES]},
     * {@code atr:R,K}; any of them may be followed by {@code ;max_position=P;max_leverage=L}.
     *
     * @param fraction margin fraction used by margin sizing and as fallback
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Sizing parse(String s, double fraction) {
        String[] parts = s.trim().toLowerCase(Locale.ROOT).split(";");
        double maxPos = 1.0, maxLev = Double.NaN;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) throw bad(s);
            switch (kv[0].trim()) {
                case "max_position" -> maxPos = num(kv[1], s);
                case "max_leverage" -> maxLev = num(kv[1], s);
                default -> throw bad(s);
            }
        }
        String[] mv = parts[0].split(":", 2);
        String[] args = mv.length > 1 ? mv[1].split(",") : new String[0];
        return switch (mv[0].trim()) {
            case "margin", "margin_fraction" -> new Sizing(Method.MARGIN_FRACTION, args.length > 0 ? num(args[0], s) : fraction,
                    Double.NaN, Double.NaN, 0, Double.NaN, maxPos, maxLev);
            case "fixed_fractional" -> new Sizing(Method.FIXED_FRACTIONAL, fraction, args.length > 0 ? num(args[0], s) : 0.01,
                    Double.NaN, 0, Double.NaN, maxPos, maxLev);
            case "kelly" -> new Sizing(Method.KELLY, fraction, Double.NaN, args.length > 0 ? num(args[0], s) : 0.5,
                    args.length > 1 ? (int) num(args[1], s) : 20, Double.NaN, maxPos, maxLev);
            case "atr" -> new Sizing(Method.ATR, fraction, args.length > 0 ? num(args[0], s) : 0.01, Double.NaN, 0,
                    args.length > 1 ? num(args[1], s) : 2.0, maxPos, maxLev);
            default -> throw bad(s);
        };
    }

    private static double num(String v, String s) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(s);
        }
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("--sizing must be margin:F | fixed_fractional:R | kelly:M[,MIN_TRADES] | atr:R,K "
                + "optionally followed by ;max_position=P;max_leverage=L, got '" + s + "'");
    }
}
