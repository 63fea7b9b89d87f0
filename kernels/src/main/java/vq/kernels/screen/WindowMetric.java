package vq.kernels.screen;

/**
 * Per-window statistics accumulated in the screening pass (see {@link Windows} for attribution rules):
 * total_return = E(end edge)/E(start edge) − 1; sharpe and sortino of the window's daily returns (365-day
 * annualisation, NaN when fewer than 2 days or zero deviation); mean_daily_return; days; trades; win_rate;
 * profit_factor; exposure (bars with a position at the close / bars in the window); fees; funding (paid).
 * Max drawdown is not accumulated per window.
 */
public enum WindowMetric {
    TOTAL_RETURN, SHARPE, SORTINO, MEAN_DAILY_RETURN, DAYS, TRADES, WIN_RATE, PROFIT_FACTOR, EXPOSURE, FEES, FUNDING;

    public String column() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static final int COUNT = values().length;
}
