package vq.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/**
 * {@code vq bench agreement} on four real days of Binance BTCUSDT 1m klines (plus their 15m resample): a few
 * random sets of a 1m and a 15m strategy must all agree between the screen and the simulator, and the table and
 * the top-N validation timing must be printed.
 */
class AgreementBenchTest {
    @TempDir static Path ws;
    static boolean data;

    @BeforeAll
    static void importBars() {
        String root = System.getProperty("vq.shared.data");
        Path dir = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m", "BTCUSDT");
        data = dir != null && Files.isDirectory(dir);
        if (!data && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + dir);
        if (!data) return;
        List<Path> files = new ArrayList<>();
        for (int d = 0; d < 4; d++) files.add(dir.resolve("BTCUSDT-1m-" + LocalDate.of(2024, 3, 1).plusDays(d) + ".zip"));
        Importer.importPaths(Catalog.open(ws.resolve("catalog")), files, ImportOptions.defaults());
        assertEquals(0, vq(new ByteArrayOutputStream(), "data", "resample", "--symbol", "BTCUSDT", "--to", "15m", "--market", "spot"));
    }

    static int vq(ByteArrayOutputStream buf, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--workspace";
            all[1] = ws.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return VqCommand.commandLine().execute(all);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void randomSetsAgreeOnRealDays() {
        assumeTrue(data, "shared data absent");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = vq(out, "bench", "agreement", "--strategies", "sma_cross,donchian_breakout", "--sets", "6", "--top", "3", "--seed", "7",
                "--threads", "1");
        String text = out.toString();
        assertEquals(0, rc, text);
        for (String s : List.of("sma_cross", "donchian_breakout")) {
            Matcher m = Pattern.compile("(?m)^" + s + "\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
            assertTrue(m.find(), "table row for " + s + ":\n" + text);
            assertEquals("6", m.group(1), text);
            assertEquals("6", m.group(2), "all sets agree:\n" + text);
            assertTrue(Double.parseDouble(m.group(3)) <= 1e-9, text);
            assertTrue(text.contains("validate " + s), text);
        }
        assertTrue(text.contains("agreement: every set agrees"), text);
    }

    @Test
    void relativeDifference() {
        assertEquals(0, AgreementBench.rel(Double.NaN, Double.NaN));
        assertEquals(0, AgreementBench.rel(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, AgreementBench.rel(1, Double.NaN));
        assertEquals(1e-3, AgreementBench.rel(1000, 999), 1e-15);
        assertEquals(0.5, AgreementBench.rel(0.5, 0), 1e-15);
    }

    @Test
    void unknownStrategyOrBadSetsExitWith2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, vq(out, "bench", "agreement", "--strategies", "nosuch"));
        assertEquals(2, vq(out, "bench", "agreement", "--sets", "0"));
    }
}
