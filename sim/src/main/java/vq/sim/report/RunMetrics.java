package vq.sim.report;

import java.util.Arrays;

/**
 * The metrics of DESIGN.md §7 with the definitions of {@code vq.kernels.screen.Metric} (one definition,
 * used by both engines), computed from the equity samples and trades of a run.
 *
 * <p>Equity samples carry labels (bar open times for bar closes). Daily returns: for every 00:00 UTC
 * boundary {@code D} with {@code label[j−1] < D ≤ label[j]} the equity of sample {@code j−1} is marked;
 * after the run a final mark is taken with the final equity; {@code r = E/E_prev − 1} (0 while
 * {@code E_prev ≤ 0}), the first reference being the initial equity. Sharpe = mean(r)/std(r, n−1)·√365;
 * Sortino = mean(r)/√(Σ min(r,0)²/n)·√365; annual volatility = std·√365; CAGR = (E_end/E_0)^(365/span
 * days) − 1 (−1 when E_end ≤ 0) with span = last bar close − first bar open; max drawdown = max (peak −
 * E)/peak over samples, peak starting at E_0; its duration the longest label distance from a peak to a
 * later sample still below it; Calmar = CAGR/max drawdown; win = net PnL &gt; 0, avg loss over the other
 * trades; profit factor = gross profit / gross loss (+∞ without losses); expectancy = mean net PnL; avg R
 * = mean net PnL / initial risk over trades with a stop; exposure = bar closes in a position / bars;
 * CVaR95 = mean of the worst ⌈5%·n⌉ daily returns.
 */
public record RunMetrics(double totalReturn, double cagr, double annualVolatility, double sharpe, double sortino,
                         double maxDrawdown, long maxDrawdownDurationNanos, double calmar, int trades, double winRate,
                         double profitFactor, double avgWin, double avgLoss, double expectancy, double avgR, double exposure,
                         double fees, double funding, double slippage, long liquidations, double cvar95, double finalEquity,
                         int days, int stopLosses, int takeProfits) {

    private static final long DAY = 86_400_000_000_000L;

    /**
     * @param labels     sample labels (bar open times), epoch ns, non-decreasing
     * @param equity     equity at each sample, USDT
     * @param n          number of samples used
     * @param initial    initial equity, USDT
     * @param spanNanos  first bar open to last bar close, ns
     */
    public static RunMetrics compute(long[] labels, double[] equity, int n, double initial, long spanNanos, TradeBook tb,
                                     long barsInPosition, long bars, double fees, double funding, double slippage,
                                     long liquidations) {
        double[] daily = dailyReturns(labels, equity, n, initial);
        int d = daily.length;
        double mean = 0;
        for (double r : daily) mean += r;
        mean = d > 0 ? mean / d : Double.NaN;
        double var = 0, down = 0;
        for (double r : daily) {
            var += (r - mean) * (r - mean);
            double m = Math.min(r, 0);
            down += m * m;
        }
        double v = d > 1 ? var / (d - 1) : Double.NaN;
        double std = v > 0 ? Math.sqrt(v) : (v == 0 ? 0 : Double.NaN);
        double dd = d > 0 ? Math.sqrt(down / d) : Double.NaN;
        double sq = Math.sqrt(365.0);
        double sharpe = std > 0 ? mean / std * sq : Double.NaN;
        double sortino = dd > 0 ? mean / dd * sq : Double.NaN;
        double fin = n > 0 ? equity[n - 1] : initial;
        double growth = fin / initial;
        double spanDays = spanNanos / (double) DAY;
        double cagr = fin <= 0 ? -1.0 : Math.pow(growth, 365.0 / spanDays) - 1.0;
        double peak = initial, mdd = 0;
        long peakT = n > 0 ? labels[0] : 0, longest = 0;
        for (int i = 0; i < n; i++) {
            double e = equity[i];
            if (e >= peak) { peak = e; peakT = labels[i]; }
            longest = Math.max(longest, labels[i] - peakT);
            if (e < peak) {
                double x = (peak - e) / peak;
                if (x > mdd) mdd = x;
            }
        }
        double calmar = mdd > 0 ? cagr / mdd : Double.NaN;
        int closed = 0, wins = 0, withR = 0, sl = 0, tp = 0;
        double gp = 0, gl = 0, sumR = 0;
        for (int t = 0; t < tb.size; t++) {
            if (tb.openTrade(tb.sym[t]) == t) continue;
            closed++;
            double p = tb.net[t];
            if (p > 0) { wins++; gp += p; } else gl -= p;
            if (tb.initialRisk[t] > 0) { withR++; sumR += p / tb.initialRisk[t]; }
            if (tb.exitReason[t] == vq.sim.order.Orders.R_STOP_LOSS) sl++;
            if (tb.exitReason[t] == vq.sim.order.Orders.R_TAKE_PROFIT) tp++;
        }
        double[] sorted = daily.clone();
        Arrays.sort(sorted);
        int k = Math.min(d, Math.max(1, (int) Math.ceil(0.05 * d)));
        double cv = 0;
        for (int i = 0; i < k; i++) cv += sorted[i];
        double pf = closed == 0 ? Double.NaN : gl == 0 ? (gp > 0 ? Double.POSITIVE_INFINITY : Double.NaN) : gp / gl;
        return new RunMetrics(growth - 1.0, cagr, std * sq, sharpe, sortino, mdd, longest, calmar, closed,
                closed > 0 ? (double) wins / closed : Double.NaN, pf,
                wins > 0 ? gp / wins : Double.NaN, closed - wins > 0 ? -gl / (closed - wins) : Double.NaN,
                closed > 0 ? (gp - gl) / closed : Double.NaN,
                withR > 0 ? sumR / withR : Double.NaN, bars > 0 ? (double) barsInPosition / bars : 0, fees, funding, slippage,
                liquidations, k > 0 ? cv / k : Double.NaN, fin, d, sl, tp);
    }

    /** Daily returns at 00:00 UTC as documented above (day marks plus the final mark). */
    public static double[] dailyReturns(long[] labels, double[] equity, int n, double initial) {
        if (n == 0) return new double[0];
        int count = 1;
        for (int j = 1; j < n; j++) count += (int) (Math.floorDiv(labels[j], DAY) - Math.floorDiv(labels[j - 1], DAY));
        double[] r = new double[count];
        int k = 0;
        double prev = initial;
        for (int j = 1; j < n; j++) {
            long marks = Math.floorDiv(labels[j], DAY) - Math.floorDiv(labels[j - 1], DAY);
            for (long m = 0; m < marks; m++) {
                double e = equity[j - 1];
                r[k++] = prev > 0 ? e / prev - 1 : 0;
                prev = e;
            }
        }
        double e = equity[n - 1];
        r[k] = prev > 0 ? e / prev - 1 : 0;
        return r;
    }

    /**
     * This run's value of a screen metric, in the units {@link vq.kernels.screen.Metric} defines, so a
     * simulator run and a screened parameter set compare column by column.
     *
     * @throws IllegalArgumentException for skewness and kurtosis, which the simulator does not compute
     */
    public double value(vq.kernels.screen.Metric k) {
        return switch (k) {
            case TOTAL_RETURN -> totalReturn();
            case CAGR -> cagr();
            case ANNUAL_VOLATILITY -> annualVolatility();
            case SHARPE -> sharpe();
            case SORTINO -> sortino();
            case MAX_DRAWDOWN -> maxDrawdown();
            case MAX_DRAWDOWN_DAYS -> maxDrawdownDurationNanos() / 86_400_000_000_000.0;
            case CALMAR -> calmar();
            case TRADES -> trades();
            case WIN_RATE -> winRate();
            case PROFIT_FACTOR -> profitFactor();
            case AVG_WIN -> avgWin();
            case AVG_LOSS -> avgLoss();
            case EXPECTANCY -> expectancy();
            case AVG_R_MULTIPLE -> avgR();
            case EXPOSURE -> exposure();
            case FEES -> fees();
            case FUNDING -> funding();
            case SLIPPAGE -> slippage();
            case LIQUIDATIONS -> liquidations();
            case STOP_LOSSES -> stopLosses();
            case TAKE_PROFITS -> takeProfits();
            case CVAR95 -> cvar95();
            case DAILY_RETURNS -> days();
            case FINAL_EQUITY -> finalEquity();
            case SKEWNESS, KURTOSIS -> throw new IllegalArgumentException(k + " is not computed by the simulator");
        };
    }
}
