package vq.data.fetch;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;
import vq.data.fetch.Downloader.Status;
import vq.data.fetch.VisionLayout.Market;
import vq.data.fetch.VisionLayout.Period;
import vq.data.testing.SharedData;

/**
 * The downloader against a local HTTP server on 127.0.0.1 that serves the real BTCUSDT spot kline ZIPs of
 * 2023-03-20..26 from ../shared/data in Binance Vision's layout (CHECKSUMs computed here), with Range support and
 * injected faults: one day corrupted, one day failing twice with 503, one day cut off mid-transfer.
 */
class DownloaderTest {
    static final String DIR = "data/spot/daily/klines/BTCUSDT/1m/";
    HttpServer server;
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, String> checksums = new ConcurrentHashMap<>();
    final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    final Set<String> cutOnce = ConcurrentHashMap.newKeySet();
    final List<String> log = new CopyOnWriteArrayList<>();
    URI base;

    @BeforeEach void start() throws Exception {
        for (LocalDate d = LocalDate.of(2023, 3, 20); !d.isAfter(LocalDate.of(2023, 3, 26)); d = d.plusDays(1)) {
            String name = "BTCUSDT-1m-" + d + ".zip";
            byte[] b = Files.readAllBytes(SharedData.spotKline("BTCUSDT", d.toString()));
            files.put("/" + DIR + name, b);
            checksums.put("/" + DIR + name + ".CHECKSUM", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + "  " + name + "\n");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String p = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        log.add(p + (range == null ? "" : " " + range));
        try (ex) {
            AtomicInteger fails = failFirst.get(p);
            if (fails != null && fails.getAndDecrement() > 0) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            String sum = checksums.get(p);
            if (sum != null) {
                byte[] b = sum.getBytes(StandardCharsets.US_ASCII);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                return;
            }
            byte[] body = files.get(p);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (corrupt.contains(p)) {
                body = body.clone();
                body[body.length / 2] ^= 0x55;
            }
            int from = 0;
            if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                from = Integer.parseInt(range.substring(6, range.length() - 1));
                if (from >= body.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    return;
                }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                ex.sendResponseHeaders(206, body.length - from);
            } else {
                ex.sendResponseHeaders(200, body.length);
            }
            OutputStream out = ex.getResponseBody();
            if (from == 0 && cutOnce.remove(p)) { // promise the whole file, send a third, hang up
                out.write(body, 0, body.length / 3);
                out.flush();
                ex.getHttpContext().getServer(); // keep the exchange referenced until here
                throw new IOException("test: connection cut");
            }
            out.write(body, from, body.length - from);
        }
    }

    Downloader.Request request(Path out) {
        return new Downloader.Request(Market.SPOT, List.of("BTCUSDT"), YearMonth.of(2023, 3), YearMonth.of(2023, 3), List.of("klines"),
                "1m", Period.DAILY, base, out);
    }

    @Test void planUsesBinanceVisionLayout() {
        var r = new Downloader.Request(Market.FUTURES_UM, List.of("BTCUSDT"), YearMonth.of(2024, 1), YearMonth.of(2024, 2),
                List.of("klines", "fundingRate"), "1h", Period.MONTHLY, URI.create("https://data.binance.vision"), Path.of("/x"));
        List<String> paths = Downloader.plan(r).stream().map(Downloader.Item::path).toList();
        assertEquals(List.of("data/futures/um/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip",
                "data/futures/um/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-02.zip",
                "data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-01.zip",
                "data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-02.zip"), paths);
        assertEquals("https://data.binance.vision/data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-02.zip.CHECKSUM",
                Downloader.plan(r).getLast().checksumUrl().toString());
        assertThrows(InputException.class, () -> new Downloader.Request(Market.SPOT, List.of("BTCUSDT"), YearMonth.of(2024, 1),
                YearMonth.of(2024, 1), List.of("fundingRate"), "1m", Period.MONTHLY, URI.create("http://x/"), Path.of("/x")));
        var daily = new Downloader.Request(Market.FUTURES_UM, List.of("BTCUSDT"), YearMonth.of(2024, 2), YearMonth.of(2024, 2),
                List.of("klines", "fundingRate"), "1m", Period.DAILY, URI.create("http://x/"), Path.of("/x"));
        List<String> dp = Downloader.plan(daily).stream().map(Downloader.Item::path).toList();
        assertEquals(29 + 1, dp.size(), "29 daily klines of February 2024 and one monthly fundingRate");
        assertEquals("data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-02-29.zip", dp.get(28));
        assertEquals("data/futures/um/monthly/fundingRate/BTCUSDT/BTCUSDT-fundingRate-2024-02.zip", dp.getLast());
        assertThrows(InputException.class, () -> new Downloader.Request(Market.FUTURES_UM, List.of("btc"), YearMonth.of(2024, 1),
                YearMonth.of(2024, 1), List.of("klines"), "1m", Period.DAILY, URI.create("http://x/"), Path.of("/x")));
    }

    @Test void downloadsVerifiesRetriesResumesAndRejectsCorruptFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dl");
        String p21 = "/" + DIR + "BTCUSDT-1m-2023-03-21.zip", p22 = "/" + DIR + "BTCUSDT-1m-2023-03-22.zip",
                p23 = "/" + DIR + "BTCUSDT-1m-2023-03-23.zip", p24 = "/" + DIR + "BTCUSDT-1m-2023-03-24.zip";
        corrupt.add(p21);
        failFirst.put(p22, new AtomicInteger(2));
        cutOnce.add(p23);
        // a partial file left by an earlier, interrupted run: the first half of 2023-03-24
        Path part24 = out.resolve(DIR + ".BTCUSDT-1m-2023-03-24.zip.part");
        Files.createDirectories(part24.getParent());
        byte[] b24 = files.get(p24);
        Files.write(part24, java.util.Arrays.copyOf(b24, b24.length / 2));

        Downloader d = new Downloader(4, 4, Duration.ofMillis(20));
        AtomicInteger planned = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        Downloader.Result r = d.run(request(out), new Downloader.Listener() {
            @Override public void planned(int n) { planned.set(n); }
            @Override public void bytes(long n) { bytes.addAndGet(n); }
        });
        assertEquals(31, planned.get());
        assertEquals(24, r.with(Status.MISSING).size(), "days not served are 404 = not published");
        assertEquals(1, r.with(Status.FAILED).size());
        Downloader.ItemResult bad = r.with(Status.FAILED).getFirst();
        assertTrue(bad.error().contains("checksum mismatch") && bad.error().contains("2023-03-21"), bad.error());
        Path t21 = out.resolve(DIR + "BTCUSDT-1m-2023-03-21.zip");
        assertFalse(Files.exists(t21));
        assertFalse(Files.exists(t21.resolveSibling(".BTCUSDT-1m-2023-03-21.zip.part")), "nothing of a corrupt file is kept");
        assertEquals(2, log.stream().filter(p21::equals).count(), "a mismatch is retried once from scratch");

        assertEquals(6, r.files().size());
        for (Path f : r.files()) {
            String name = f.getFileName().toString();
            assertArrayEquals(files.get("/" + DIR + name), Files.readAllBytes(f), name);
            assertEquals(checksums.get("/" + DIR + name + ".CHECKSUM"), Files.readString(Path.of(f + ".CHECKSUM")));
        }
        assertEquals(3, log.stream().filter(p22::equals).count(), "503, 503, then 200");
        assertEquals(Status.DOWNLOADED, status(r, "2023-03-22"));
        assertEquals(Status.RESUMED, status(r, "2023-03-23"), "cut mid-transfer, resumed by a Range request");
        // the server flushed a third before hanging up; the client resumes from what reached it (a reset may
        // drop some of the flushed bytes in flight), never from 0 and never past what was sent
        long resumedFrom = log.stream().filter(l -> l.startsWith(p23 + " bytes=")).mapToLong(l -> Long.parseLong(
                l.substring(l.indexOf('=') + 1, l.length() - 1))).findFirst().orElse(-1);
        assertTrue(resumedFrom > 0 && resumedFrom <= files.get(p23).length / 3, resumedFrom + " " + log);
        assertEquals(Status.RESUMED, status(r, "2023-03-24"));
        assertTrue(log.contains(p24 + " bytes=" + b24.length / 2 + "-"), "resumed the earlier partial file: " + log);
        assertEquals(b24.length - b24.length / 2, r.items().stream().filter(i -> i.item().path().endsWith("2023-03-24.zip"))
                .findFirst().orElseThrow().bytes(), "only the missing half was transferred");
        assertEquals(r.bytes(), bytes.get());
        try (var s = Files.list(out.resolve(DIR))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial files left");
        }

        // the downloaded files import as they are (market and symbol from the layout)
        Catalog cat = Catalog.open(dir.resolve("catalog"));
        ImportReport rep = Importer.importPaths(cat, List.of(out), ImportOptions.defaults());
        assertEquals(5 * 1440 + 1360, rep.rows());
        assertEquals(5 * 1440 + 1360, cat.manifest(DatasetKey.bars("binance", "spot", "BTCUSDT", "1m")).orElseThrow().rows());

        // a second run finds everything in place: only CHECKSUMs are fetched
        corrupt.clear();
        log.clear();
        Downloader.Result again = d.run(request(out), null);
        assertEquals(6, again.with(Status.ALREADY_PRESENT).size());
        assertEquals(Status.DOWNLOADED, status(again, "2023-03-21"), "the formerly corrupt file now verifies");
        assertTrue(log.stream().filter(p -> p.endsWith(".zip")).allMatch(p21::equals), log.toString());
    }

    @Test void permanentHttpErrorsAreNotRetried(@TempDir Path dir) {
        String p20 = "/" + DIR + "BTCUSDT-1m-2023-03-20.zip";
        server.removeContext("/");
        server.createContext("/", ex -> {
            log.add(ex.getRequestURI().getPath());
            try (ex) {
                if (ex.getRequestURI().getPath().equals(p20 + ".CHECKSUM")) {
                    byte[] b = checksums.get(p20 + ".CHECKSUM").getBytes(StandardCharsets.US_ASCII);
                    ex.sendResponseHeaders(200, b.length);
                    ex.getResponseBody().write(b);
                } else ex.sendResponseHeaders(ex.getRequestURI().getPath().equals(p20) ? 403 : 404, -1);
            }
        });
        Downloader.Result r = new Downloader(2, 5, Duration.ofMillis(10)).run(request(dir), null);
        assertEquals(1, r.with(Status.FAILED).size());
        assertTrue(r.with(Status.FAILED).getFirst().error().contains("HTTP 403"));
        assertEquals(1, log.stream().filter(p20::equals).count());
        assertThrows(java.io.UncheckedIOException.class, () -> Downloader.requireNoFailures(r));
    }

    static Status status(Downloader.Result r, String day) {
        return r.items().stream().filter(i -> i.item().path().endsWith(day + ".zip")).findFirst().orElseThrow().status();
    }
}
