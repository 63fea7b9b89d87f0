package vq.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/** {@code vq check lookahead} end to end on a week of real BTCUSDT 1m bars. */
class LookaheadCommandTest {
    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        var cl = VqCommand.commandLine();
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test void shippedStrategyPassesAndBadInputIsExit2(@TempDir Path ws) {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p, "timealiver_BinanceDataGetter/spot_klines_1m/BTCUSDT");
        boolean present = d != null && Files.isDirectory(d);
        if (!present && "true".equals(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + d);
        assumeTrue(present, "shared data folder absent: " + d);
        List<Path> zips = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2024, 1, 8)); day = day.plusDays(1))
            zips.add(d.resolve("BTCUSDT-1m-" + day + ".zip"));
        Importer.importPaths(Catalog.open(ws.resolve("catalog")), zips, ImportOptions.defaults());

        Run ok = run("--workspace", ws.toString(), "check", "lookahead", "sma_cross", "--symbol", "BTCUSDT", "--from", "2024-01-01",
                "--to", "2024-01-07", "--cuts", "3", "--sets", "2");
        assertEquals(0, ok.rc(), ok.out() + ok.err());
        assertTrue(ok.out().contains("10,080 bars, 3 cuts, 2 parameter sets"), ok.out());
        assertTrue(ok.out().contains("PASSED"), ok.out());

        Run bad = run("--workspace", ws.toString(), "check", "lookahead", "sma_cross", "--symbol", "ETHUSDT", "--from", "2024-01-01", "--to", "2024-01-07");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("no bars/1m for ETHUSDT in "), bad.err());

        Run badDate = run("--workspace", ws.toString(), "check", "lookahead", "sma_cross", "--symbol", "BTCUSDT", "--from", "Jan 1", "--to", "2024-01-07");
        assertEquals(2, badDate.rc());
        assertTrue(badDate.err().contains("--from: 'Jan 1' is not YYYY-MM, YYYY-MM-DD or an ISO instant"), badDate.err());
    }
}
