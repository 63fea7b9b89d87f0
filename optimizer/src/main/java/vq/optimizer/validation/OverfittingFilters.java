package vq.optimizer.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import vq.columnar.InputException;
import vq.optimizer.stats.Cscv;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.stats.SharpeStatistics;

/**
 * The toggleable overfitting filter pipeline (seed 002 §8; issue "vq filter"): each filter tags every
 * parameter set pass or fail, in the order given; the funnel counts the sets passing every filter so far.
 *
 * <ul>
 *   <li>{@code dsr}: Deflated Sharpe Ratio &gt; {@code dsrMin} (default 0.95) with N = all sets of the
 *       sweep (value = DSR);</li>
 *   <li>{@code wfa}: walk-forward efficiency &gt; {@code wfaMinEfficiency} (0.5) and share of profitable
 *       OOS windows &gt; {@code wfaMinProfitable} (0.5) (value = efficiency);</li>
 *   <li>{@code pbo}: an experiment-level gate: every set passes when PBO by CSCV ≤ {@code pboMax} (0.5: the
 *       in-sample winner lands below the OOS median no more often than not), else every set fails (value =
 *       PBO);</li>
 *   <li>{@code pkfold}: purged K-fold mean test Sharpe &gt; {@code pkMinMean} (0.5) and std &lt;
 *       {@code pkMaxStd} (1.0) (value = mean annualized fold Sharpe).</li>
 * </ul>
 */
public final class OverfittingFilters {

    /** Thresholds (seed 002 §8 defaults). */
    public record Thresholds(double dsrMin, double wfaMinEfficiency, double wfaMinProfitable, double pboMax, double pkMinMean, double pkMaxStd) {
        public static Thresholds defaults() { return new Thresholds(0.95, 0.5, 0.5, 0.5, 0.5, 1.0); }
    }

    /** One filter's verdict per set. */
    public record Outcome(String filter, boolean[] passed, double[] value, double threshold) {
        public int passing() {
            int c = 0;
            for (boolean b : passed) if (b) c++;
            return c;
        }
    }

    /** Everything the pipeline computed, for writers and reports. */
    public record Report(List<Outcome> outcomes, int[] funnel, WalkForward.Result walkForward, Cscv.Result pbo,
                         PurgedKFold.Result purgedKFold, double[] dsr) {}

    public static final List<String> KNOWN = List.of("dsr", "wfa", "pbo", "pkfold");

    private OverfittingFilters() {}

    /** Parses {@code dsr,wfa,pbo,pkfold} (any order, each at most once). */
    public static List<String> parse(String filters) {
        List<String> out = new ArrayList<>();
        for (String f : filters.split(",")) {
            String name = f.trim().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(name)) throw new InputException("--filters: unknown filter '" + f.trim() + "' (known: " + String.join(", ", KNOWN) + ")");
            if (out.contains(name)) throw new InputException("--filters: '" + name + "' given twice");
            out.add(name);
        }
        return out;
    }

    /**
     * Runs the filters over the accumulators of one symbol's sweep.
     *
     * @param r accumulators built over {@code plan.edges()} (or daily)
     * @param skewness per-set γ₃ of daily returns over the whole span (null: taken from {@code r}'s power sums)
     * @param kurtosis per-set γ₄ (non-excess), likewise
     */
    public static Report run(SegmentReturns r, double[] skewness, double[] kurtosis, AnalysisPlan plan, List<String> filters, Thresholds t) {
        int sets = r.sets();
        List<Outcome> outcomes = new ArrayList<>();
        WalkForward.Result wf = null;
        Cscv.Result pbo = null;
        PurgedKFold.Result pk = null;
        double[] dsr = null;
        for (String f : filters) {
            boolean[] pass = new boolean[sets];
            double[] value = new double[sets];
            double threshold;
            switch (f) {
                case "dsr" -> {
                    double[] sr = new double[sets], n = new double[sets], sk = new double[sets], ku = new double[sets];
                    for (int p = 0; p < sets; p++) {
                        Moments m = r.moments(p, 0, r.segments());
                        sr[p] = m.sharpe(); n[p] = m.count();
                        sk[p] = skewness != null ? skewness[p] : m.skewness();
                        ku[p] = kurtosis != null ? kurtosis[p] : m.kurtosis();
                    }
                    dsr = SharpeStatistics.deflatedSharpeAll(sr, n, sk, ku);
                    threshold = t.dsrMin();
                    for (int p = 0; p < sets; p++) { value[p] = dsr[p]; pass[p] = dsr[p] > threshold; }
                }
                case "wfa" -> {
                    wf = WalkForward.run(r, plan.walkForward(r), WalkForward.Objective.SHARPE);
                    threshold = t.wfaMinEfficiency();
                    for (int p = 0; p < sets; p++) {
                        value[p] = wf.efficiency()[p];
                        pass[p] = wf.efficiency()[p] > threshold && wf.profitableShare()[p] > t.wfaMinProfitable();
                    }
                }
                case "pbo" -> {
                    pbo = Cscv.run(r, plan.cscvGroupEdges(r), Cscv.Metric.SHARPE);
                    threshold = t.pboMax();
                    Arrays.fill(value, pbo.pbo());
                    Arrays.fill(pass, pbo.pbo() <= threshold);
                }
                case "pkfold" -> {
                    pk = PurgedKFold.run(r, plan.purgedFolds(r));
                    threshold = t.pkMinMean();
                    for (int p = 0; p < sets; p++) {
                        value[p] = pk.meanSharpe()[p];
                        pass[p] = pk.meanSharpe()[p] > threshold && pk.stdSharpe()[p] < t.pkMaxStd();
                    }
                }
                default -> throw new InputException("unknown filter '" + f + "'");
            }
            outcomes.add(new Outcome(f, pass, value, threshold));
        }
        int[] funnel = new int[outcomes.size() + 1];
        boolean[] alive = new boolean[sets];
        Arrays.fill(alive, true);
        funnel[0] = sets;
        for (int i = 0; i < outcomes.size(); i++) {
            int c = 0;
            for (int p = 0; p < sets; p++) { alive[p] &= outcomes.get(i).passed()[p]; if (alive[p]) c++; }
            funnel[i + 1] = c;
        }
        return new Report(List.copyOf(outcomes), funnel, wf, pbo, pk, dsr);
    }
}
