package vq.kernels.screen;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Per-parameter-set sizing and exit parameters (structure of arrays; index = parameter set).
 *
 * <p>Shapes: every array has {@link #size()} elements. Units: {@code leverage} ×; {@code fraction} of
 * current equity used as isolated margin (0, 1]; {@code stopPct}/{@code takePct} fractions of the fill
 * price; {@code stopAtr}/{@code takeAtr} multiples of the set's {@code stopSeries}/{@code takeSeries} value (an ATR,
 * little-endian doubles, one per bar) at the signal bar;
 * {@code riskReward} take-profit distance as a multiple of the stop distance. NaN disables a rule.
 * At most one of stopPct/stopAtr and one of takePct/takeAtr/riskReward may be set per set.
 *
 * @throws IllegalArgumentException naming the set and field when a value is out of range
 */
public record LaneParams(double[] leverage, double[] fraction, double[] stopPct, double[] takePct,
                         double[] stopAtr, double[] takeAtr, double[] riskReward, MemorySegment[] stopSeries,
                         MemorySegment[] takeSeries) {
    public LaneParams {
        int n = leverage.length;
        if (stopSeries == null) stopSeries = new MemorySegment[n];
        if (takeSeries == null) takeSeries = new MemorySegment[n];
        if (stopSeries.length != n || takeSeries.length != n) throw new IllegalArgumentException("lane series arrays differ in length");
        for (double[] a : new double[][] {fraction, stopPct, takePct, stopAtr, takeAtr, riskReward})
            if (a.length != n) throw new IllegalArgumentException("lane parameter arrays differ in length");
        for (int i = 0; i < n; i++) {
            if (!(leverage[i] >= 1 && leverage[i] <= 125)) throw new IllegalArgumentException("set " + i + ": leverage must be in [1, 125], got " + leverage[i]);
            if (!(fraction[i] > 0 && fraction[i] <= 1)) throw new IllegalArgumentException("set " + i + ": fraction must be in (0, 1], got " + fraction[i]);
            check(i, "stop_loss pct", stopPct[i]);
            check(i, "take_profit pct", takePct[i]);
            check(i, "stop_loss atr", stopAtr[i]);
            check(i, "take_profit atr", takeAtr[i]);
            check(i, "risk_reward", riskReward[i]);
            if (!Double.isNaN(stopPct[i]) && !Double.isNaN(stopAtr[i]))
                throw new IllegalArgumentException("set " + i + ": both stop_loss pct and atr given");
            int tps = (Double.isNaN(takePct[i]) ? 0 : 1) + (Double.isNaN(takeAtr[i]) ? 0 : 1) + (Double.isNaN(riskReward[i]) ? 0 : 1);
            if (tps > 1) throw new IllegalArgumentException("set " + i + ": more than one take_profit rule given");
            if (!Double.isNaN(stopAtr[i]) && stopSeries[i] == null) throw new IllegalArgumentException("set " + i + ": ATR stop without an ATR series");
            if (!Double.isNaN(takeAtr[i]) && takeSeries[i] == null) throw new IllegalArgumentException("set " + i + ": ATR take-profit without an ATR series");
            if (!Double.isNaN(riskReward[i]) && Double.isNaN(stopPct[i]) && Double.isNaN(stopAtr[i]))
                throw new IllegalArgumentException("set " + i + ": risk_reward take-profit needs a stop_loss");
        }
    }

    private static void check(int i, String what, double v) {
        if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v)))
            throw new IllegalArgumentException("set " + i + ": " + what + " must be positive, got " + v);
    }

    public int size() { return leverage.length; }

    /** The same values for {@code n} sets. */
    public static LaneParams uniform(int n, double leverage, double fraction, double stopPct, double takePct) {
        return new LaneParams(fill(n, leverage), fill(n, fraction), fill(n, stopPct), fill(n, takePct),
                fill(n, Double.NaN), fill(n, Double.NaN), fill(n, Double.NaN), null, null);
    }

    static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

}
