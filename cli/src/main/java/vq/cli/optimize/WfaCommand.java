package vq.cli.optimize;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.cli.screen.ScreenRun;
import vq.columnar.Intervals;
import vq.optimizer.stats.Moments;
import vq.optimizer.stats.SegmentReturns;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.WalkForwardWriter;
import vq.optimizer.validation.ScreenSegments;
import vq.optimizer.validation.WalkForward;

/** {@code vq wfa}: walk-forward analysis of a stored screen, every parameter set from one replay pass. */
@Command(name = "wfa", mixinStandardHelpOptions = true,
        description = {"Walk-forward analysis (rolling or anchored; train/test/step in days) of a screen experiment: per window the "
                + "parameter set with the best in-sample Sharpe, measured out of sample; WF efficiency (mean OOS / mean IS "
                + "annualized return), share of profitable OOS windows, stitched OOS equity and Sharpe. All parameter sets come "
                + "from one replay pass that accumulates the windows. Writes the walk_forward table (view walk_forward_stitched)."})
public final class WfaCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--experiment", required = true, paramLabel = "ID", description = "Screen experiment id (vq experiments list).")
    String experiment;

    @CommandLine.Mixin FilterCommand.AnalysisOptions analysis = new FilterCommand.AnalysisOptions();

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        ExperimentReplay.Replay replay = ExperimentReplay.run(ws, experiment, analysis.settings(), System.err);
        PrintStream out = System.out;
        String scheme = analysis.anchored ? "anchored" : "rolling";
        try (ResultsStore store = ResultsStore.open(ws.database())) {
            store.inTransaction(tx -> {
                tx.deleteWalkForward(experiment, scheme);
                try (WalkForwardWriter ww = tx.walkForward()) {
                    for (ScreenRun.SymbolResult sr : replay.outcome().symbols()) {
                        SegmentReturns r = ScreenSegments.fromScreen(sr.result(), replay.edges());
                        WalkForward.Result wf = WalkForward.run(r, replay.plan().walkForward(r), WalkForward.Objective.SHARPE);
                        writeSelection(ww, experiment, sr.symbol(), scheme, r, wf);
                        print(out, sr.symbol(), scheme, r, wf, replay);
                    }
                }
                return null;
            });
        }
        out.printf("%nwalk-forward: %s (table walk_forward, view walk_forward_stitched)%n", ws.database());
        return 0;
    }

    static void writeSelection(WalkForwardWriter ww, String experiment, String symbol, String scheme, SegmentReturns r, WalkForward.Result wf) throws SQLException {
        for (WalkForward.Window w : wf.windows()) {
            int p = wf.selected()[w.index()];
            Moments is = r.moments(p, w.trainFrom(), w.trainTo()), oos = r.moments(p, w.testFrom(), w.testTo());
            ww.add(experiment, symbol, scheme, w.index(), r.startNanos(w.trainFrom()), r.startNanos(w.trainTo()), r.startNanos(w.testFrom()),
                    r.startNanos(w.testTo()), p, is.totalReturn(), oos.totalReturn(), oos.annualSharpe());
        }
        for (int i = 0; i < wf.stitchedEquity().length; i++) {
            ww.addStitched(experiment, symbol, scheme, wf.stitchedEquityEndNanos()[i], wf.stitchedEquity()[i]);
        }
    }

    static void print(PrintStream out, String symbol, String scheme, SegmentReturns r, WalkForward.Result wf, ExperimentReplay.Replay replay) {
        out.printf("%n%s  %s walk-forward, %d windows%n", symbol, scheme, wf.windows().size());
        out.printf("%3s %-10s %-10s %-10s %-10s %6s  %-28s %8s %8s %8s%n", "#", "train", "", "test", "", "set", "params", "IS ret", "OOS ret", "OOS SR");
        for (WalkForward.Window w : wf.windows()) {
            int p = wf.selected()[w.index()];
            Moments is = r.moments(p, w.trainFrom(), w.trainTo()), oos = r.moments(p, w.testFrom(), w.testTo());
            StringBuilder params = new StringBuilder();
            double[] set = replay.outcome().sets()[p];
            for (int i = 0; i < set.length; i++) {
                double v = set[i];
                params.append(i == 0 ? "" : " ").append(replay.outcome().paramNames().get(i)).append('=')
                        .append(v == Math.rint(v) ? Long.toString((long) v) : String.format("%.4g", v));
            }
            out.printf("%3d %-10s %-10s %-10s %-10s %6d  %-28s %7.1f%% %7.1f%% %8.2f%n", w.index(), Intervals.iso(r.startNanos(w.trainFrom())).substring(0, 10),
                    Intervals.iso(r.startNanos(w.trainTo())).substring(0, 10), Intervals.iso(r.startNanos(w.testFrom())).substring(0, 10),
                    Intervals.iso(r.startNanos(w.testTo())).substring(0, 10), p, params, 100 * is.totalReturn(), 100 * oos.totalReturn(), oos.annualSharpe());
        }
        int passing = 0;
        for (int p = 0; p < r.sets(); p++) if (wf.efficiency()[p] > 0.5 && wf.profitableShare()[p] > 0.5) passing++;
        out.printf("selection: WF efficiency %.2f, %.0f%% profitable OOS windows, stitched OOS Sharpe %.2f, stitched equity x%.3f%n",
                wf.selectionEfficiency(), 100 * wf.selectionProfitableShare(), wf.stitchedSharpe(),
                wf.stitchedEquity().length > 0 ? wf.stitchedEquity()[wf.stitchedEquity().length - 1] : Double.NaN);
        out.printf("all sets: %,d of %,d have WF efficiency > 0.5 and > 50%% profitable OOS windows%n", passing, r.sets());
    }
}
