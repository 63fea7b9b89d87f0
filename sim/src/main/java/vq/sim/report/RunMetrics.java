package vq.sim.report;

import java.util.Arrays;

/**
 * The metrics of DESIGN.md §7, one definition for every engine.
 *
 * <p>Daily returns: equity is sampled at bar closes; the equity of UTC day {@code d} is the last sample
 * with {@code ts ≤ 00:00 of d+1} (a bar closing exactly at midnight belongs to the day it closes), the
 * first day's reference is the initial equity; {@code r_d = E_d / E_{d−1} − 1} over every day from the
 * first sample's day to the last one's (days without samples repeat the previous equity).
 * Sharpe = mean(r)/std(r, n−1)·√365; Sortino = mean(r)/√(mean(min(r,0)²))·√365; annual volatility =
 * std·√365; CAGR = (E_end/E_0)^(365/days) − 1 with days = (last sample − first sample + one bar)/1 day
 * (callers pass the span); max drawdown = max over samples of 1 − E/peak (fraction of peak, in [0,1]);
 * its duration the longest time from a peak to the recovery of that peak (or to the end); Calmar =
 * CAGR / max drawdown; win rate, profit factor = gross profit / gross loss of net trade PnL; expectancy
 * = mean net PnL per trade; avg R = mean of net PnL / initial risk over trades with a stop; exposure =
 * bars in a position / bars; CVaR95 = mean of the worst ⌈5% · n⌉ daily returns.
 */
public record RunMetrics(double totalReturn, double cagr, double annualVolatility, double sharpe, double sortino,
                         double maxDrawdown, long maxDrawdownDurationNanos, double calmar, int trades, double winRate,
                         double profitFactor, double avgWin, double avgLoss, double expectancy, double avgR, double exposure,
                         double fees, double funding, double slippage, long liquidations, double cvar95, double finalEquity,
                         int days) {

    private static final long DAY = 86_400_000_000_000L;

    /**
     * @param ts           sample times, epoch ns, non-decreasing (bar closes)
     * @param equity       equity at each sample, USDT
     * @param n            number of samples used
     * @param initial      initial equity, USDT
     * @param spanNanos    length of the run (first bar open to last bar close), ns
     */
    public static RunMetrics compute(long[] ts, double[] equity, int n, double initial, long spanNanos, TradeBook tb,
                                     long barsInPosition, long bars, double fees, double funding, double slippage,
                                     long liquidations) {
        double[] daily = dailyReturns(ts, equity, n, initial);
        int d = daily.length;
        double mean = 0;
        for (double r : daily) mean += r;
        mean = d > 0 ? mean / d : 0;
        double var = 0, down = 0;
        for (double r : daily) {
            var += (r - mean) * (r - mean);
            double m = Math.min(r, 0);
            down += m * m;
        }
        double std = d > 1 ? Math.sqrt(var / (d - 1)) : Double.NaN;
        double dd = d > 0 ? Math.sqrt(down / d) : Double.NaN;
        double sharpe = std > 0 ? mean / std * Math.sqrt(365) : Double.NaN;
        double sortino = dd > 0 ? mean / dd * Math.sqrt(365) : Double.NaN;
        double fin = n > 0 ? equity[n - 1] : initial;
        double total = fin / initial - 1;
        double years = spanNanos / (365.0 * DAY);
        double cagr = years > 0 && fin > 0 ? Math.pow(fin / initial, 1 / years) - 1 : (fin <= 0 ? -1 : Double.NaN);
        double peak = initial, mdd = 0;
        long peakTs = n > 0 ? ts[0] : 0, longest = 0;
        for (int i = 0; i < n; i++) {
            double e = equity[i];
            if (e >= peak) {
                longest = Math.max(longest, ts[i] - peakTs);
                peak = e;
                peakTs = ts[i];
            } else {
                double x = peak > 0 ? 1 - e / peak : 1;
                if (x > mdd) mdd = x;
            }
        }
        if (n > 0) longest = Math.max(longest, ts[n - 1] - peakTs);
        mdd = Math.min(1, Math.max(0, mdd));
        double calmar = mdd > 0 ? cagr / mdd : Double.NaN;
        int closed = 0, wins = 0, losses = 0, withR = 0;
        double gp = 0, gl = 0, sumR = 0, sumNet = 0;
        for (int t = 0; t < tb.size; t++) {
            if (tb.openTrade(tb.sym[t]) == t) continue;
            closed++;
            double p = tb.net[t];
            sumNet += p;
            if (p > 0) { wins++; gp += p; } else if (p < 0) { losses++; gl -= p; }
            if (tb.initialRisk[t] > 0) { withR++; sumR += p / tb.initialRisk[t]; }
        }
        double[] sorted = daily.clone();
        Arrays.sort(sorted);
        int k = (int) Math.ceil(0.05 * d);
        double cvar = Double.NaN;
        if (k > 0) {
            double s = 0;
            for (int i = 0; i < k; i++) s += sorted[i];
            cvar = s / k;
        }
        return new RunMetrics(total, cagr, std * Math.sqrt(365), sharpe, sortino, mdd, longest, calmar, closed,
                closed > 0 ? (double) wins / closed : Double.NaN, gl > 0 ? gp / gl : (gp > 0 ? Double.POSITIVE_INFINITY : Double.NaN),
                wins > 0 ? gp / wins : Double.NaN, losses > 0 ? -gl / losses : Double.NaN, closed > 0 ? sumNet / closed : Double.NaN,
                withR > 0 ? sumR / withR : Double.NaN, bars > 0 ? (double) barsInPosition / bars : 0, fees, funding, slippage,
                liquidations, cvar, fin, d);
    }

    /** Daily returns at 00:00 UTC as documented above. */
    public static double[] dailyReturns(long[] ts, double[] equity, int n, double initial) {
        if (n == 0) return new double[0];
        long firstDay = Math.floorDiv(ts[0] - 1, DAY);
        long lastDay = Math.floorDiv(ts[n - 1] - 1, DAY);
        int days = (int) (lastDay - firstDay + 1);
        double[] r = new double[days];
        double prev = initial, cur = initial;
        int j = 0;
        for (int d = 0; d < days; d++) {
            long end = (firstDay + d + 1) * DAY;
            while (j < n && ts[j] <= end) cur = equity[j++];
            r[d] = prev > 0 ? cur / prev - 1 : 0;
            prev = cur;
        }
        return r;
    }
}
