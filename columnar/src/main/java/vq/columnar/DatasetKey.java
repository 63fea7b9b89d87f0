package vq.columnar;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Catalog key: venue / market / symbol / dataset / interval, e.g. {@code binance/futures-um/BTCUSDT/bars/1m}.
 * Datasets without a bar interval use {@link Dataset#NO_INTERVAL}.
 */
public record DatasetKey(String venue, String market, String symbol, Dataset dataset, String interval) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public DatasetKey {
        check("venue", venue);
        check("market", market);
        check("symbol", symbol);
        if (dataset == null) throw new InputException("dataset is required");
        if (interval == null || interval.isEmpty()) interval = dataset.hasInterval() ? null : Dataset.NO_INTERVAL;
        if (interval == null) throw new InputException("dataset " + dataset.id() + " needs an interval (e.g. 1m)");
        if (dataset.hasInterval()) Intervals.nanos(interval); // validates
        else if (!interval.equals(Dataset.NO_INTERVAL))
            throw new InputException("dataset " + dataset.id() + " has no interval, got '" + interval + "'");
    }

    private static void check(String what, String v) {
        if (v == null || !PART.matcher(v).matches())
            throw new InputException("invalid " + what + " '" + v + "' (letters, digits, '_', '-', '.')");
    }

    public static DatasetKey bars(String venue, String market, String symbol, String interval) {
        return new DatasetKey(venue, market, symbol, Dataset.BARS, interval);
    }

    /** Directory of this dataset relative to the catalog root. */
    public Path relativeDir() {
        return Path.of(venue, market, symbol, dataset.id(), interval);
    }

    /** Parses {@code venue/market/symbol/dataset/interval}. */
    public static DatasetKey parse(String s) {
        String[] p = s.split("/");
        if (p.length != 5) throw new InputException("invalid dataset key '" + s + "' (venue/market/symbol/dataset/interval)");
        return new DatasetKey(p[0], p[1], p[2], Dataset.ofId(p[3]), p[4]);
    }

    @Override public String toString() {
        return venue + "/" + market + "/" + symbol + "/" + dataset.id() + "/" + interval;
    }
}
