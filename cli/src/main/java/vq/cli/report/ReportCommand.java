package vq.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.AtomicFiles;
import vq.columnar.InputException;
import vq.optimizer.store.ResultsStore;

/** {@code vq report ID}: a self-contained HTML report of an experiment (or a validation run). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write reports/ID/report.html: one file that opens offline (charts embedded): leaderboard, Pareto front,",
                "parameter heatmaps, overfitting filters, walk-forward and, per candidate, equity, drawdown, monthly returns,",
                "trade PnL histogram, trades, cost breakdown and screen-vs-validate. Sections a stage has not produced say so.",
                "ID is an experiment id (vq experiments list) or a validation run id."})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Experiment id or run id.")
    String id;

    @Option(names = "--candidates", paramLabel = "N", defaultValue = "5",
            description = "Per-candidate sections: validated runs by Sharpe, else the top of the screen (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--png", description = "Also export every chart as PNG into reports/ID/png/ (needs Chromium: apt-get install chromium).")
    boolean png;

    @Option(names = "--screenshot", paramLabel = "FILE",
            description = "Also save a PNG of the whole page, 1400 px wide (needs Chromium).")
    Path screenshot;

    @Override
    public Integer call() throws Exception {
        if (candidates < 0 || candidates > 100) throw new InputException("--candidates " + candidates + ": expected 0..100");
        if (!id.matches("[A-Za-z0-9._-]+")) throw new InputException("ID '" + id + "': expected letters, digits, '.', '_' or '-'");
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        ObjectNode data;
        try (ResultsStore store = ResultsStore.openReadOnly(ws.database())) {
            data = new ReportData(store).build(id, candidates);
        }
        Path dir = ws.reports().resolve(id);
        Path file = dir.resolve("report.html");
        long bytes = ReportWriter.write(file, id, data);
        var out = spec.commandLine().getOut();
        out.printf("report: %s (%.1f MB)%n", file, bytes / 1e6);
        if (png) {
            int n = exportPngs(file, dir.resolve("png"));
            out.printf("png: %d charts in %s%n", n, dir.resolve("png"));
        }
        if (screenshot != null) {
            Path shot = screenshot.toAbsolutePath().normalize();
            AtomicFiles.write(shot, screenshot(file));
            out.printf("screenshot: %s%n", shot);
        }
        out.flush();
        return 0;
    }

    /** A full-page PNG of the report as headless Chromium draws it at 1400 CSS px wide. */
    static byte[] screenshot(Path report) throws Exception {
        Path bin = Chromium.find().orElseThrow(() -> new InputException(
                "--screenshot needs Chromium (Debian: apt-get install chromium; or set VQ_CHROMIUM to its path)"));
        try (Chromium c = Chromium.launch(bin, Duration.ofSeconds(60))) {
            Chromium.Page page = c.open(report.toUri(), 1400, 900, Duration.ofSeconds(120));
            if (!page.errors().isEmpty()) throw new IllegalStateException(report + ": the page reported errors: " + page.errors());
            byte[] png = page.screenshot();
            page.close();
            return png;
        }
    }

    /** Loads the report in headless Chromium and writes each chart's PNG (ECharts getDataURL, 2× pixel ratio). */
    static int exportPngs(Path report, Path dir) throws Exception {
        Path bin = Chromium.find().orElseThrow(() -> new InputException(
                "--png needs Chromium (Debian: apt-get install chromium; or set VQ_CHROMIUM to its path)"));
        Files.createDirectories(dir);
        try (Chromium c = Chromium.launch(bin, Duration.ofSeconds(60))) {
            Chromium.Page page = c.open(report.toUri(), 1400, 900, Duration.ofSeconds(120));
            if (!page.errors().isEmpty()) throw new IllegalStateException(report + ": the page reported errors: " + page.errors());
            JsonNode pngs = page.eval("window.vqReport ? window.vqReport.pngs() : null");
            if (pngs == null || pngs.isNull()) throw new IllegalStateException(report + ": the report script did not run");
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = pngs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String url = e.getValue().asText();
                int comma = url.indexOf(',');
                if (!url.startsWith("data:image/png;base64,")) throw new IllegalStateException("chart " + e.getKey() + ": no PNG");
                AtomicFiles.write(dir.resolve(e.getKey() + ".png"), Base64.getDecoder().decode(url.substring(comma + 1)));
                n++;
            }
            page.close();
            return n;
        }
    }
}
