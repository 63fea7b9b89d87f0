package vq.kernels.screen;

/**
 * The metrics of DESIGN.md §7, one value per parameter set and symbol; {@link #column()} is the column
 * name in {@code sweep_results}. Definitions (daily returns {@code r_d} at 00:00 UTC, {@code n} of them,
 * the last one over the final, possibly partial, day; annualisation with 365 days):
 * <ul>
 * <li>total_return = E_end / E_0 − 1; cagr = (E_end / E_0)^(365 d / span) − 1 with span = last bar close −
 *     first bar open (−1 when E_end ≤ 0)</li>
 * <li>annual_volatility = std(r, n−1)·√365; sharpe = mean(r)/std(r, n−1)·√365; sortino = mean(r) /
 *     √(Σ min(r,0)² / n)·√365 (NaN when undefined)</li>
 * <li>max_drawdown = max (peak − E)/peak over bar closes (fraction); max_drawdown_duration_days = longest
 *     time from an equity peak to the latest bar still below it; calmar = cagr / max_drawdown</li>
 * <li>trades; win_rate = wins / trades (win: net PnL &gt; 0); profit_factor = gross profit / gross loss of
 *     net trade PnL (+∞ without losing trades); avg_win (USDT, ≥ 0), avg_loss (USDT, ≤ 0: mean net PnL of losing trades); expectancy = mean net
 *     PnL per trade (USDT); avg_r_multiple = mean of net PnL / (qty × stop distance) over trades with a stop</li>
 * <li>exposure = bar closes with an open position / bars; fees (USDT, incl. clearance fees); funding = net
 *     funding paid (USDT, negative when received); slippage = 0 in screening; liquidations, stop_losses,
 *     take_profits (counts)</li>
 * <li>cvar95 = mean of the worst ⌈0.05·n⌉ daily returns (a return: negative is a loss); skewness and
 *     kurtosis (non-excess; normal = 3) of daily returns (population moments); daily_returns = n;
 *     final_equity (USDT)</li>
 * </ul>
 */
public enum Metric {
    TOTAL_RETURN, CAGR, ANNUAL_VOLATILITY, SHARPE, SORTINO, MAX_DRAWDOWN, MAX_DRAWDOWN_DAYS, CALMAR,
    TRADES, WIN_RATE, PROFIT_FACTOR, AVG_WIN, AVG_LOSS, EXPECTANCY, AVG_R_MULTIPLE, EXPOSURE, FEES, FUNDING,
    SLIPPAGE, LIQUIDATIONS, STOP_LOSSES, TAKE_PROFITS, CVAR95, SKEWNESS, KURTOSIS, DAILY_RETURNS, FINAL_EQUITY;

    /** snake_case column name. */
    public String column() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static final int COUNT = values().length;
}
