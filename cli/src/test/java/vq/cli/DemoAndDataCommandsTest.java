package vq.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo and the data/sql commands end to end, in-process (exit codes and what they print). */
class DemoAndDataCommandsTest {
    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            var cl = VqCommand.commandLine();
            cl.setOut(new java.io.PrintWriter(o, true));
            cl.setErr(new java.io.PrintWriter(e, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test void demoSynthesizesImportsAndQueries(@TempDir Path ws) {
        Run r = run("--workspace", ws.toString(), "demo", "--to", "2024-01-02");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("SYNTHETIC"), r.out());
        assertTrue(r.out().contains("SYNBTCUSDT   futures-um bars      1m       2024-01-01 00:00  2024-01-02 23:59       2,880     0"), r.out());
        assertTrue(r.out().contains("catalog: " + ws.resolve("catalog")), r.out());
        assertTrue(Files.isRegularFile(ws.resolve("synthetic/README.txt")));
        // the demo ends with the HTML report of its screen and prints where it is
        var reportLine = r.out().lines().filter(l -> l.strip().startsWith("report: ")).reduce((a, b) -> b).orElseThrow();
        Path report = Path.of(reportLine.strip().substring("report: ".length()));
        assertTrue(report.startsWith(ws.resolve("reports")) && report.endsWith("report.html"), reportLine);
        assertTrue(Files.isRegularFile(report), reportLine);

        Run q = run("--workspace", ws.toString(), "sql", "SELECT symbol, count(*) n FROM bars WHERE interval = '1m' GROUP BY 1 ORDER BY 1",
                "--format", "csv");
        assertEquals(0, q.code(), q.err());
        assertEquals("symbol,n\nSYNBTCUSDT,2880\nSYNETHUSDT,2880\nSYNSOLUSDT,2880\n", q.out());

        Run f = run("--workspace", ws.toString(), "sql", "SELECT count(*) FROM funding", "--format", "json");
        assertEquals(0, f.code(), f.err());
        assertEquals("[{\"count_star()\":18}]", f.out().strip());

        // the demo again: synthetic files kept, imports are no-ops
        Run again = run("--workspace", ws.toString(), "demo", "--to", "2024-01-02");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("already holds this synthetic market"), again.out());
        assertTrue(again.out().contains("9 already imported"), again.out());

        Run rs = run("--workspace", ws.toString(), "data", "resample", "--symbol", "SYNETHUSDT", "--to", "15m,4h");
        assertEquals(0, rs.code(), rs.err());
        assertTrue(rs.out().contains("synthetic/futures-um/SYNETHUSDT/bars/15m"), rs.out());
        Run c = run("--workspace", ws.toString(), "sql", "SELECT count(*) FROM bars WHERE symbol = 'SYNETHUSDT' AND interval = '4h'",
                "--format", "csv");
        assertEquals("count_star()\n12\n", c.out());
    }

    @Test void badInputExitsWithTwo(@TempDir Path ws) {
        assertEquals(2, run("--workspace", ws.toString(), "data", "synth", "--from", "2024-13", "--to", "2024-01", "--out", ws.toString()).code());
        assertEquals(2, run("--workspace", ws.toString(), "data", "synth", "--from", "2024-02", "--to", "2024-01", "--out", ws.toString()).code());
        assertEquals(2, run("--workspace", ws.toString(), "sql", "SELECT * FROM nosuchtable").code());
        assertEquals(2, run("--workspace", ws.toString(), "sql", "SELECT 1", "--format", "parquet").code());
        assertEquals(2, run("--workspace", ws.toString(), "data", "resample", "--symbol", "NOPE").code());
    }

    @Test void synthWritesLabelledFiles(@TempDir Path ws) throws Exception {
        Run r = run("data", "synth", "--symbols", "BTCUSDT", "--from", "2024-02-28", "--to", "2024-03-01", "--seed", "3",
                "--out", ws.resolve("s").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote SYNTHETIC market (seed 3) for SYNBTCUSDT"), r.out());
        assertTrue(Files.isRegularFile(ws.resolve("s/data/futures/um/daily/klines/SYNBTCUSDT/1m/SYNBTCUSDT-1m-2024-02-29.zip")));
        assertTrue(Files.isRegularFile(ws.resolve("s/data/futures/um/monthly/fundingRate/SYNBTCUSDT/SYNBTCUSDT-fundingRate-2024-03.zip.CHECKSUM")));
        assertTrue(Files.readString(ws.resolve("s/README.txt")).contains("NOT REAL"));
    }

    /** fetch from a local server that serves a synthetic market's files (Binance Vision layout, with CHECKSUMs), then import. */
    @Test void fetchDownloadsAndImports(@TempDir Path ws) throws Exception {
        Path src = ws.resolve("server");
        assertEquals(0, run("data", "synth", "--symbols", "ETHUSDT", "--from", "2024-01-30", "--to", "2024-02-02", "--out", src.toString()).code());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                Path f = src.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
                if (!f.startsWith(src) || !Files.isRegularFile(f)) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Run k = run("--workspace", ws.toString(), "data", "fetch", "--market", "futures-um", "--symbols", "SYNETHUSDT",
                    "--from", "2024-01", "--to", "2024-02", "--daily", "--datasets", "klines,fundingRate", "--base-url", url, "--import",
                    "--no-progress");
            assertEquals(0, k.code(), k.err());
            assertTrue(k.out().startsWith("fetched 6 file(s)"), k.out());
            assertTrue(k.out().contains("56 missing on the server"), k.out());
            Run f = run("--workspace", ws.toString(), "data", "fetch", "--market", "futures-um", "--symbols", "SYNETHUSDT",
                    "--from", "2024-01", "--to", "2024-02", "--datasets", "fundingRate", "--base-url", url, "--import", "--no-progress");
            assertEquals(0, f.code(), f.err());
            assertTrue(f.out().startsWith("fetched 0 file(s) (0.0 MB, 0 resumed), 2 already present"), f.out());
            assertTrue(Files.isRegularFile(ws.resolve("downloads/data/futures/um/monthly/fundingRate/SYNETHUSDT/SYNETHUSDT-fundingRate-2024-02.zip")));
            Run q = run("--workspace", ws.toString(), "sql", "SELECT market, (SELECT count(*) FROM funding) f, count(*) FROM bars GROUP BY 1",
                    "--format", "csv");
            assertEquals("market,f,count_star()\nfutures-um,12,5760\n", q.out());
            Run none = run("--workspace", ws.toString(), "data", "fetch", "--market", "futures-um", "--symbols", "NOSUCHUSDT",
                    "--from", "2024-01", "--to", "2024-01", "--base-url", url, "--no-progress");
            assertEquals(1, none.code(), "nothing on the server is a failure");
            assertTrue(none.err().contains("none of the 1 archive(s) exists"), none.err());
            assertEquals(2, run("--workspace", ws.toString(), "data", "fetch", "--market", "spot", "--symbols", "BTCUSDT", "--from", "2024-01",
                    "--to", "2024-01", "--datasets", "fundingRate", "--base-url", url).code(), "spot has no fundingRate");
        } finally {
            server.stop(0);
        }
    }

    /** Real BTCUSDT days around the 2023-03-24 halt: resample marks the partial buckets and status notes them. */
    @Test void resampleOfRealDataNotesPartialBucketsInStatus(@TempDir Path ws) {
        String root = System.getProperty("vq.shared.data");
        Path dir = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m", "BTCUSDT");
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + dir);
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "shared data absent");
        Run i = run("--workspace", ws.toString(), "data", "import", "--no-progress", dir.resolve("BTCUSDT-1m-2023-03-24.zip").toString(),
                dir.resolve("BTCUSDT-1m-2023-03-25.zip").toString());
        assertEquals(0, i.code(), i.err());
        Run r = run("--workspace", ws.toString(), "data", "resample", "--symbol", "BTCUSDT");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("binance/spot/BTCUSDT/bars/1h                    2,800         47        1"), r.out());
        Run s = run("--workspace", ws.toString(), "data", "status");
        assertTrue(s.out().contains("note: binance/spot/BTCUSDT/bars/1h (resampled from binance/spot/BTCUSDT/bars/1m) has 1 partial bucket(s)"
                + " with missing source bars, first 2023-03-24T12:00:00Z/40"), s.out());
        Run q = run("--workspace", ws.toString(), "sql", "SELECT count(*) FROM bars WHERE interval = '1d'", "--format", "csv");
        assertEquals("count_star()\n2\n", q.out());
    }
}
