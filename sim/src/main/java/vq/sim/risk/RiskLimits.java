package vq.sim.risk;

import java.util.Locale;

/**
 * Risk limits checked on every order that can increase exposure (reduce-only orders always pass).
 * Every rejection or resize is written to the event log with the rule that fired.
 *
 * <p>Strategy level (on the strategy's own equity curve): {@code ddScaleDownAt}/{@code ddScaleDownFactor}
 * (above this drawdown, quantities are multiplied by the factor), {@code ddHaltAt} (no new exposure above
 * this drawdown), {@code dailyLossLimit} (no new exposure once today's loss, from the equity at 00:00 UTC,
 * exceeds this fraction), {@code maxConsecutiveLosses} then {@code cooldownNanos} without entries.
 * Portfolio level (on the account): {@code portfolioMaxDrawdown} halt, {@code portfolioDailyLoss},
 * {@code maxTotalExposure} (Σ|notional| / equity) and {@code maxSymbolExposure} (|notional| of one symbol /
 * equity); exposure limits resize the order down to what fits, or reject it when nothing fits.
 * NaN (or 0 for counts) disables a rule. Fractions in (0, 1]; exposures in multiples of equity.
 */
public record RiskLimits(double ddScaleDownAt, double ddScaleDownFactor, double ddHaltAt, double dailyLossLimit,
                         int maxConsecutiveLosses, long cooldownNanos, double portfolioMaxDrawdown, double portfolioDailyLoss,
                         double maxTotalExposure, double maxSymbolExposure) {

    public static final RiskLimits NONE = new RiskLimits(Double.NaN, 1.0, Double.NaN, Double.NaN, 0, 0, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN);

    /**
     * Parses {@code key=value} pairs separated by commas: {@code dd_scale=0.1:0.5} (at 10% drawdown halve
     * sizes), {@code dd_halt=0.3}, {@code daily_loss=0.05}, {@code max_consec_losses=5}, {@code cooldown=4h}
     * (s, m, h, d), {@code portfolio_dd=0.4}, {@code portfolio_daily_loss=0.1}, {@code max_exposure=3},
     * {@code max_symbol_exposure=2}.
     *
     * @throws IllegalArgumentException naming the offending pair
     */
    public static RiskLimits parse(String s) {
        double sa = Double.NaN, sf = 1.0, halt = Double.NaN, daily = Double.NaN, pdd = Double.NaN, pdaily = Double.NaN,
                tot = Double.NaN, sym = Double.NaN;
        int consec = 0;
        long cool = 0;
        if (s == null || s.isBlank() || s.equalsIgnoreCase("none")) return NONE;
        for (String pair : s.split(",")) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("--risk: expected key=value, got '" + pair + "'");
            String k = kv[0].trim().toLowerCase(Locale.ROOT), v = kv[1].trim();
            try {
                switch (k) {
                    case "dd_scale" -> {
                        String[] p = v.split(":");
                        sa = Double.parseDouble(p[0]);
                        sf = Double.parseDouble(p[1]);
                    }
                    case "dd_halt" -> halt = Double.parseDouble(v);
                    case "daily_loss" -> daily = Double.parseDouble(v);
                    case "max_consec_losses" -> consec = Integer.parseInt(v);
                    case "cooldown" -> cool = duration(v);
                    case "portfolio_dd" -> pdd = Double.parseDouble(v);
                    case "portfolio_daily_loss" -> pdaily = Double.parseDouble(v);
                    case "max_exposure" -> tot = Double.parseDouble(v);
                    case "max_symbol_exposure" -> sym = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("--risk: unknown key '" + k + "' (known: dd_scale, dd_halt, daily_loss, "
                            + "max_consec_losses, cooldown, portfolio_dd, portfolio_daily_loss, max_exposure, max_symbol_exposure)");
                }
            } catch (RuntimeException e) {
                if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith("--risk")) throw iae;
                throw new IllegalArgumentException("--risk: bad value in '" + pair + "'");
            }
        }
        return new RiskLimits(sa, sf, halt, daily, consec, cool, pdd, pdaily, tot, sym);
    }

    static long duration(String v) {
        char u = v.charAt(v.length() - 1);
        double x = Double.parseDouble(v.substring(0, v.length() - 1));
        long unit = switch (u) {
            case 's' -> 1_000_000_000L;
            case 'm' -> 60_000_000_000L;
            case 'h' -> 3_600_000_000_000L;
            case 'd' -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("--risk: duration needs a unit s, m, h or d: " + v);
        };
        return Math.round(x * unit);
    }
}
