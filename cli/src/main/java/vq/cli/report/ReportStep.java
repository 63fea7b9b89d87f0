package vq.cli.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import vq.cli.demo.DemoContext;
import vq.cli.demo.DemoStep;
import vq.columnar.InputException;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;

/**
 * The demo's last step (keep it last: it reports whatever the steps before it stored): the HTML report
 * of the experiment the screen step made (context key {@code screen_experiment}; else the newest
 * experiment in the database).
 */
public final class ReportStep implements DemoStep {
    @Override public String name() { return "HTML report (vq report)"; }

    @Override public void run(DemoContext ctx) throws Exception {
        String id = ctx.get("screen_experiment");
        ObjectNode data;
        try (ResultsStore s = ResultsStore.openReadOnly(ctx.workspace().database())) {
            if (id == null) {
                id = s.experiments().stream().findFirst().map(Experiment::experimentId)
                        .orElseThrow(() -> new InputException("no experiment in " + ctx.workspace().database() + " to report on"));
            }
            data = new ReportData(s).build(id, 5);
        }
        Path file = ctx.workspace().reports().resolve(id).resolve("report.html");
        long bytes = ReportWriter.write(file, id, data);
        ctx.out().printf("  %s (%.1f MB; %d candidates; open it in a browser, it works offline)%n", file, bytes / 1e6,
                data.get("candidates").size());
        ctx.summary("report: " + file);
    }
}
