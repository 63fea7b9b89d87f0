package vq.cli.optimize;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.cli.screen.ScreenRun;
import vq.columnar.InputException;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.store.FiltersWriter;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.WalkForwardWriter;
import vq.optimizer.validation.OverfittingFilters;
import vq.optimizer.validation.ScreenSegments;
import vq.optimizer.validation.WalkForward;

/** {@code vq filter}: the overfitting filter pipeline over a stored screen, tagged per parameter set in DuckDB. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = {"Run overfitting filters over every parameter set of a screen experiment and print the funnel.",
                "The experiment is replayed in one SIMD pass per symbol that accumulates the walk-forward windows, purged folds "
                + "and CSCV groups; then each filter tags every (parameter set, symbol) pass or fail in the filters table "
                + "(views: sweep_ranked, filter_funnel) and the walk-forward selection goes to walk_forward.",
                "Filters (seed defaults): dsr = Deflated Sharpe > 0.95 with N = all sets; wfa = walk-forward efficiency > 0.5 and "
                + "> 50% profitable OOS windows; pbo = PBO by CSCV <= 0.5 (experiment-level gate); pkfold = purged K-fold mean "
                + "Sharpe > 0.5 and std < 1.0."})
public final class FilterCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiment", required = true, paramLabel = "ID", description = "Screen experiment id (vq experiments list).")
    String experiment;

    @Option(names = "--filters", defaultValue = "dsr,wfa,pbo,pkfold", paramLabel = "LIST", description = "Filters in order (default ${DEFAULT-VALUE}).")
    String filters;

    @CommandLine.Mixin AnalysisOptions analysis = new AnalysisOptions();

    @Option(names = "--dsr-min", defaultValue = "0.95", description = "DSR threshold (default ${DEFAULT-VALUE}).") double dsrMin;
    @Option(names = "--wfa-min-efficiency", defaultValue = "0.5", description = "Walk-forward efficiency threshold (default ${DEFAULT-VALUE}).") double wfaEff;
    @Option(names = "--wfa-min-profitable", defaultValue = "0.5", description = "Share of profitable OOS windows (default ${DEFAULT-VALUE}).") double wfaProf;
    @Option(names = "--pbo-max", defaultValue = "0.5", description = "Largest acceptable PBO (default ${DEFAULT-VALUE}).") double pboMax;
    @Option(names = "--pkfold-min-mean", defaultValue = "0.5", description = "Purged K-fold minimum mean Sharpe (default ${DEFAULT-VALUE}).") double pkMean;
    @Option(names = "--pkfold-max-std", defaultValue = "1.0", description = "Purged K-fold maximum Sharpe std (default ${DEFAULT-VALUE}).") double pkStd;

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        List<String> list = OverfittingFilters.parse(filters);
        ExperimentReplay.Replay replay = ExperimentReplay.run(ws, experiment, analysis.settings(), System.err);
        OverfittingFilters.Thresholds t = new OverfittingFilters.Thresholds(dsrMin, wfaEff, wfaProf, pboMax, pkMean, pkStd);
        PrintStream out = System.out;
        try (ResultsStore store = ResultsStore.open(ws.database())) {
            store.inTransaction(tx -> {
                tx.connection().createStatement().execute("DELETE FROM filters WHERE experiment_id = '" + experiment.replace("'", "''") + "'");
                tx.deleteWalkForward(experiment, analysis.anchored ? "anchored" : "rolling"); // rewritten below, not duplicated
                try (FiltersWriter fw = tx.filters(); WalkForwardWriter ww = tx.walkForward()) {
                    for (ScreenRun.SymbolResult sr : replay.outcome().symbols()) {
                        SegmentReturns r = ScreenSegments.fromScreen(sr.result(), replay.edges());
                        OverfittingFilters.Report rep = OverfittingFilters.run(r, ScreenSegments.skewness(sr.result()), ScreenSegments.kurtosis(sr.result()),
                                replay.plan(), list, t);
                        for (int stage = 0; stage < rep.outcomes().size(); stage++) {
                            OverfittingFilters.Outcome o = rep.outcomes().get(stage);
                            for (int p = 0; p < r.sets(); p++) {
                                fw.add(experiment, p, sr.symbol(), stage + 1, o.filter(), o.passed()[p], o.value()[p], o.threshold(), null);
                            }
                        }
                        if (rep.walkForward() != null) WfaCommand.writeSelection(ww, experiment, sr.symbol(), analysis.anchored ? "anchored" : "rolling", r, rep.walkForward());
                        printFunnel(out, sr.symbol(), rep);
                    }
                }
                return null;
            });
        }
        out.printf("%nfilters: %s (tables filters, walk_forward; views filter_funnel, sweep_ranked)%n", ws.database());
        out.printf("query:   vq sql \"SELECT * FROM filter_funnel WHERE experiment_id = '%s' ORDER BY stage\"%n", experiment);
        return 0;
    }

    static void printFunnel(PrintStream out, String symbol, OverfittingFilters.Report rep) {
        out.printf("%n%s  funnel: %,d sets", symbol, rep.funnel()[0]);
        for (int i = 0; i < rep.outcomes().size(); i++) {
            OverfittingFilters.Outcome o = rep.outcomes().get(i);
            out.printf(" -> %s %,d", o.filter(), rep.funnel()[i + 1]);
        }
        out.println();
        if (rep.pbo() != null) out.printf("  PBO %.3f over %,d CSCV combinations (prob. of OOS loss %.3f, degradation slope %.3f)%n",
                rep.pbo().pbo(), rep.pbo().combinations(), rep.pbo().probabilityOfLoss(), rep.pbo().degradationSlope());
        if (rep.walkForward() != null) {
            WalkForward.Result wf = rep.walkForward();
            out.printf("  walk-forward selection: %d windows, efficiency %.2f, %.0f%% profitable OOS windows, stitched OOS Sharpe %.2f, equity x%.3f%n",
                    wf.windows().size(), wf.selectionEfficiency(), 100 * wf.selectionProfitableShare(), wf.stitchedSharpe(),
                    wf.stitchedEquity().length > 0 ? wf.stitchedEquity()[wf.stitchedEquity().length - 1] : Double.NaN);
        }
        if (rep.purgedKFold() != null) {
            double mean = 0;
            for (double v : rep.purgedKFold().selectedTestSharpe()) mean += v / rep.purgedKFold().selectedTestSharpe().length;
            out.printf("  purged %d-fold: the training winner's mean test Sharpe %.2f%n", rep.purgedKFold().folds().size(), mean);
        }
    }

    /** Walk-forward / fold / CSCV layout options shared by vq filter and vq wfa. */
    public static final class AnalysisOptions {
        @Option(names = "--train", defaultValue = "270", paramLabel = "DAYS", description = "Walk-forward train days (default ${DEFAULT-VALUE}).") int train;
        @Option(names = "--test", defaultValue = "90", paramLabel = "DAYS", description = "Walk-forward test days (default ${DEFAULT-VALUE}).") int test;
        @Option(names = "--step", defaultValue = "30", paramLabel = "DAYS", description = "Walk-forward step days (default ${DEFAULT-VALUE}).") int step;
        @Option(names = "--anchored", description = "Anchored walk-forward (training grows from the first day) instead of rolling.") boolean anchored;
        @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Purged K-fold K (default ${DEFAULT-VALUE}).") int folds;
        @Option(names = "--purge-days", paramLabel = "DAYS", description = "Purge around test folds (default: the longest indicator lookback (warm-up) of the strategy, in days).") Integer purge;
        @Option(names = "--embargo-days", defaultValue = "1", paramLabel = "DAYS", description = "Embargo after test folds (default ${DEFAULT-VALUE}).") int embargo;
        @Option(names = "--cscv-groups", defaultValue = "16", paramLabel = "S", description = "CSCV submatrices S, even (default ${DEFAULT-VALUE}).") int groups;
        @Option(names = "--threads", paramLabel = "N", description = "Screen threads (default: all cores).") Integer threads;

        ExperimentReplay.Settings settings() {
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (t < 1) throw new InputException("--threads must be >= 1");
            return new ExperimentReplay.Settings(train, test, step, anchored, folds, purge, embargo, groups, t);
        }
    }
}
