package vq.data.fetch;

import java.util.Locale;
import java.util.Set;
import vq.columnar.InputException;

/**
 * The URL/file layout of Binance Vision (data.binance.vision), as published by Binance's
 * binance-public-data repository:
 *
 * <pre>
 * data/{spot | futures/um}/{daily | monthly}/{dataset}/{SYMBOL}[/{interval}]/{file}.zip   (+ {file}.zip.CHECKSUM)
 * kline-like datasets:  {SYMBOL}-{interval}-{YYYY-MM[-DD]}.zip     e.g. BTCUSDT-1m-2024-01-01.zip
 * other datasets:       {SYMBOL}-{dataset}-{YYYY-MM[-DD]}.zip      e.g. BTCUSDT-fundingRate-2024-01.zip
 * </pre>
 *
 * The {@code .CHECKSUM} file holds one line {@code <sha256 hex>  <file name>} (sha256sum format).
 * Kline-like datasets (klines, markPriceKlines, indexPriceKlines, premiumIndexKlines) have an interval
 * directory; fundingRate exists only for futures and only monthly; metrics and bookDepth only daily
 * ({@link #periodFor}).
 */
public final class VisionLayout {
    private VisionLayout() {}

    /** Markets and their path segment under {@code data/}. */
    public enum Market {
        SPOT("spot", "spot"), FUTURES_UM("futures-um", "futures/um");

        private final String id, path;

        Market(String id, String path) { this.id = id; this.path = path; }

        /** Catalog market name ({@code spot}, {@code futures-um}). */
        public String id() { return id; }

        /** Path segment under {@code data/}. */
        public String path() { return path; }

        public static Market of(String s) {
            for (Market m : values()) if (m.id.equalsIgnoreCase(s)) return m;
            throw new InputException("unknown market '" + s + "' (expected spot or futures-um)");
        }
    }

    /** Daily or monthly archives. */
    public enum Period { DAILY, MONTHLY;
        public String path() { return name().toLowerCase(Locale.ROOT); }
    }

    static final Set<String> KLINE_LIKE = Set.of("klines", "markPriceKlines", "indexPriceKlines", "premiumIndexKlines");
    static final Set<String> SPOT_DATASETS = Set.of("klines", "aggTrades", "trades");
    static final Set<String> FUTURES_DATASETS = Set.of("klines", "markPriceKlines", "indexPriceKlines", "premiumIndexKlines",
            "fundingRate", "aggTrades", "trades", "bookTicker", "metrics", "bookDepth");

    public static boolean klineLike(String dataset) { return KLINE_LIKE.contains(dataset); }

    /** Checks that {@code dataset} exists for {@code market} and {@code period}; throws {@link InputException} otherwise. */
    public static void check(Market market, Period period, String dataset) {
        Set<String> ok = market == Market.SPOT ? SPOT_DATASETS : FUTURES_DATASETS;
        if (!ok.contains(dataset))
            throw new InputException("dataset '" + dataset + "' is not published for " + market.id() + " (available: "
                    + new java.util.TreeSet<>(ok) + ")");
    }

    /**
     * The period actually published for {@code dataset}: fundingRate exists only monthly and metrics/bookDepth only
     * daily, whatever was asked; everything else as {@code requested}.
     */
    public static Period periodFor(String dataset, Period requested) {
        if (dataset.equals("fundingRate")) return Period.MONTHLY;
        if (dataset.equals("metrics") || dataset.equals("bookDepth")) return Period.DAILY;
        return requested;
    }

    /** File name, e.g. {@code BTCUSDT-1m-2024-01-01.zip} or {@code BTCUSDT-fundingRate-2024-01.zip}. */
    public static String fileName(String dataset, String symbol, String interval, String date) {
        return symbol + "-" + (klineLike(dataset) ? interval : dataset) + "-" + date + ".zip";
    }

    /** Directory path relative to the base URL/root, e.g. {@code data/futures/um/daily/klines/BTCUSDT/1m}. */
    public static String dir(Market market, Period period, String dataset, String symbol, String interval) {
        String d = "data/" + market.path() + "/" + period.path() + "/" + dataset + "/" + symbol;
        return klineLike(dataset) ? d + "/" + interval : d;
    }

    /** Path of the ZIP relative to the base URL/root. */
    public static String path(Market market, Period period, String dataset, String symbol, String interval, String date) {
        return dir(market, period, dataset, symbol, interval) + "/" + fileName(dataset, symbol, interval, date);
    }

    /** The CHECKSUM line for a file: {@code <sha256>  <name>\n}. */
    public static String checksumLine(String sha256Hex, String fileName) {
        return sha256Hex + "  " + fileName + "\n";
    }

    /** Parses a CHECKSUM file's content; returns the sha256 hex (lower case). */
    public static String parseChecksum(String content, String what) {
        String t = content.strip();
        int sp = t.indexOf(' ');
        String hex = (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}"))
            throw new InputException(what + ": not a sha256 CHECKSUM file (got '" + (t.length() > 80 ? t.substring(0, 80) + "…" : t) + "')");
        return hex;
    }
}
