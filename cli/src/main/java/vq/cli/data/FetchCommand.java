package vq.cli.data;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;
import vq.data.fetch.Downloader;
import vq.data.fetch.Downloader.Status;
import vq.data.fetch.VisionLayout;

/** {@code vq data fetch}: download Binance Vision archives (verified, resumable, parallel), optionally import them. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {"Download Binance Vision archives (data/{spot|futures/um}/{daily|monthly}/<dataset>/<SYMBOL>/...) into",
                "OUT with the same layout. Each ZIP is checked against its .CHECKSUM (sha256); transient errors are retried",
                "with exponential backoff; interrupted downloads resume (HTTP Range) on the next try or run; files already",
                "present and valid are skipped. Archives the server does not have (404) are listed as missing.",
                "Exit code 1 when a file could not be downloaded or verified."})
public final class FetchCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--market", required = true, description = "spot or futures-um.") String market;
    @Option(names = "--symbols", required = true, split = ",", paramLabel = "SYM", description = "e.g. BTCUSDT,ETHUSDT.") List<String> symbols;
    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.") String from;
    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", description = "Last month (inclusive).") String to;
    @Option(names = "--datasets", split = ",", defaultValue = "klines",
            description = "klines, markPriceKlines, indexPriceKlines, premiumIndexKlines, fundingRate, aggTrades, trades, bookTicker, metrics, bookDepth (default: ${DEFAULT-VALUE}).")
    List<String> datasets;
    @Option(names = "--interval", defaultValue = "1m", description = "Interval of kline datasets (default: ${DEFAULT-VALUE}).") String interval;
    @Option(names = "--daily", description = "Daily archives instead of monthly ones (every day of the months; fundingRate stays monthly).")
    boolean daily;
    @Option(names = "--base-url", defaultValue = "https://data.binance.vision/", description = "Server root (default: ${DEFAULT-VALUE}).")
    URI baseUrl;
    @Option(names = "--out", paramLabel = "DIR", description = "Download directory (default: <workspace>/downloads).") Path out;
    @Option(names = "--import", description = "Import the downloaded (and already present) files into the catalog afterwards.")
    boolean doImport;
    @Option(names = "--threads", defaultValue = "4", description = "Parallel downloads (default: ${DEFAULT-VALUE}).") int threads;
    @Option(names = "--retries", defaultValue = "4", description = "Retries per request after a transient failure (default: ${DEFAULT-VALUE}).")
    int retries;
    @Option(names = "--no-progress", description = "Do not draw a progress bar.") boolean noProgress;

    @Override public Integer call() {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        VisionLayout.Market m = VisionLayout.Market.of(market);
        Path dir = (out != null ? out : ws.root().resolve("downloads")).toAbsolutePath().normalize();
        Downloader.Request req = new Downloader.Request(m, symbols.stream().map(String::strip).toList(), Periods.month(from, "--from"),
                Periods.month(to, "--to"), datasets.stream().map(String::strip).toList(), interval,
                daily ? VisionLayout.Period.DAILY : VisionLayout.Period.MONTHLY, baseUrl, dir);
        Downloader d = new Downloader(threads, retries + 1, Duration.ofMillis(500));
        ProgressBar[] bar = new ProgressBar[1];
        AtomicLong bytes = new AtomicLong();
        Downloader.Result r;
        try {
            r = d.run(req, new Downloader.Listener() {
                @Override public void planned(int files) {
                    if (!noProgress) bar[0] = Progress.bar("fetch", files, " files");
                }

                @Override public void bytes(long n) {
                    long b = bytes.addAndGet(n);
                    if (bar[0] != null) bar[0].setExtraMessage(String.format(" %.1f MB", b / 1e6));
                }

                @Override public void finished(Downloader.ItemResult res) {
                    if (bar[0] != null) bar[0].step();
                }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
        System.out.printf("fetched %d file(s) (%.1f MB, %d resumed), %d already present, %d missing on the server, %d failed -> %s%n",
                r.with(Status.DOWNLOADED).size() + r.with(Status.RESUMED).size(), r.bytes() / 1e6, r.with(Status.RESUMED).size(),
                r.with(Status.ALREADY_PRESENT).size(), r.with(Status.MISSING).size(), r.with(Status.FAILED).size(), dir);
        List<Downloader.ItemResult> missing = r.with(Status.MISSING);
        for (int i = 0; i < Math.min(10, missing.size()); i++) System.out.println("  missing: " + missing.get(i).item().url());
        if (missing.size() > 10) System.out.println("  ... " + (missing.size() - 10) + " more missing");
        for (Downloader.ItemResult f : r.with(Status.FAILED)) System.err.println("vq: error: " + f.error());
        if (doImport && !r.files().isEmpty()) {
            Catalog cat = Catalog.open(ws.catalog());
            ImportReport rep = Importer.importPaths(cat, r.files(), ImportOptions.defaults().withMarket(m.id()));
            System.out.printf("imported %d file(s), %,d rows (%d already imported) into %s%n", rep.files(), rep.rows(), rep.skipped(), cat.root());
        }
        if (r.files().isEmpty() && r.with(Status.FAILED).isEmpty()) {
            System.err.println("vq: error: none of the " + r.items().size() + " archive(s) exists on " + baseUrl
                    + " (check --market, --symbols, the months and --daily)");
            return 1;
        }
        return r.with(Status.FAILED).isEmpty() ? 0 : 1;
    }
}
