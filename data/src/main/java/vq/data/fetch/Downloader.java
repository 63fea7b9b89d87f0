package vq.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vq.columnar.AtomicFiles;
import vq.columnar.InputException;
import vq.data.fetch.VisionLayout.Market;
import vq.data.fetch.VisionLayout.Period;

/**
 * Downloads Binance Vision archives ({@link VisionLayout}) into a local directory with the same layout, so the
 * result can be handed to the importer as is.
 *
 * <p>Per file: the {@code .zip.CHECKSUM} is fetched first (a 404 there means the archive is not published, e.g. a
 * month before the symbol was listed: reported as missing, not an error); a file already present whose SHA-256
 * matches is skipped; otherwise the ZIP is streamed into a hidden partial file {@code .<name>.part} next to the
 * target. An interrupted transfer leaves the partial file, and the next attempt (or the next run) resumes it with an
 * HTTP {@code Range} request (a server answering 200 instead of 206 restarts it; 416 means the partial is complete
 * and goes to verification). The complete file's SHA-256 must equal the CHECKSUM, otherwise the partial file is
 * deleted and the download is retried once from scratch; a second mismatch is an error and nothing of that file is
 * kept. Only a verified file is renamed (atomically) to its final name, next to a copy of its CHECKSUM.
 *
 * <p>Transient failures (I/O errors, timeouts, HTTP 5xx and 429) are retried with exponential backoff
 * ({@code backoff · 2^(attempt-1)}, capped at 30 s) up to {@code attempts} tries; other 4xx fail at once. Files are
 * downloaded in parallel on {@code threads} worker threads sharing one {@link HttpClient}. Thread-safe for one
 * {@link #run} at a time.
 */
public final class Downloader {
    /**
     * What to fetch.
     *
     * @param market   spot or futures-um
     * @param symbols  e.g. BTCUSDT
     * @param from     first month (inclusive)
     * @param to       last month (inclusive)
     * @param datasets Binance dataset names (klines, fundingRate, aggTrades, bookTicker, …)
     * @param interval bar interval of kline-like datasets (e.g. 1m)
     * @param period   daily or monthly archives (fundingRate is always monthly, metrics/bookDepth always daily)
     * @param baseUrl  e.g. https://data.binance.vision/ (the {@code data/…} paths are resolved against it)
     * @param out      local root; files land at {@code out/data/…} as on the server
     */
    public record Request(Market market, List<String> symbols, YearMonth from, YearMonth to, List<String> datasets, String interval,
                          Period period, URI baseUrl, Path out) {
        public Request {
            symbols = List.copyOf(symbols);
            datasets = List.copyOf(datasets);
            if (symbols.isEmpty()) throw new InputException("--symbols: at least one symbol");
            if (datasets.isEmpty()) throw new InputException("--datasets: at least one dataset");
            if (to.isBefore(from)) throw new InputException("--to " + to + " is before --from " + from);
            for (String s : symbols)
                if (!s.matches("[A-Z0-9][A-Z0-9_-]{0,31}")) throw new InputException("invalid symbol '" + s + "' (e.g. BTCUSDT)");
            for (String d : datasets) VisionLayout.check(market, period, d);
            if (interval == null || !interval.matches("\\d+[smhdwM]")) throw new InputException("invalid --interval '" + interval + "'");
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")))
                throw new InputException("--base-url must be an http(s) URL, got '" + baseUrl + "'");
            if (!baseUrl.getPath().endsWith("/")) baseUrl = URI.create(baseUrl + "/");
        }
    }

    /** One archive to fetch: its path relative to the base URL / out directory. */
    public record Item(String path, URI url, URI checksumUrl, Path target) {}

    /** Outcome per item. */
    public enum Status { DOWNLOADED, RESUMED, ALREADY_PRESENT, MISSING, FAILED }

    /** Result of one item: status, bytes transferred in this run, attempts, and the error message when it failed. */
    public record ItemResult(Item item, Status status, long bytes, int attempts, String error) {}

    /** Everything that happened. {@link #files()} are the verified local ZIPs (downloaded or already present). */
    public record Result(List<ItemResult> items) {
        public List<Path> files() {
            return items.stream().filter(r -> r.status() != Status.MISSING && r.status() != Status.FAILED).map(r -> r.item().target()).toList();
        }

        public List<ItemResult> with(Status s) { return items.stream().filter(r -> r.status() == s).toList(); }

        public long bytes() { return items.stream().mapToLong(ItemResult::bytes).sum(); }
    }

    /** Progress callbacks (called from worker threads). */
    public interface Listener {
        default void planned(int files) {}
        default void bytes(long n) {}
        default void finished(ItemResult r) {}
    }

    private final HttpClient client;
    private final int threads;
    private final int attempts;
    private final Duration backoff;

    /**
     * @param threads  parallel downloads (1..32)
     * @param attempts tries per request for transient failures (≥ 1)
     * @param backoff  wait before the second try; doubles each time (capped at 30 s)
     */
    public Downloader(int threads, int attempts, Duration backoff) {
        if (threads < 1 || threads > 32) throw new InputException("--threads must be 1..32, got " + threads);
        if (attempts < 1) throw new InputException("--retries must be >= 0");
        this.threads = threads;
        this.attempts = attempts;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The archives a request names, in (symbol, dataset, date) order. */
    public static List<Item> plan(Request r) {
        List<Item> items = new ArrayList<>();
        for (String sym : r.symbols()) {
            for (String ds : r.datasets()) {
                if (VisionLayout.periodFor(ds, r.period()) == Period.MONTHLY) {
                    for (YearMonth m = r.from(); !m.isAfter(r.to()); m = m.plusMonths(1)) items.add(item(r, sym, ds, m.toString()));
                } else {
                    for (LocalDate d = r.from().atDay(1); !d.isAfter(r.to().atEndOfMonth()); d = d.plusDays(1))
                        items.add(item(r, sym, ds, d.toString()));
                }
            }
        }
        return items;
    }

    private static Item item(Request r, String sym, String ds, String date) {
        String path = VisionLayout.path(r.market(), VisionLayout.periodFor(ds, r.period()), ds, sym, r.interval(), date);
        URI url = r.baseUrl().resolve(path);
        return new Item(path, url, URI.create(url + ".CHECKSUM"), r.out().resolve(path));
    }

    /** Fetches every item of the request; never throws for a single file's failure (see {@link Result}). */
    public Result run(Request r, Listener listener) {
        List<Item> items = plan(r);
        Listener l = listener == null ? new Listener() {} : listener;
        l.planned(items.size());
        List<ItemResult> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("vq-fetch-", 0).daemon(true).factory());
        try {
            List<Future<ItemResult>> fs = new ArrayList<>();
            for (Item it : items) fs.add(pool.submit(() -> {
                ItemResult res = fetch(it, l);
                l.finished(res);
                return res;
            }));
            List<ItemResult> ordered = new ArrayList<>();
            for (Future<ItemResult> f : fs) {
                try {
                    ordered.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            return new Result(ordered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Thrown inside {@link #fetch} for failures that a retry cannot fix. */
    private static final class Permanent extends Exception {
        private static final long serialVersionUID = 1L;
        Permanent(String m) { super(m); }
    }

    private static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;
    }

    ItemResult fetch(Item it, Listener l) {
        int[] tries = {0};
        long[] transferred = {0};
        try {
            String expected;
            try {
                expected = VisionLayout.parseChecksum(new String(retrying(tries, () -> getSmall(it.checksumUrl())), StandardCharsets.US_ASCII),
                        it.checksumUrl().toString());
            } catch (NotFound e) {
                return new ItemResult(it, Status.MISSING, 0, tries[0], null);
            }
            if (Files.isRegularFile(it.target()) && sha256(it.target()).equals(expected)) {
                writeChecksum(it, expected);
                return new ItemResult(it, Status.ALREADY_PRESENT, 0, tries[0], null);
            }
            Path part = it.target().resolveSibling("." + it.target().getFileName() + ".part");
            Files.createDirectories(part.getParent());
            boolean[] resumed = {false};
            for (int round = 0; ; round++) {
                retrying(tries, () -> download(it.url(), part, n -> { transferred[0] += n; l.bytes(n); }, resumed));
                String actual = sha256(part);
                if (actual.equals(expected)) break;
                Files.deleteIfExists(part);
                if (round == 1)
                    throw new Permanent("checksum mismatch for " + it.url() + ": expected sha256 " + expected + ", got " + actual
                            + " (twice; nothing kept)");
                resumed[0] = false;
            }
            AtomicFiles.move(part, it.target());
            writeChecksum(it, expected);
            return new ItemResult(it, resumed[0] ? Status.RESUMED : Status.DOWNLOADED, transferred[0], tries[0], null);
        } catch (Permanent e) {
            return new ItemResult(it, Status.FAILED, transferred[0], tries[0], e.getMessage());
        } catch (NotFound e) {
            return new ItemResult(it, Status.FAILED, transferred[0], tries[0], it.url() + ": 404 Not Found (its CHECKSUM exists)");
        } catch (IOException e) {
            return new ItemResult(it, Status.FAILED, transferred[0], tries[0], it.url() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ItemResult(it, Status.FAILED, transferred[0], tries[0], "interrupted");
        }
    }

    private static void writeChecksum(Item it, String sha) {
        AtomicFiles.write(it.target().resolveSibling(it.target().getFileName() + ".CHECKSUM"),
                VisionLayout.checksumLine(sha, it.target().getFileName().toString()).getBytes(StandardCharsets.US_ASCII));
    }

    /** A transient failure: retried with backoff. */
    private static final class Transient extends IOException {
        private static final long serialVersionUID = 1L;
        Transient(String m) { super(m); }
    }

    private interface Call<T> { T call() throws IOException, InterruptedException, Permanent, NotFound; }

    private <T> T retrying(int[] tries, Call<T> c) throws IOException, InterruptedException, Permanent, NotFound {
        IOException last = null;
        for (int a = 1; a <= attempts; a++) {
            tries[0]++;
            try {
                return c.call();
            } catch (IOException e) { // includes Transient and HttpTimeoutException
                last = e;
                if (a == attempts) break;
                long wait = Math.min(30_000L, backoff.toMillis() << Math.min(a - 1, 20));
                Thread.sleep(wait);
            }
        }
        throw new IOException("failed after " + attempts + " attempt(s): " + last.getMessage(), last);
    }

    private byte[] getSmall(URI url) throws IOException, InterruptedException, Permanent, NotFound {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(url, r.statusCode());
        if (r.body().length > 4096) throw new Permanent(url + ": CHECKSUM file too large (" + r.body().length + " bytes)");
        return r.body();
    }

    private static void check(URI url, int code) throws Transient, Permanent, NotFound {
        if (code == 200 || code == 206) return;
        if (code == 404) throw new NotFound();
        if (code == 429 || code >= 500) throw new Transient(url + ": HTTP " + code);
        throw new Permanent(url + ": HTTP " + code);
    }

    interface ByteCounter { void add(long n); }

    /** Downloads (or resumes) {@code url} into {@code part}. */
    private Void download(URI url, Path part, ByteCounter counter, boolean[] resumed) throws IOException, InterruptedException, Permanent, NotFound {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (have > 0) b.header("Range", "bytes=" + have + "-");
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            int code = r.statusCode();
            if (code == 416 && have > 0) { // the partial file is already complete: verify it
                resumed[0] = true;
                return null;
            }
            check(url, code);
            boolean append = code == 206;
            if (append) {
                String cr = r.headers().firstValue("Content-Range").orElse("");
                if (!cr.startsWith("bytes " + have + "-")) throw new Transient(url + ": unexpected Content-Range '" + cr + "' for offset " + have);
                resumed[0] = true;
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) ch.write(bb);
                    counter.add(n);
                }
                ch.force(true);
            }
        }
        return null;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** Unchecked wrapper for callers that want an exception when anything failed. */
    public static void requireNoFailures(Result r) {
        List<ItemResult> failed = r.with(Status.FAILED);
        if (!failed.isEmpty())
            throw new UncheckedIOException(new IOException(failed.size() + " download(s) failed; first: " + failed.getFirst().error()));
    }
}
