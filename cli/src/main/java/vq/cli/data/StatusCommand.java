package vq.cli.data;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.columnar.Intervals;
import vq.data.DatasetStatus;

/** {@code vq data status}: what the catalog holds. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"List the datasets in the catalog: symbol, market, dataset, interval, time range (UTC), rows,",
                "gaps (missing bar runs; '-' for tick data) and size on disk."})
public final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbol", description = "Only this symbol.") String symbol;

    @Override public Integer call() {
        Catalog cat = Catalog.open(((VqCommand) spec.root().userObject()).workspace().catalog());
        List<DatasetStatus> all = DatasetStatus.of(cat).stream().filter(s -> symbol == null || s.key().symbol().equalsIgnoreCase(symbol)).toList();
        if (all.isEmpty()) {
            System.out.println("catalog " + cat.root() + " is empty (import data with 'vq data import PATH')");
            return 0;
        }
        String fmt = "%-12s %-11s %-10s %-8s %-20s %-20s %,13d %5s %10s%n";
        System.out.printf("%-12s %-11s %-10s %-8s %-20s %-20s %13s %5s %10s%n", "symbol", "market", "dataset", "interval", "from", "to",
                "rows", "gaps", "size");
        for (DatasetStatus s : all) {
            System.out.printf(fmt, s.key().symbol(), s.key().market(), s.key().dataset().id(), s.key().interval(),
                    s.rows() == 0 ? "-" : minute(s.firstTsNanos()), s.rows() == 0 ? "-" : minute(s.lastTsNanos()), s.rows(),
                    s.gaps() < 0 ? "-" : Integer.toString(s.gaps()), size(s.bytes()));
        }
        partialNotes(cat, all);
        return 0;
    }

    /** Notes for resampled datasets with partial buckets (fewer source bars than a full bucket; see Resampler). */
    static void partialNotes(Catalog cat, List<DatasetStatus> all) {
        for (DatasetStatus s : all) {
            vq.columnar.Manifest m = cat.manifest(s.key()).orElse(null);
            long partial = m == null ? -1 : vq.data.resample.Resampler.partialBuckets(m);
            if (partial <= 0) continue;
            var o = m.imports().getLast().options();
            String first = o.getOrDefault("partial_list", "");
            int sp = first.indexOf(' ');
            System.out.printf("note: %s (resampled from %s) has %d partial bucket(s) with missing source bars, first %s%n",
                    s.key(), o.get("source"), partial, sp < 0 ? first : first.substring(0, sp));
        }
    }

    /** {@code 2023-03-24 12:40} (seconds shown only when not zero). */
    static String minute(long ns) {
        String iso = Intervals.iso(ns).replace('T', ' ').replace("Z", "");
        if (iso.length() > 19) iso = iso.substring(0, 19);
        return iso.endsWith(":00") && iso.length() == 19 ? iso.substring(0, 16) : iso;
    }

    static String size(long b) {
        if (b < 10_000) return b + " B";
        if (b < 10_000_000) return String.format("%.1f kB", b / 1e3);
        if (b < 10_000_000_000L) return String.format("%.1f MB", b / 1e6);
        return String.format("%.1f GB", b / 1e9);
    }
}
