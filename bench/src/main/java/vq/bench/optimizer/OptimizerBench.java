package vq.bench.optimizer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vq.optimizer.sampling.Dimension;
import vq.optimizer.sampling.Nsga2Search;
import vq.optimizer.sampling.SearchSpace;
import vq.optimizer.sampling.TpeSampler;
import vq.optimizer.stats.Cscv;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.validation.AnalysisPlan;
import vq.optimizer.validation.OverfittingFilters;
import vq.optimizer.validation.PurgedKFold;
import vq.optimizer.validation.WalkForward;

/**
 * Cost of the optimizer itself, evaluation excluded: TPE and NSGA-II overhead per trial, and the
 * statistics over a sweep of 10,000 parameter sets on two years of daily returns accumulated at the
 * {@link AnalysisPlan} edges (walk-forward 270/90/30 = 13 windows, purged 5-fold, CSCV S = 16).
 *
 * <p>Run: {@code java -jar bench/target/vq-bench.jar OptimizerBench -f 1 -wi 2 -i 3}. Numbers taken on a
 * shared 2-core machine are indicative only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OptimizerBench {
    static final long DAY0 = 1_672_531_200_000_000_000L; // 2023-01-01

    @Param({"10000"})
    int sets;

    SegmentReturns coarse;
    AnalysisPlan plan;
    List<WalkForward.Window> windows;
    SearchSpace space;
    TpeSampler tpe500;

    @Setup(Level.Trial)
    public void setup() {
        int days = 730;
        plan = AnalysisPlan.defaults(DAY0, DAY0 + days * 86_400_000_000_000L, 2);
        long[] edges = plan.edges();
        coarse = new SegmentReturns(edges, sets);
        SplittableRandom rnd = new SplittableRandom(1);
        // fill each coarse segment with that many synthetic daily returns per set
        for (int k = 0; k + 1 < edges.length; k++) {
            int d = (int) ((edges[k + 1] - edges[k]) / 86_400_000_000_000L);
            for (int p = 0; p < sets; p++) for (int t = 0; t < d; t++) coarse.add(k, p, 0.0002 + 0.02 * (rnd.nextDouble() - 0.5));
        }
        windows = plan.walkForward(coarse);
        space = new SearchSpace(List.of(Dimension.integer("fast", 2, 100, false), Dimension.integer("slow", 20, 400, false),
                Dimension.floating("stop", 0.002, 0.1, true), Dimension.floating("take", 0.002, 0.2, true)));
        tpe500 = new TpeSampler(space, 7, TpeSampler.Config.defaults());
        for (int b = 0; b < 500 / 50; b++) {
            double[][] pts = tpe500.ask(50);
            double[] v = new double[pts.length];
            for (int i = 0; i < v.length; i++) v[i] = rnd.nextDouble();
            tpe500.tell(pts, v);
        }
    }

    /** Walk-forward of all sets over 13 windows. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public WalkForward.Result walkForward10kx13() {
        return WalkForward.run(coarse, windows, WalkForward.Objective.SHARPE);
    }

    /** PBO by CSCV, S = 16 (12,870 combinations) over all sets. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Cscv.Result pboS16() {
        return Cscv.run(coarse, plan.cscvGroupEdges(coarse), Cscv.Metric.SHARPE);
    }

    /** Purged 5-fold over all sets. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PurgedKFold.Result purgedKFold() {
        return PurgedKFold.run(coarse, plan.purgedFolds(coarse));
    }

    /** The whole filter pipeline dsr,wfa,pbo,pkfold. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public OverfittingFilters.Report filterPipeline() {
        return OverfittingFilters.run(coarse, null, null, plan, OverfittingFilters.KNOWN, OverfittingFilters.Thresholds.defaults());
    }

    /** TPE: one batch of 50 proposals with 500 trials of history (the per-trial overhead is this / 50). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[][] tpeAsk50After500() {
        return tpe500.ask(50);
    }

    /** NSGA-II: 20 generations of 100 with a free objective (per-trial overhead = this / 2,100 evaluations). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Nsga2Search.Result nsga2Pop100Gen20() {
        return Nsga2Search.run(space, pts -> {
            double[][] v = new double[pts.length][];
            for (int i = 0; i < pts.length; i++) v[i] = new double[] {-Math.abs(pts[i][0] - 20), -Math.abs(pts[i][1] - 200), pts[i][2]};
            return v;
        }, new Nsga2Search.Config(100, 20, 0.9, 0.2), 3);
    }
}
