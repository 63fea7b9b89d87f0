package vq.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;
import vq.optimizer.store.ResultsStore;

class ReportTest {
    @TempDir static Path ws;
    static String full, bare;

    @BeforeAll
    static void study() throws Exception {
        StudyFixture fx = new StudyFixture(11);
        full = fx.write(ws.resolve("vq.duckdb"), "sma-full", true);
        bare = fx.write(ws.resolve("vq.duckdb"), "sma-screen-only", false);
    }

    static int vq(StringBuilder out, String... args) {
        var cl = VqCommand.commandLine();
        var buf = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(buf, true));
        var err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        int rc = cl.execute(args);
        out.append(buf).append(err);
        return rc;
    }

    @Test
    void dataHasEverySectionOnlyWhenItsStageRan() throws Exception {
        try (ResultsStore s = ResultsStore.openReadOnly(ws.resolve("vq.duckdb"))) {
            ReportData rd = new ReportData(s);
            ObjectNode d = rd.build(full, 5);
            assertEquals(11 * 13, d.at("/sweep/rows").asLong());
            assertEquals(List.of("fast", "slow"), List.of(d.at("/sweep/params/0").asText(), d.at("/sweep/params/1").asText()));
            assertEquals(1, d.at("/sweep/heatmaps").size());
            assertEquals(11 * 13, d.at("/sweep/heatmaps/0/cells").size(), "one cell per (fast, slow): nothing binned");
            assertTrue(d.at("/sweep/front").asLong() >= 1);
            assertEquals(2, d.at("/filters/funnel").size());
            assertEquals(4, d.get("walkForwardWindows").size(), "4 rolling windows in 90 days");
            assertEquals(4 * 15, d.get("walkForward").size(), "one stitched point per test day");
            assertEquals(3, d.get("candidates").size(), "three validated runs");
            JsonNode c0 = d.at("/candidates/0");
            assertTrue(c0.get("equity").size() > 1000);
            assertEquals(3, c0.get("monthly").size(), "Jan–Mar 2024");
            assertEquals(c0.get("tradeCount").asLong(), c0.at("/run/trades").asLong());
            assertTrue(c0.at("/costs/slippage").asDouble() > 0);
            assertEquals(12, c0.get("comparison").size());
            assertEquals(2, c0.get("filters").size());
            long histTotal = 0;
            for (JsonNode n : c0.at("/pnlHistogram/counts")) histTotal += n.asLong();
            assertEquals(c0.get("tradeCount").asLong(), histTotal);

            ObjectNode b = rd.build(bare, 4);
            assertTrue(b.get("filters").isNull());
            assertTrue(b.get("walkForward").isNull());
            assertEquals(4, b.get("candidates").size(), "top of the screen when nothing was validated");
            assertTrue(b.at("/candidates/0/run").isNull());

            ObjectNode r = rd.build(full + "-run1", 5);
            assertEquals(1, r.get("candidates").size(), "a run id gives a report of that run");
            assertThrows(vq.columnar.InputException.class, () -> rd.build("no-such-id", 5));
        }
    }

    @Test
    void htmlIsOneSelfContainedFile() throws Exception {
        StringBuilder out = new StringBuilder();
        assertEquals(0, vq(out, "--workspace", ws.toString(), "report", full), out.toString());
        Path html = ws.resolve("reports").resolve(full).resolve("report.html");
        assertTrue(out.toString().contains(html.toString()), out.toString());
        String page = Files.readString(html);
        assertFalse(page.contains("/*VQ_"), "every placeholder filled");
        assertTrue(page.contains("echarts"), "ECharts is embedded");
        for (String bad : List.of("src=\"http", "src='http", "href=\"http", "@import", "<script src")) {
            assertFalse(page.contains(bad), "no external resource: " + bad);
        }
        StringBuilder o2 = new StringBuilder();
        assertEquals(2, vq(o2, "--workspace", ws.toString(), "report", "nope"), o2.toString());
        assertTrue(o2.toString().contains("no experiment or run 'nope'"), o2.toString());
    }

    static Path chromiumOrSkip() {
        var bin = Chromium.find();
        if (bin.isEmpty()) {
            assertNotEquals("true", System.getenv("CI"), "CI must have Chromium (.ci/run installs the Debian package)");
            Assumptions.abort("Chromium is not installed (apt-get install chromium)");
        }
        return bin.get();
    }

    /** Loads both reports in real headless Chromium: no console errors, no network, every chart drew ink. */
    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path bin = chromiumOrSkip();
        StringBuilder out = new StringBuilder();
        assertEquals(0, vq(out, "--workspace", ws.toString(), "report", full), out.toString());
        assertEquals(0, vq(out, "--workspace", ws.toString(), "report", bare), out.toString());
        Path shots = Path.of("target", "report-screenshots");
        Files.createDirectories(shots);
        try (Chromium c = Chromium.launch(bin, Duration.ofSeconds(60))) {
            for (String id : List.of(full, bare)) {
                Path html = ws.resolve("reports").resolve(id).resolve("report.html");
                Chromium.Page p = c.open(html.toUri(), 1400, 900, Duration.ofSeconds(120));
                assertEquals(List.of(), p.errors(), id + ": console errors");
                assertTrue(p.eval("window.vqReport && window.vqReport.ready === true").asBoolean(), "report script ran");
                for (String url : p.requests()) {
                    assertTrue(url.startsWith("file:") || url.startsWith("data:"), id + ": network request " + url);
                }
                JsonNode status = p.eval("window.vqReport.status()");
                Set<String> ids = new HashSet<>();
                for (JsonNode ch : status) {
                    ids.add(ch.get("id").asText());
                    assertTrue(ch.get("points").asInt() > 0, "chart " + ch + " has data");
                    assertTrue(ch.get("width").asInt() > 300, "chart " + ch + " has a canvas");
                    assertTrue(ch.get("inked").asInt() > 200, "chart " + ch + " drew something");
                }
                byte[] png = p.screenshot();
                assertTrue(png.length > 50_000, "screenshot has content: " + png.length + " bytes");
                assertEquals((byte) 0x89, png[0]);
                assertEquals('P', png[1]);
                Files.write(shots.resolve((id.equals(full) ? "full" : "screen-only") + ".png"), png);
                if (id.equals(full)) {
                    assertEquals(Set.of("pareto", "heatmap", "funnel", "walkforward",
                            "c0-equity", "c0-drawdown", "c0-monthly", "c0-pnl", "c0-costs",
                            "c1-equity", "c1-drawdown", "c1-monthly", "c1-pnl", "c1-costs",
                            "c2-equity", "c2-drawdown", "c2-monthly", "c2-pnl", "c2-costs"), ids);
                    // switching the heatmap's metric and pair re-renders without errors
                    p.eval("(function(){var s=document.querySelectorAll('#heatmaps select')[1]; s.value='max_drawdown';"
                            + "s.dispatchEvent(new Event('change')); return true;})()");
                    // sorting the leaderboard by a column works and keeps the row count
                    JsonNode rows = p.eval("(function(){var th=document.querySelectorAll('#leaderboard th')[5]; th.click(); th.click();"
                            + "return document.querySelectorAll('#leaderboard tbody tr').length;})()");
                    assertEquals(11 * 13, rows.asInt());
                    assertEquals(List.of(), p.errors(), "after interaction");
                } else {
                    assertEquals(Set.of("pareto", "heatmap"), ids);
                    String text = p.eval("document.body.innerText").asText();
                    assertTrue(text.contains("Not computed: no overfitting filter has run"), text);
                    assertTrue(text.contains("Not computed: no walk-forward analysis"), text);
                    assertTrue(text.contains("Not computed: validation"), text);
                }
                p.close();
            }
        }
    }

    @Test
    void pngExportWritesOneFilePerChart() throws Exception {
        chromiumOrSkip();
        StringBuilder out = new StringBuilder();
        Path shot = ws.resolve("shot.png");
        assertEquals(0, vq(out, "--workspace", ws.toString(), "report", bare, "--png", "--screenshot", shot.toString()), out.toString());
        byte[] page = Files.readAllBytes(shot);
        assertTrue(page.length > 50_000 && page[1] == 'P', "a full-page PNG");
        Path dir = ws.resolve("reports").resolve(bare).resolve("png");
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("heatmap.png", "pareto.png"), names);
        }
        byte[] png = Files.readAllBytes(dir.resolve("pareto.png"));
        assertTrue(png.length > 10_000 && png[1] == 'P', "a real PNG");
        assertTrue(out.toString().contains("png: 2 charts"), out.toString());
    }
}
