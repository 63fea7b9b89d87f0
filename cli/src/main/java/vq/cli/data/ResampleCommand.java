package vq.cli.data;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vq.cli.VqCommand;
import vq.columnar.Catalog;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.data.resample.Resampler;

/** {@code vq data resample}: higher timeframes from 1m bars, UTC-aligned, partial buckets counted. */
@Command(name = "resample", mixinStandardHelpOptions = true,
        description = {"Build higher-timeframe bars from 1m bars in the catalog (UTC-aligned; open=first, high=max, low=min,",
                "close=last, volumes and trade counts summed). Buckets with missing minutes are counted as partial and",
                "listed in the target's manifest (imports[].options.partial_list). Each target is replaced atomically."})
public final class ResampleCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbol", required = true, split = ",", description = "Symbol(s) to resample, e.g. BTCUSDT.")
    List<String> symbols;

    @Option(names = "--to", split = ",", defaultValue = "5m,15m,1h,4h,1d", description = "Target intervals (default: ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--from-interval", defaultValue = "1m", description = "Source interval (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--market", description = "Market (spot, futures-um) when the symbol exists in several.")
    String market;

    @Option(names = "--venue", description = "Venue when the symbol exists in several.")
    String venue;

    @Option(names = "--dataset", defaultValue = "bars", description = "bars or mark_bars (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Override public Integer call() {
        Catalog cat = Catalog.open(((VqCommand) spec.root().userObject()).workspace().catalog());
        Dataset ds = Dataset.ofId(dataset);
        for (String t : targets) Intervals.nanos(t);
        System.out.printf("%-40s %12s %10s %8s%n", "dataset", "source rows", "bars", "partial");
        for (String sym : symbols) {
            List<DatasetKey> keys = cat.list().stream().filter(k -> k.symbol().equals(sym) && k.dataset() == ds
                    && k.interval().equals(source) && (market == null || k.market().equals(market))
                    && (venue == null || k.venue().equals(venue))).toList();
            if (keys.isEmpty())
                throw new InputException("no " + ds.id() + "/" + source + " for " + sym + " in " + cat.root()
                        + " (import it first with 'vq data import')");
            if (keys.size() > 1)
                throw new InputException(sym + " is in several markets/venues " + keys + ": pick one with --market/--venue");
            for (String t : targets) {
                Resampler.Result r = Resampler.resample(cat, keys.getFirst(), t);
                System.out.printf("%-40s %,12d %,10d %8d%n", r.target(), r.sourceRows(), r.rows(), r.partial());
            }
        }
        return 0;
    }
}
