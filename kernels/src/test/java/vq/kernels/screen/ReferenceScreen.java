package vq.kernels.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vq.kernels.margin.Liquidation;

/**
 * Reference implementation of the screening rules for ONE parameter set: plain loops, one bar at a time,
 * an explicit trade list and equity curve, written for clarity rather than speed. Tests compare the SIMD
 * kernel against it. The rules are the ones written in {@link ScreenKernel}'s class comment.
 */
final class ReferenceScreen {
    enum Reason { SIGNAL, STOP_LOSS, TAKE_PROFIT, LIQUIDATION, END_OF_DATA }

    record Trade(int side, long entryTs, double entryPrice, long exitTs, double exitPrice, double qty, double fees,
                 double funding, double grossPnl, double netPnl, Reason reason, int bars, double risk) {}

    // inputs
    final BarSeries bars;
    final FundingSchedule funding;
    final ExecutionSpec spec;
    final double leverage, fraction, stopPct, takePct;
    // optional ATR-style exits: distance = multiple × series[signal bar]; risk/reward = multiple of the stop distance
    double[] stopSeries, takeSeries;
    double stopAtr = Double.NaN, takeAtr = Double.NaN, riskReward = Double.NaN;
    private double stopDistance = Double.NaN;
    final boolean[] enterLong, exitLong, enterShort, exitShort;

    // outputs
    final List<Trade> trades = new ArrayList<>();
    final List<Double> dailyReturns = new ArrayList<>();
    double wallet, maxDrawdown, maxDrawdownDurationMillis, feesPaid, fundingPaid;
    int barsInPosition;

    // position
    private int side;
    private double qty, entryPrice, margin, stop, take, liqPrice, entryFee, tradeFunding;
    private int entryBar;
    private long entryTs;

    ReferenceScreen(BarSeries bars, FundingSchedule funding, ExecutionSpec spec, double leverage, double fraction,
                    double stopPct, double takePct, boolean[] eL, boolean[] xL, boolean[] eS, boolean[] xS) {
        this.bars = bars; this.funding = funding; this.spec = spec;
        this.leverage = leverage; this.fraction = fraction; this.stopPct = stopPct; this.takePct = takePct;
        this.enterLong = spec.sides().longs() ? eL : new boolean[eL.length];
        this.exitLong = spec.sides().longs() ? xL : new boolean[eL.length];
        this.enterShort = spec.sides().shorts() ? eS : new boolean[eL.length];
        this.exitShort = spec.sides().shorts() ? xS : new boolean[eL.length];
    }

    ReferenceScreen run() {
        int n = bars.size();
        long[] ts = bars.tsNanos();
        long day = 86_400_000_000_000L;
        wallet = spec.initialEquity();
        double peak = wallet, peakTime = 0, lastDayEquity = wallet, equity = wallet;
        boolean pendingExit = false;
        int pendingEntry = 0;
        for (int i = 0; i < n; i++) {
            double o = bars.open()[i], h = bars.high()[i], l = bars.low()[i], c = bars.close()[i];
            double t = (ts[i] - ts[0]) / 1e6;
            // 1. daily marks: one per 00:00 UTC boundary passed since the previous bar's open
            if (i > 0) {
                for (long d = Math.floorDiv(ts[i - 1], day) + 1; d <= Math.floorDiv(ts[i], day); d++) {
                    dailyReturns.add(lastDayEquity > 0 ? equity / lastDayEquity - 1 : 0.0);
                    lastDayEquity = equity;
                }
            }
            // 2. funding before fills
            if (!Double.isNaN(funding.rate(i)) && side != 0) {
                double pay = side * qty * funding.mark(i) * funding.rate(i);
                wallet -= pay; margin -= pay; fundingPaid += pay; tradeFunding += pay;
                liqPrice = Liquidation.isolated(spec.brackets(), margin, side, qty, entryPrice);
            }
            // 3. orders from the previous close fill at this open
            if (pendingExit && side != 0) close(i, o, spec.takerFee(), Reason.SIGNAL);
            if (pendingEntry != 0) open(i, pendingEntry, o);
            pendingExit = false;
            pendingEntry = 0;
            // 4. in-bar exits
            if (side != 0) {
                boolean liqActive = side > 0 ? liqPrice > 0 : true;
                if (entryBar < i) {
                    if (side > 0) {
                        // the higher of stop and liquidation is reached first on the way down
                        boolean liqFirst = liqActive && (Double.isNaN(stop) || liqPrice > stop);
                        double adverse = liqFirst ? liqPrice : stop;
                        if (!Double.isNaN(adverse) && o <= adverse) hitAdverse(i, liqFirst, o);
                        else if (!Double.isNaN(take) && o >= take) close(i, o, spec.makerFee(), Reason.TAKE_PROFIT);
                        else if (!Double.isNaN(adverse) && l <= adverse) hitAdverse(i, liqFirst, stop);
                        else if (!Double.isNaN(take) && h >= take) close(i, take, spec.makerFee(), Reason.TAKE_PROFIT);
                    } else {
                        boolean liqFirst = Double.isNaN(stop) || liqPrice < stop;
                        double adverse = liqFirst ? liqPrice : stop;
                        if (o >= adverse) hitAdverse(i, liqFirst, o);
                        else if (!Double.isNaN(take) && o <= take) close(i, o, spec.makerFee(), Reason.TAKE_PROFIT);
                        else if (h >= adverse) hitAdverse(i, liqFirst, stop);
                        else if (!Double.isNaN(take) && l <= take) close(i, take, spec.makerFee(), Reason.TAKE_PROFIT);
                    }
                } else if (side > 0 ? liqActive && l <= liqPrice : h >= liqPrice) {
                    liquidate(i);
                }
            }
            // 5. mark to market at the close
            equity = wallet + (side == 0 ? 0.0 : side * qty * (c - entryPrice));
            if (equity >= peak) { peak = equity; peakTime = t; }
            maxDrawdownDurationMillis = Math.max(maxDrawdownDurationMillis, t - peakTime);
            maxDrawdown = Math.max(maxDrawdown, (peak - equity) / peak);
            // 6. signals at the close
            if (i < n - 1) {
                if (side > 0) {
                    pendingExit = exitLong[i] || enterShort[i];
                    if (enterShort[i]) pendingEntry = -1;
                } else if (side < 0) {
                    pendingExit = exitShort[i] || enterLong[i];
                    if (enterLong[i]) pendingEntry = 1;
                } else if (enterLong[i] != enterShort[i]) {
                    pendingEntry = enterLong[i] ? 1 : -1;
                }
            }
        }
        if (side != 0) close(n, bars.close()[n - 1], spec.takerFee(), Reason.END_OF_DATA);
        if (wallet >= peak) peak = wallet;
        maxDrawdown = Math.max(maxDrawdown, (peak - wallet) / peak);
        dailyReturns.add(lastDayEquity > 0 ? wallet / lastDayEquity - 1 : 0.0);
        return this;
    }

    private void open(int i, int s, double price) {
        if (!(wallet > 0)) return;
        double m = fraction * wallet;
        double notional = m * leverage;
        side = s;
        qty = notional / price;
        entryPrice = price;
        margin = m;
        entryFee = notional * spec.takerFee();
        wallet -= entryFee;
        feesPaid += entryFee;
        tradeFunding = 0;
        entryBar = i;
        entryTs = bars.tsNanos()[i];
        // distances from the fill price (or the series at the signal bar i-1; a missing/non-positive value: no level)
        double sd = Double.NaN, td = Double.NaN;
        if (!Double.isNaN(stopPct)) sd = stopPct * price;
        else if (!Double.isNaN(stopAtr) && stopSeries[i - 1] > 0) sd = stopAtr * stopSeries[i - 1];
        if (!Double.isNaN(takePct)) td = takePct * price;
        else if (!Double.isNaN(takeAtr) && takeSeries[i - 1] > 0) td = takeAtr * takeSeries[i - 1];
        else if (!Double.isNaN(riskReward)) td = riskReward * sd;
        stop = Double.isNaN(sd) ? Double.NaN : (s > 0 ? price - sd : price + sd);
        take = Double.isNaN(td) ? Double.NaN : (s > 0 ? price + td : price - td);
        stopDistance = sd;
        liqPrice = Liquidation.isolated(spec.brackets(), margin, s, qty, price);
    }

    private void hitAdverse(int i, boolean liquidation, double stopFill) {
        if (liquidation) liquidate(i);
        else close(i, side > 0 ? Math.min(stopFill, stop) : Math.max(stopFill, stop), spec.takerFee(), Reason.STOP_LOSS);
    }

    private void liquidate(int i) {
        double gross = side * qty * (liqPrice - entryPrice);
        double clearance = qty * liqPrice * spec.clearanceFeeRate();
        double loss = Math.min(margin, -gross + clearance);
        finish(i, liqPrice, gross, loss + gross, Reason.LIQUIDATION);
    }

    private void close(int i, double price, double feeRate, Reason reason) {
        double gross = side * qty * (price - entryPrice);
        finish(i, price, gross, qty * price * feeRate, reason);
    }

    private void finish(int i, double price, double gross, double fee, Reason reason) {
        wallet += gross - fee;
        feesPaid += fee;
        double net = gross - fee - entryFee - tradeFunding;
        long exitTs = i < bars.size() ? bars.tsNanos()[i] : bars.tsNanos()[bars.size() - 1] + bars.intervalNanos();
        trades.add(new Trade(side, entryTs, entryPrice, exitTs, price, qty, fee + entryFee, tradeFunding, gross, net, reason, i - entryBar,
                Double.isNaN(stopDistance) || !(stopDistance > 0) ? Double.NaN : stopDistance * qty));
        barsInPosition += i - entryBar;
        side = 0;
    }

    /** The kernel's metric vector, computed from the trade list and daily returns with two-pass formulas. */
    double[] metrics() {
        double[] m = new double[Metric.COUNT];
        Arrays.fill(m, Double.NaN);
        int n = dailyReturns.size();
        double mean = dailyReturns.stream().mapToDouble(Double::doubleValue).sum() / n;
        double ss = 0, down = 0, m3 = 0, m4 = 0;
        for (double r : dailyReturns) {
            ss += (r - mean) * (r - mean);
            down += Math.min(r, 0) * Math.min(r, 0);
            m3 += Math.pow(r - mean, 3);
            m4 += Math.pow(r - mean, 4);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double dd = Math.sqrt(down / n);
        double e0 = spec.initialEquity();
        long[] ts = bars.tsNanos();
        double span = (ts[ts.length - 1] + bars.intervalNanos() - ts[0]) / 86_400e9;
        double cagr = wallet <= 0 ? -1 : Math.pow(wallet / e0, 365.0 / span) - 1;
        m[Metric.TOTAL_RETURN.ordinal()] = wallet / e0 - 1;
        m[Metric.CAGR.ordinal()] = cagr;
        m[Metric.ANNUAL_VOLATILITY.ordinal()] = sd * Math.sqrt(365);
        m[Metric.SHARPE.ordinal()] = sd > 0 ? mean / sd * Math.sqrt(365) : Double.NaN;
        m[Metric.SORTINO.ordinal()] = dd > 0 ? mean / dd * Math.sqrt(365) : Double.NaN;
        m[Metric.MAX_DRAWDOWN.ordinal()] = maxDrawdown;
        m[Metric.MAX_DRAWDOWN_DAYS.ordinal()] = maxDrawdownDurationMillis / 86_400_000.0;
        m[Metric.CALMAR.ordinal()] = maxDrawdown > 0 ? cagr / maxDrawdown : Double.NaN;
        int tr = trades.size();
        double gp = 0, gl = 0, sumR = 0;
        int nR = 0;
        int wins = 0, liq = 0, sl = 0, tp = 0;
        for (Trade t : trades) {
            if (t.netPnl() > 0) { wins++; gp += t.netPnl(); } else gl -= t.netPnl();
            if (t.reason() == Reason.LIQUIDATION) liq++;
            if (t.reason() == Reason.STOP_LOSS) sl++;
            if (t.reason() == Reason.TAKE_PROFIT) tp++;
            if (!Double.isNaN(t.risk())) { sumR += t.netPnl() / t.risk(); nR++; }
        }
        m[Metric.TRADES.ordinal()] = tr;
        m[Metric.WIN_RATE.ordinal()] = tr > 0 ? (double) wins / tr : Double.NaN;
        m[Metric.PROFIT_FACTOR.ordinal()] = tr == 0 ? Double.NaN : gl == 0 ? (gp > 0 ? Double.POSITIVE_INFINITY : Double.NaN) : gp / gl;
        m[Metric.AVG_WIN.ordinal()] = wins > 0 ? gp / wins : Double.NaN;
        m[Metric.AVG_LOSS.ordinal()] = tr - wins > 0 ? -gl / (tr - wins) : Double.NaN;
        m[Metric.EXPECTANCY.ordinal()] = tr > 0 ? (gp - gl) / tr : Double.NaN;
        m[Metric.AVG_R_MULTIPLE.ordinal()] = nR > 0 ? sumR / nR : Double.NaN;
        m[Metric.EXPOSURE.ordinal()] = (double) barsInPosition / bars.size();
        m[Metric.FEES.ordinal()] = feesPaid;
        m[Metric.FUNDING.ordinal()] = fundingPaid;
        m[Metric.SLIPPAGE.ordinal()] = 0;
        m[Metric.LIQUIDATIONS.ordinal()] = liq;
        m[Metric.STOP_LOSSES.ordinal()] = sl;
        m[Metric.TAKE_PROFITS.ordinal()] = tp;
        double[] sorted = dailyReturns.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = Math.max(1, (int) Math.ceil(0.05 * n));
        double cv = 0;
        for (int i = 0; i < k; i++) cv += sorted[i];
        m[Metric.CVAR95.ordinal()] = cv / k;
        double pm2 = ss / n;
        m[Metric.SKEWNESS.ordinal()] = pm2 > 0 ? (m3 / n) / Math.pow(pm2, 1.5) : Double.NaN;
        m[Metric.KURTOSIS.ordinal()] = pm2 > 0 ? (m4 / n) / (pm2 * pm2) : Double.NaN;
        m[Metric.DAILY_RETURNS.ordinal()] = n;
        m[Metric.FINAL_EQUITY.ordinal()] = wallet;
        return m;
    }
}
