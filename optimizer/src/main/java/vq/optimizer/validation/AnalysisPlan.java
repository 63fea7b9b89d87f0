package vq.optimizer.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.optimizer.stats.SegmentReturns;

/**
 * The time layout of all overfitting statistics of one experiment, in whole UTC days over
 * {@code [fromNanos, toNanos)}: walk-forward windows, purged K-fold test folds with their purge and embargo
 * ranges, and the S CSCV groups. {@link #edges()} is the union of every boundary: hand it to the screen as
 * its window tiling so one screening pass accumulates exactly the segments all statistics need (per day
 * when {@code daily} is set, which also serves any later plan).
 *
 * <p>Day arithmetic: with D = number of days, fold f tests days {@code [⌊D·f/K⌋, ⌊D·(f+1)/K⌋)}, CSCV group g
 * spans {@code [⌊D·g/S⌋, ⌊D·(g+1)/S⌋)}, walk-forward as in {@link WalkForward}.
 *
 * @param fromNanos first UTC midnight of the data
 * @param toNanos UTC midnight after the last full day used
 * @param trainDays walk-forward train length
 * @param testDays walk-forward test length
 * @param stepDays walk-forward step
 * @param anchored anchored instead of rolling walk-forward
 * @param folds K of the purged K-fold
 * @param purgeDays purge on each side of a test fold (longest indicator lookback, in days, rounded up)
 * @param embargoDays extra embargo after a test fold
 * @param cscvGroups S of CSCV (even)
 */
public record AnalysisPlan(long fromNanos, long toNanos, int trainDays, int testDays, int stepDays, boolean anchored,
                           int folds, int purgeDays, int embargoDays, int cscvGroups) {

    static final long DAY = Intervals.NANOS_PER_DAY;

    public AnalysisPlan {
        if (fromNanos % DAY != 0 || toNanos % DAY != 0) throw new InputException("analysis span must start and end at UTC midnight: " + Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos));
        if (toNanos <= fromNanos) throw new InputException("analysis span is empty: " + Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos));
        if (folds < 2 || cscvGroups < 2 || cscvGroups % 2 != 0) throw new InputException("analysis plan: folds >= 2 and an even CSCV S >= 2 (got K " + folds + ", S " + cscvGroups + ")");
        if (purgeDays < 0 || embargoDays < 0) throw new InputException("analysis plan: purge and embargo must be >= 0 days");
    }

    /** The seed-002 defaults: 270/90/30-day rolling walk-forward, K = 5, S = 16. */
    public static AnalysisPlan defaults(long fromNanos, long toNanos, int purgeDays) {
        return new AnalysisPlan(fromNanos, toNanos, 270, 90, 30, false, 5, purgeDays, 1, 16);
    }

    /** Number of days D. */
    public int days() { return (int) ((toNanos - fromNanos) / DAY); }

    /** Every boundary any statistic needs (epoch ns, sorted, distinct, including both span ends). */
    public long[] edges() {
        int d = days();
        TreeSet<Long> e = new TreeSet<>();
        e.add(0L);
        e.add((long) d);
        for (int g = 1; g < cscvGroups; g++) e.add((long) d * g / cscvGroups);
        for (int f = 0; f < folds; f++) {
            long a = (long) d * f / folds, b = (long) d * (f + 1) / folds;
            e.add(a); e.add(b);
            e.add(Math.max(0, a - purgeDays));
            e.add(Math.min(d, b + purgeDays + embargoDays));
        }
        for (long i = 0; ; i++) {
            long trainFrom = anchored ? 0 : i * stepDays;
            long trainTo = (anchored ? 0 : i * stepDays) + trainDays + (anchored ? i * stepDays : 0);
            long testTo = trainTo + testDays;
            if (testTo > d) break;
            e.add(trainFrom); e.add(trainTo); e.add(testTo);
        }
        return e.stream().mapToLong(x -> fromNanos + x * DAY).toArray();
    }

    /** Daily edges over the span (a superset of {@link #edges()}). */
    public long[] dailyEdges() { return SegmentReturns.dailyBoundaries(fromNanos, days()); }

    /** Walk-forward windows on accumulators built over these edges (or finer). */
    public List<WalkForward.Window> walkForward(SegmentReturns r) {
        check(r);
        return anchored ? WalkForward.anchored(r, trainDays, testDays, stepDays) : WalkForward.rolling(r, trainDays, testDays, stepDays);
    }

    /** Purged K-fold folds (day-based) mapped to the segments of {@code r}. */
    public List<PurgedKFold.Fold> purgedFolds(SegmentReturns r) {
        check(r);
        int d = days();
        List<PurgedKFold.Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            long a = (long) d * f / folds, b = (long) d * (f + 1) / folds;
            int sa = seg(r, a), sb = seg(r, b), pa = seg(r, Math.max(0, a - purgeDays)), pb = seg(r, Math.min(d, b + purgeDays + embargoDays));
            boolean[] train = new boolean[r.segments()];
            for (int s = 0; s < train.length; s++) train[s] = s < pa || s >= pb;
            PurgedKFold.Fold fold = new PurgedKFold.Fold(f, sa, sb, train);
            if (fold.trainSegments() == 0) throw new InputException("purged k-fold: fold " + f + " has no training days left after purge " + purgeDays + " + embargo " + embargoDays);
            out.add(fold);
        }
        return List.copyOf(out);
    }

    /** CSCV group boundaries as segment indices of {@code r}. */
    public int[] cscvGroupEdges(SegmentReturns r) {
        check(r);
        int d = days();
        int[] out = new int[cscvGroups + 1];
        for (int g = 0; g <= cscvGroups; g++) out[g] = seg(r, (long) d * g / cscvGroups);
        return out;
    }

    private void check(SegmentReturns r) {
        if (r.startNanos(0) != fromNanos || r.startNanos(r.segments()) != toNanos) {
            throw new InputException("accumulators span " + Intervals.iso(r.startNanos(0)) + " .. " + Intervals.iso(r.startNanos(r.segments()))
                    + " but the plan spans " + Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos));
        }
    }

    private int seg(SegmentReturns r, long day) {
        int i = r.boundaryIndex(fromNanos + day * DAY);
        if (i < 0) throw new InputException("analysis plan: day " + Intervals.iso(fromNanos + day * DAY) + " is not a segment boundary of the accumulators (build them over plan.edges())");
        return i;
    }
}
