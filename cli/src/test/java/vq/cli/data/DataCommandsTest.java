package vq.cli.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.cli.Main;

/** The done-when, end to end through the CLI: import the real BTCUSDT klines, status, verify, rebuild. */
class DataCommandsTest {
    @TempDir Path ws;

    static Path shared() {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p);
        if (d == null || !Files.isDirectory(d)) {
            if ("true".equals(System.getenv("CI"))) Assertions.fail("real data folder missing (vq.shared.data=" + p + ")");
            Assumptions.abort("real data folder missing");
        }
        return d;
    }

    record Run(int code, String out) {}

    Run vq(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--workspace";
            all[1] = ws.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return new Run(Main.run(all), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test void importStatusVerifyRebuildOnRealBtcusdt() {
        Path btc = shared().resolve("timealiver_BinanceDataGetter/spot_klines_1m/BTCUSDT");
        Run imp = vq("data", "import", "--no-progress", btc.toString());
        assertEquals(0, imp.code(), imp.out());
        assertTrue(imp.out().contains("imported 731 file(s), 1,052,560 rows"), imp.out());
        assertTrue(imp.out().contains("2023-03-24T12:40:00Z .. 2023-03-24T13:59:00Z (80 bars)"), imp.out());

        Run again = vq("data", "import", "--no-progress", btc.toString());
        assertTrue(again.out().contains("imported 0 file(s), 0 rows") && again.out().contains("skipped 731"), again.out());

        Run st = vq("data", "status");
        assertEquals(0, st.code());
        String row = st.out().lines().filter(l -> l.startsWith("BTCUSDT")).findFirst().orElseThrow();
        assertTrue(row.matches("BTCUSDT\\s+spot\\s+bars\\s+1m\\s+2022-06-26 00:00\\s+2024-06-25 23:59\\s+1,052,560\\s+1\\s+.*MB"), row);

        Run v = vq("data", "verify");
        assertEquals(0, v.code(), v.out());
        assertTrue(v.out().contains("gap: 2023-03-24T12:40:00Z .. 2023-03-24T13:59:00Z (80 bars)"), v.out());

        Run rb = vq("data", "rebuild");
        assertEquals(0, rb.code(), rb.out());
        assertTrue(rb.out().contains("identical"), rb.out());
    }

    @Test void badInputExitsWithTwoAndNamesTheProblem() throws Exception {
        Path f = ws.resolve("in/BTCUSDT-1m-2024-01-01.csv");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "1704067200000,1,2,0.5,1.5,10,1704067259999,10,1,1,1,0\n1704067260000,1,0.5,0.9,1,10,1704067319999,10,1,1,1,0\n");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Run r = vq("data", "import", "--market", "spot", "--no-progress", f.toString());
            assertEquals(2, r.code());
        } finally {
            System.setErr(oldErr);
        }
        String all = err.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("BTCUSDT-1m-2024-01-01.csv:2: field 'high'"), all);
        assertEquals(0, vq("data", "status").code());
    }
}
