package vq.cli.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.columnar.Intervals;
import vq.data.Gap;
import vq.data.ImportListener;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;
import vq.data.SourceKind;

/** {@code vq data import PATH...}: Binance Vision ZIP/CSV, funding/bookTicker/trades CSVs, generic OHLCV/L1 CSV, captures. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import market data files or directories into the workspace catalog.",
                "Reads Binance Vision files as downloaded (daily/monthly ZIPs or the CSVs inside:",
                "klines, markPriceKlines, fundingRate, aggTrades, trades, bookTicker; header or not;",
                "ms/us timestamps), funding CSVs, generic OHLCV CSV, the L1 CSV",
                "ts,bid_px,ask_px,bid_sz,ask_sz[,trade_px,trade_sz,trade_side], Binance websocket",
                "captures (<ts_ns> <json> lines, .gz) and Parquet (through DuckDB).",
                "Symbol, market, interval and kind come from Binance file names and directories,",
                "else from the options. Files already imported (same SHA-256) are skipped.",
                "A bad row aborts its batch (exit code 2): nothing of it is written.",
                "ZIP entries are inflated with libdeflate when the shared library loads (Debian/Ubuntu:",
                "apt-get install libdeflate0), else with java.util.zip; -Dvq.inflater=java|libdeflate",
                "(in VQ_OPTS) forces one."})
public final class ImportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories (searched recursively).")
    List<Path> paths;

    @Option(names = "--venue", description = "Venue (default: binance).") String venue;
    @Option(names = "--market", description = "spot, futures-um, futures-cm (default: from the path).") String market;
    @Option(names = "--symbol", description = "Symbol, e.g. BTCUSDT (default: from the file name).") String symbol;
    @Option(names = "--interval", description = "Bar interval of klines/OHLCV, e.g. 1m, 1h (default: from the file name or directory).") String interval;
    @Option(names = "--dataset", paramLabel = "KIND",
            description = "What the files hold: bars|klines, mark_bars|markPriceKlines, funding|fundingRate, trades, aggTrades, quotes|bookTicker, l1, capture (default: from name/header).")
    String kind;
    @Option(names = "--time-unit", paramLabel = "UNIT", description = "Force the timestamp unit: s, ms, us, ns (default: detected by magnitude).") String timeUnit;
    @Option(names = "--columns", paramLabel = "ROLE=NAME,...",
            description = "Column mapping for generic CSVs: role=header name or #index, e.g. ts=time,bid_px=bid,ask_px=ask.")
    String columns;
    @Option(names = "--fix", description = "Drop duplicate and out-of-order rows (counted) instead of failing.") boolean fix;
    @Option(names = "--max-entry-mb", paramLabel = "MB", description = "Largest decompressed ZIP/GZIP member, in MB (default: 65536).")
    long maxEntryMb = ImportOptions.DEFAULT_MAX_ENTRY_BYTES >> 20;
    @Option(names = "--no-progress", description = "Do not draw a progress bar.") boolean noProgress;

    @Override public Integer call() {
        Catalog cat = Catalog.open(((VqCommand) spec.root().userObject()).workspace().catalog());
        Map<String, String> cols = ImportOptions.parseColumns(columns);
        ImportOptions o = new ImportOptions(venue, market, symbol, interval, kind == null ? null : SourceKind.parse(kind), timeUnit,
                cols, fix, maxEntryMb << 20);
        ProgressBar[] bar = new ProgressBar[1];
        ImportListener l = new ImportListener() {
            @Override public void planned(int files, long bytes) {
                if (!noProgress && files > 0) bar[0] = Progress.bytes("import " + files + " files", bytes);
            }

            @Override public void advanced(long bytes) {
                if (bar[0] != null) bar[0].stepBy(bytes);
            }
        };
        ImportReport r;
        try {
            r = Importer.importPaths(cat, paths, o, l);
        } finally {
            if (bar[0] != null) bar[0].close();
        }
        System.out.printf("imported %d file(s), %,d rows in %.2f s (%,.0f rows/s); skipped %d already-imported file(s)%n",
                r.files(), r.rows(), r.nanos() / 1e9, r.rowsPerSecond(), r.skipped());
        for (ImportReport.DatasetResult d : r.datasets()) {
            System.out.printf("  %-44s %,12d rows  %s .. %s%s%n", d.key(), d.rows(),
                    d.rows() == 0 ? "-" : Intervals.iso(d.firstTsNanos()), d.rows() == 0 ? "-" : Intervals.iso(d.lastTsNanos()),
                    d.dropped() > 0 ? "  (" + d.dropped() + " duplicate/out-of-order rows dropped)" : "");
            if (!d.gaps().isEmpty()) {
                System.out.printf("    %d gap(s):%n", d.gaps().size());
                int shown = 0;
                for (Gap g : d.gaps()) {
                    if (shown++ == 20) {
                        System.out.printf("      ... %d more (vq data verify lists all)%n", d.gaps().size() - 20);
                        break;
                    }
                    System.out.println("      " + g);
                }
            }
        }
        System.out.println("catalog: " + cat.root());
        return 0;
    }
}
