package vq.optimizer.store;

/**
 * The metric columns of {@code sweep_results} and {@code runs}, in table order (DESIGN.md §7: one
 * definition, used everywhere). A writer passes metrics as a {@code double[Metric.COUNT]} indexed by
 * {@link #ordinal()}; integer metrics ({@link #isCount()}) are stored as BIGINT and must hold whole
 * numbers. Units are in the column names or below: fractions are plain fractions (0.1 = 10 %), money
 * is quote currency (USDT), ratios are annualised with 365 days.
 */
public enum Metric {
    /** Final equity / initial equity − 1 (fraction). */
    TOTAL_RETURN("total_return"),
    /** Compound annual growth rate, 365-day years (fraction). */
    CAGR("cagr"),
    /** std(daily returns, n−1)·√365 (fraction). */
    ANNUAL_VOLATILITY("annual_volatility"),
    /** mean(daily)/std(daily, n−1)·√365, daily returns taken at 00:00 UTC. */
    SHARPE("sharpe"),
    /** mean(daily)/downside deviation (vs 0)·√365. */
    SORTINO("sortino"),
    /** Largest peak-to-trough fall as a fraction of peak equity, in [0, 1]. */
    MAX_DRAWDOWN("max_drawdown"),
    /** Longest time below a previous equity peak (days, fractional). */
    MAX_DRAWDOWN_DAYS("max_drawdown_days"),
    /** CAGR / max_drawdown. */
    CALMAR("calmar"),
    /** Number of closed trades. */
    TRADES("trades", true),
    /** Winning trades / trades (fraction). */
    WIN_RATE("win_rate"),
    /** Gross profit / gross loss of closed trades (net PnL); +Inf when there is no loss. */
    PROFIT_FACTOR("profit_factor"),
    /** Mean net PnL of winning trades (USDT). */
    AVG_WIN("avg_win"),
    /** Mean net PnL of losing trades (USDT, negative). */
    AVG_LOSS("avg_loss"),
    /** Mean net PnL per trade (USDT). */
    EXPECTANCY("expectancy"),
    /** Mean R multiple (net PnL / initial risk to the stop); NaN without stops. */
    AVG_R_MULTIPLE("avg_r_multiple"),
    /** Fraction of bars with an open position, in [0, 1]. */
    EXPOSURE("exposure"),
    /** Trading fees paid (USDT, ≥ 0). */
    FEES("fees"),
    /** Net funding paid (USDT; negative = received). */
    FUNDING("funding"),
    /** Slippage cost (USDT, ≥ 0; 0 in screening fidelity). */
    SLIPPAGE("slippage"),
    /** Number of liquidations. */
    LIQUIDATIONS("liquidations", true),
    /** Conditional value at risk at 95 % of daily returns (mean of the worst 5 %, fraction, ≤ 0 usually). */
    CVAR95("cvar95");

    /** All metrics in column order (shared array: do not modify). */
    static final Metric[] VALUES = values();

    /** Number of metric columns. */
    public static final int COUNT = VALUES.length;

    private final String column;
    private final boolean count;

    Metric(String column) { this(column, false); }

    Metric(String column, boolean count) {
        this.column = column;
        this.count = count;
    }

    /** SQL column name (snake_case). */
    public String column() { return column; }

    /** True for integer metrics stored as BIGINT. */
    public boolean isCount() { return count; }

    /** SQL type of the column. */
    public String sqlType() { return count ? "BIGINT" : "DOUBLE"; }

    /** {@code "total_return DOUBLE, cagr DOUBLE, ..."} for a CREATE TABLE. */
    static String columnsDdl() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : values()) {
            if (!sb.isEmpty()) sb.append(",\n    ");
            sb.append(m.column).append(' ').append(m.sqlType());
        }
        return sb.toString();
    }

    /** {@code "prefix.total_return, prefix.cagr, ..."} (or without a prefix when it is empty). */
    static String columnList(String prefix) {
        StringBuilder sb = new StringBuilder();
        for (Metric m : values()) {
            if (!sb.isEmpty()) sb.append(", ");
            if (!prefix.isEmpty()) sb.append(prefix).append('.');
            sb.append(m.column);
        }
        return sb.toString();
    }
}
