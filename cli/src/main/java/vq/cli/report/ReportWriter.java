package vq.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import vq.columnar.AtomicFiles;

/**
 * Assembles {@code report.html}: one self-contained file (no network access when opened) holding the
 * page, its CSS, the report data as JSON, Apache ECharts (vendored from npm, Apache-2.0, see
 * resources/vq/report/vendor/echarts/) and report.js, which draws every chart from the data.
 */
public final class ReportWriter {
    private static final ObjectMapper M = new ObjectMapper();

    private ReportWriter() {}

    /** The HTML text of a report for {@code data} (as built by {@link ReportData}). */
    static String html(String title, ObjectNode data) {
        String json;
        try {
            json = M.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // inside <script> a literal "</" could end the element early; JSON allows "\/" for "/"
        json = json.replace("</", "<\\/").replace("<!--", "<\\!--");
        java.util.Map<String, String> parts = java.util.Map.of("TITLE", escapeHtml(title), "CSS", resource("report.css"),
                "JS", resource("report.js"), "DATA", json, "ECHARTS", resource("vendor/echarts/echarts.min.js"));
        // one pass, so that text inside the data can never be taken for a placeholder
        String page = resource("report.html");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/\\*VQ_([A-Z]+)\\*/").matcher(page);
        StringBuilder out = new StringBuilder(page.length() + json.length() + 1_300_000);
        int last = 0;
        while (m.find()) {
            String v = parts.get(m.group(1));
            if (v == null) throw new IllegalStateException("report.html: unknown placeholder " + m.group());
            out.append(page, last, m.start()).append(v);
            last = m.end();
        }
        return out.append(page, last, page.length()).toString();
    }

    /** Writes the report atomically to {@code file}; returns its size in bytes. */
    static long write(Path file, String title, ObjectNode data) {
        byte[] bytes = html(title, data).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
        return bytes.length;
    }

    static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream("/vq/report/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource /vq/report/" + name + " (broken build?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
