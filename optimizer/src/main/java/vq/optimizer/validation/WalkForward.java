package vq.optimizer.validation;

import java.util.ArrayList;
import java.util.List;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;

/**
 * Walk-forward analysis for every parameter set of a sweep at once, from per-segment accumulators
 * ({@link SegmentReturns}), without re-running the screen per window.
 *
 * <p>Windows (DESIGN.md §8; seed 002 §8): <b>rolling</b> — window i trains on
 * {@code [start + i·step, start + i·step + train)} and tests on the {@code test} days after it;
 * <b>anchored</b> — training always starts at {@code start} and grows by {@code step} per window. Windows
 * are generated while the test range ends inside the data: 730 days with train 270, test 90, step 30 give
 * ⌊(730 − 360)/30⌋ + 1 = 13 windows. Window edges must fall on segment boundaries (daily segments always do).
 *
 * <p>Per window, every set's in-sample (IS) and out-of-sample (OOS) <i>return rate</i> is its mean return per
 * observation × 365 (annualized, arithmetic, so windows of different lengths compare; Pardo's walk-forward
 * efficiency compares annualized rates). Reported:
 * <ul>
 *   <li>per set: WF efficiency = mean_w OOS rate / mean_w IS rate (NaN when the mean IS rate ≤ 0: there is
 *       nothing to retain), share of windows whose OOS compounded return is &gt; 0, and the OOS Sharpe of the
 *       stitched OOS days;</li>
 *   <li>for the walk-forward <i>selection</i> (the optimizer re-picked each window): per window the set with
 *       the best IS objective, its IS and OOS rates, efficiency, share of profitable OOS windows, the stitched
 *       OOS equity curve of the picked sets and its annualized Sharpe.</li>
 * </ul>
 * Stitching: window i contributes its OOS segments up to the start of window i+1's test range (the last
 * window contributes its whole test range), so overlapping test ranges (step &lt; test) are not counted twice.
 */
public final class WalkForward {

    /** A walk-forward window as segment index ranges {@code [from, to)}. */
    public record Window(int index, int trainFrom, int trainTo, int testFrom, int testTo, int stitchTo) {}

    /** What the per-window selection maximizes in sample. */
    public enum Objective { SHARPE, RETURN }

    /**
     * Walk-forward result. Arrays indexed {@code [set]} unless stated.
     *
     * @param windows the windows
     * @param isRate {@code [window][set]} annualized mean IS return
     * @param oosRate {@code [window][set]} annualized mean OOS return
     * @param efficiency per set, mean OOS rate / mean IS rate (NaN if mean IS rate ≤ 0)
     * @param profitableShare per set, share of windows with OOS compounded return &gt; 0
     * @param oosSharpe per set, annualized Sharpe of the stitched OOS days (NaN if undefined)
     * @param selected per window, the set with the best IS objective
     * @param selectionEfficiency mean OOS rate / mean IS rate of the selected sets
     * @param selectionProfitableShare share of windows whose selected set made money OOS
     * @param stitchedEquity stitched OOS equity of the selected sets at the end of each stitched segment, starting from 1
     * @param stitchedEquityEndNanos end timestamp of each stitched segment
     * @param stitchedSharpe annualized Sharpe of the stitched OOS daily returns of the selected sets
     */
    public record Result(List<Window> windows, double[][] isRate, double[][] oosRate, double[] efficiency,
                         double[] profitableShare, double[] oosSharpe, int[] selected, double selectionEfficiency,
                         double selectionProfitableShare, double[] stitchedEquity, long[] stitchedEquityEndNanos,
                         double stitchedSharpe) {}

    private WalkForward() {}

    /** Rolling windows; lengths in days (segment boundaries must fall on those days). */
    public static List<Window> rolling(SegmentReturns r, int trainDays, int testDays, int stepDays) {
        return plan(r, trainDays, testDays, stepDays, false);
    }

    /** Anchored windows: training starts at the first segment and grows by {@code stepDays} per window. */
    public static List<Window> anchored(SegmentReturns r, int trainDays, int testDays, int stepDays) {
        return plan(r, trainDays, testDays, stepDays, true);
    }

    private static List<Window> plan(SegmentReturns r, int trainDays, int testDays, int stepDays, boolean anchored) {
        if (trainDays < 1 || testDays < 1 || stepDays < 1) {
            throw new InputException("walk-forward: train, test and step must be >= 1 day (got train " + trainDays + ", test " + testDays + ", step " + stepDays + ")");
        }
        long start = r.startNanos(0), end = r.startNanos(r.segments()), day = Intervals.NANOS_PER_DAY;
        List<long[]> raw = new ArrayList<>();
        for (int i = 0; ; i++) {
            long trainFrom = anchored ? start : start + (long) i * stepDays * day;
            long trainTo = start + ((anchored ? 0 : (long) i * stepDays) + trainDays + (anchored ? (long) i * stepDays : 0)) * day;
            long testTo = trainTo + (long) testDays * day;
            if (testTo > end) break;
            raw.add(new long[] {trainFrom, trainTo, testTo});
        }
        if (raw.isEmpty()) {
            throw new InputException("walk-forward: the data span " + Intervals.iso(start) + " .. " + Intervals.iso(end) + " ("
                    + (end - start) / day + " days) is shorter than train + test = " + (trainDays + testDays) + " days");
        }
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            long[] w = raw.get(i);
            int tf = index(r, w[0]), tt = index(r, w[1]), te = index(r, w[2]);
            int stitch = i + 1 < raw.size() ? Math.min(te, index(r, raw.get(i + 1)[1])) : te;
            out.add(new Window(i, tf, tt, tt, te, stitch));
        }
        return List.copyOf(out);
    }

    private static int index(SegmentReturns r, long ts) {
        int i = r.boundaryIndex(ts);
        if (i < 0) throw new InputException("walk-forward: window edge " + Intervals.iso(ts) + " is not a segment boundary (accumulate per day)");
        return i;
    }

    /** Runs the analysis for all sets over {@code windows}. */
    public static Result run(SegmentReturns r, List<Window> windows, Objective objective) {
        int sets = r.sets(), nw = windows.size();
        if (nw == 0) throw new InputException("walk-forward: no windows");
        double[][] isRate = new double[nw][sets], oosRate = new double[nw][sets];
        double[] profitable = new double[sets];
        double[][] tmp = new double[3][sets];
        double[] lg = new double[sets];
        double[][] pooled = new double[3][sets];
        int[] selected = new int[nw];
        double selIs = 0, selOos = 0;
        int selProfitable = 0;
        double pn = 0, p1 = 0, p2 = 0; // pooled stitched sums of the selected sets
        List<Double> equity = new ArrayList<>();
        List<Long> equityEnd = new ArrayList<>();
        double eq = 1;
        for (int w = 0; w < nw; w++) {
            Window win = windows.get(w);
            r.sumRange(win.trainFrom(), win.trainTo(), tmp);
            int best = -1;
            double bestVal = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < sets; p++) {
                isRate[w][p] = tmp[0][p] > 0 ? tmp[1][p] / tmp[0][p] * Moments.PERIODS_PER_YEAR : Double.NaN;
                double v = objective == Objective.SHARPE ? Moments.sharpe(tmp[0][p], tmp[1][p], tmp[2][p]) : isRate[w][p];
                if (Double.isFinite(v) && v > bestVal) { bestVal = v; best = p; }
            }
            if (best < 0) best = 0; // nothing defined in sample: the first set stands in, stated by isRate = NaN
            selected[w] = best;
            r.sumRange(win.testFrom(), win.testTo(), tmp);
            r.logGrowthRange(win.testFrom(), win.testTo(), lg);
            for (int p = 0; p < sets; p++) {
                oosRate[w][p] = tmp[0][p] > 0 ? tmp[1][p] / tmp[0][p] * Moments.PERIODS_PER_YEAR : Double.NaN;
                if (lg[p] > 0) profitable[p]++;
            }
            selIs += nz(isRate[w][best]);
            selOos += nz(oosRate[w][best]);
            if (lg[best] > 0) selProfitable++;
            if (win.stitchTo() > win.testFrom()) {
                r.sumRange(win.testFrom(), win.stitchTo(), tmp);
                for (int j = 0; j < 3; j++) for (int p = 0; p < sets; p++) pooled[j][p] += tmp[j][p];
                pn += tmp[0][best]; p1 += tmp[1][best]; p2 += tmp[2][best];
                for (int s = win.testFrom(); s < win.stitchTo(); s++) {
                    eq *= Math.exp(r.logGrowth(s, best));
                    equity.add(eq);
                    equityEnd.add(r.startNanos(s + 1));
                }
            }
        }
        double[] eff = new double[sets], share = new double[sets], oosSharpe = new double[sets];
        for (int p = 0; p < sets; p++) {
            double mi = 0, mo = 0;
            for (int w = 0; w < nw; w++) { mi += nz(isRate[w][p]); mo += nz(oosRate[w][p]); }
            eff[p] = mi > 0 ? mo / mi : Double.NaN;
            share[p] = profitable[p] / nw;
            oosSharpe[p] = Moments.sharpe(pooled[0][p], pooled[1][p], pooled[2][p]) * Math.sqrt(Moments.PERIODS_PER_YEAR);
        }
        return new Result(windows, isRate, oosRate, eff, share, oosSharpe, selected,
                selIs > 0 ? selOos / selIs : Double.NaN, (double) selProfitable / nw,
                equity.stream().mapToDouble(Double::doubleValue).toArray(),
                equityEnd.stream().mapToLong(Long::longValue).toArray(),
                Moments.sharpe(pn, p1, p2) * Math.sqrt(Moments.PERIODS_PER_YEAR));
    }

    private static double nz(double v) { return Double.isNaN(v) ? 0 : v; }

}
