package vq.optimizer.validation;

import java.util.ArrayList;
import java.util.List;
import vq.columnar.InputException;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;

/**
 * Purged K-fold cross-validation with embargo (López de Prado 2018, <i>Advances in Financial Machine
 * Learning</i>, ch. 7, §7.4: purging and embargo), over per-segment accumulators for all parameter sets.
 *
 * <p>The segments are cut into K contiguous test folds of near-equal length. For test fold
 * {@code [a, b)} the training set is every other segment except
 * <ul>
 *   <li>the {@code purge} segments before {@code a}: a position opened there can still be open inside the
 *       test fold (its outcome overlaps the test period — the purging of §7.4.1);</li>
 *   <li>the {@code purge} segments after {@code b}: their indicator values are computed from test-fold prices
 *       (lookback), i.e. information leaks from test into training;</li>
 *   <li>a further {@code embargo} segments after that (§7.4.2, serial correlation).</li>
 * </ul>
 * The purge is the strategy's longest indicator lookback, converted to segments with
 * {@link #purgeSegments(long, long, long)}.
 *
 * <p>Reported per set: the annualized Sharpe on every test fold, their mean and sample standard deviation
 * (seed 002 §8 filter: mean &gt; 0.5 and std &lt; 1.0). For the selection: per fold the set with the best
 * training Sharpe and its test Sharpe (how well picking on training data generalizes).
 */
public final class PurgedKFold {

    /** One fold: test segments {@code [testFrom, testTo)} and the training mask. */
    public record Fold(int index, int testFrom, int testTo, boolean[] train) {
        public int trainSegments() {
            int c = 0;
            for (boolean b : train) if (b) c++;
            return c;
        }
    }

    /**
     * Result.
     *
     * @param folds the folds
     * @param foldSharpe {@code [fold][set]} annualized test-fold Sharpe (NaN if undefined)
     * @param meanSharpe per set, mean over folds with a defined Sharpe
     * @param stdSharpe per set, sample std over those folds (NaN with fewer than 2)
     * @param selected per fold, the set with the best training Sharpe
     * @param selectedTestSharpe per fold, the annualized test Sharpe of that set
     */
    public record Result(List<Fold> folds, double[][] foldSharpe, double[] meanSharpe, double[] stdSharpe,
                         int[] selected, double[] selectedTestSharpe) {}

    private PurgedKFold() {}

    /**
     * Purge length in segments: ⌈lookbackBars × barNanos / segmentNanos⌉.
     *
     * @param lookbackBars longest indicator lookback of the strategy, in bars (≥ 0)
     * @param barNanos bar interval
     * @param segmentNanos segment length (a day for daily accumulators)
     */
    public static int purgeSegments(long lookbackBars, long barNanos, long segmentNanos) {
        if (lookbackBars < 0 || barNanos <= 0 || segmentNanos <= 0) throw new InputException("purge: lookback " + lookbackBars + " bars, bar " + barNanos + " ns, segment " + segmentNanos + " ns");
        return (int) Math.ceilDiv(Math.multiplyExact(lookbackBars, barNanos), segmentNanos);
    }

    /**
     * Builds K folds over {@code segments} segments.
     *
     * @throws InputException if K &lt; 2, K &gt; segments, or purging leaves some fold with no training data
     */
    public static List<Fold> folds(int segments, int k, int purge, int embargo) {
        if (k < 2 || k > segments) throw new InputException("purged k-fold: K must be in 2.." + segments + " (segments), got " + k);
        if (purge < 0 || embargo < 0) throw new InputException("purged k-fold: purge and embargo must be >= 0 (got " + purge + ", " + embargo + ")");
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int a = (int) ((long) segments * f / k), b = (int) ((long) segments * (f + 1) / k);
            boolean[] train = new boolean[segments];
            for (int s = 0; s < segments; s++) {
                boolean inTest = s >= a && s < b;
                boolean purgedBefore = s >= a - purge && s < a;
                boolean purgedAfter = s >= b && s < b + purge + embargo;
                train[s] = !inTest && !purgedBefore && !purgedAfter;
            }
            Fold fold = new Fold(f, a, b, train);
            if (fold.trainSegments() == 0) throw new InputException("purged k-fold: fold " + f + " has no training segments left after purge " + purge + " + embargo " + embargo);
            out.add(fold);
        }
        return List.copyOf(out);
    }

    /** Runs the folds for all sets. */
    public static Result run(SegmentReturns r, List<Fold> folds) {
        int sets = r.sets(), k = folds.size();
        double[][] foldSharpe = new double[k][sets];
        int[] selected = new int[k];
        double[] selectedTest = new double[k];
        double[][] tmp = new double[3][sets];
        double ann = Math.sqrt(Moments.PERIODS_PER_YEAR);
        for (int f = 0; f < k; f++) {
            Fold fold = folds.get(f);
            r.sumRange(fold.testFrom(), fold.testTo(), tmp);
            for (int p = 0; p < sets; p++) foldSharpe[f][p] = Moments.sharpe(tmp[0][p], tmp[1][p], tmp[2][p]) * ann;
            java.util.Arrays.fill(tmp[0], 0); java.util.Arrays.fill(tmp[1], 0); java.util.Arrays.fill(tmp[2], 0);
            for (int s = 0; s < r.segments(); s++) if (fold.train()[s]) r.addSegmentTo(s, tmp);
            int best = 0;
            double bestVal = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < sets; p++) {
                double v = Moments.sharpe(tmp[0][p], tmp[1][p], tmp[2][p]);
                if (Double.isFinite(v) && v > bestVal) { bestVal = v; best = p; }
            }
            selected[f] = best;
            selectedTest[f] = foldSharpe[f][best];
        }
        double[] mean = new double[sets], std = new double[sets];
        for (int p = 0; p < sets; p++) {
            int c = 0;
            double s = 0, ss = 0;
            for (int f = 0; f < k; f++) {
                double v = foldSharpe[f][p];
                if (Double.isFinite(v)) { c++; s += v; ss += v * v; }
            }
            mean[p] = c > 0 ? s / c : Double.NaN;
            std[p] = c > 1 ? Math.sqrt(Math.max(0, (ss - s * s / c) / (c - 1))) : Double.NaN;
        }
        return new Result(folds, foldSharpe, mean, std, selected, selectedTest);
    }
}
