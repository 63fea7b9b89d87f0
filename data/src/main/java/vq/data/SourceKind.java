package vq.data;

import java.util.List;
import java.util.Locale;
import vq.columnar.Dataset;
import vq.columnar.InputException;

/**
 * What a source file holds, and so how it is parsed and which catalog datasets it feeds. Binance Vision kinds
 * keep Binance's names ({@code klines}, {@code markPriceKlines}, {@code fundingRate}, {@code aggTrades},
 * {@code trades}, {@code bookTicker}); the others are generic formats.
 */
public enum SourceKind {
    /** Binance klines (spot or futures) and any OHLCV CSV: → bars. */
    KLINES("klines", Dataset.BARS),
    /** Binance markPriceKlines: → mark_bars. */
    MARK_PRICE_KLINES("markPriceKlines", Dataset.MARK_BARS),
    /** Binance fundingRate files and funding CSVs ({@code funding_time_ms,funding_rate}, ...): → funding. */
    FUNDING_RATE("fundingRate", Dataset.FUNDING),
    /** Binance aggTrades: → trades (trade_id = aggregate trade id). */
    AGG_TRADES("aggTrades", Dataset.TRADES),
    /** Binance trades: → trades. */
    TRADES("trades", Dataset.TRADES),
    /** Binance bookTicker: → quotes (ts = transaction time). */
    BOOK_TICKER("bookTicker", Dataset.QUOTES),
    /** The L1 contract {@code ts,bid_px,ask_px,bid_sz,ask_sz[,trade_px,trade_sz,trade_side]}: → quotes (+ trades). */
    L1("l1", Dataset.QUOTES, Dataset.TRADES),
    /** A Binance USD-M websocket capture ({@code <local_ts_ns> <json>} lines, gzip): → trades, quotes, book. */
    CAPTURE("capture", Dataset.TRADES, Dataset.QUOTES, Dataset.BOOK);

    private final String id;
    private final List<Dataset> datasets;

    SourceKind(String id, Dataset... datasets) {
        this.id = id;
        this.datasets = List.of(datasets);
    }

    /** The name used in options and manifests. */
    public String id() { return id; }

    /** Datasets this kind writes; the first one is its primary dataset. */
    public List<Dataset> datasets() { return datasets; }

    /**
     * Parses a kind name ({@code klines}, {@code aggTrades}, ... case-insensitive) or a catalog dataset id
     * ({@code bars → klines}, {@code mark_bars → markPriceKlines}, {@code funding → fundingRate},
     * {@code trades}, {@code quotes → bookTicker}, {@code ohlcv → klines}).
     */
    public static SourceKind parse(String s) {
        String k = s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (SourceKind v : values()) if (v.id.toLowerCase(Locale.ROOT).equals(k)) return v;
        return switch (k) {
            case "bars", "ohlcv", "kline" -> KLINES;
            case "markbars", "markpriceklines" -> MARK_PRICE_KLINES;
            case "funding", "fundingrates" -> FUNDING_RATE;
            case "quotes", "bookticker" -> BOOK_TICKER;
            case "aggtrade" -> AGG_TRADES;
            case "trade" -> TRADES;
            default -> throw new InputException("unknown dataset or file kind '" + s
                    + "' (bars/klines, mark_bars/markPriceKlines, funding/fundingRate, trades, aggTrades, quotes/bookTicker, l1, capture)");
        };
    }
}
