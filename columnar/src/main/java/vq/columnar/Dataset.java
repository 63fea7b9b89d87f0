package vq.columnar;

import java.util.List;
import java.util.Locale;

/**
 * The datasets of the catalog and their columns (DESIGN.md §4). Column 0 is always {@code ts}, epoch
 * nanoseconds UTC (for bars: the open time), strictly increasing within a dataset.
 */
public enum Dataset {
    /** OHLCV bars (Binance klines, generic OHLCV CSV, resampled). */
    BARS(true, Column.i64("ts"), Column.f64("open"), Column.f64("high"), Column.f64("low"), Column.f64("close"),
            Column.f64("volume"), Column.f64("quote_volume"), Column.i64("trades"), Column.f64("taker_buy_volume"),
            Column.f64("taker_buy_quote_volume")),
    /** Mark-price bars (Binance markPriceKlines). */
    MARK_BARS(true, Column.i64("ts"), Column.f64("open"), Column.f64("high"), Column.f64("low"), Column.f64("close")),
    /** Funding events: ts = funding time, rate as a fraction per funding interval, mark_price (NaN if absent). */
    FUNDING(false, Column.i64("ts"), Column.f64("rate"), Column.f64("mark_price")),
    /** Trades: side +1 buyer aggressor, -1 seller aggressor. ts need not be unique: equal ts keep file order. */
    TRADES(false, Column.i64("ts"), Column.f64("price"), Column.f64("qty"), Column.i8("side"), Column.i64("trade_id")),
    /** L1 quotes (best bid/ask). */
    QUOTES(false, Column.i64("ts"), Column.f64("bid_px"), Column.f64("bid_sz"), Column.f64("ask_px"), Column.f64("ask_sz")),
    /**
     * L2 book: side +1 bid / -1 ask, absolute size at the level (0 removes it), flags bit 0 = snapshot start
     * (clear the book first), bit 1 = update-id gap (the book is unknown from this row until the next snapshot).
     */
    BOOK(false, Column.i64("ts"), Column.i8("side"), Column.f64("price"), Column.f64("size"), Column.i8("flags"));

    /** Interval name used in keys of datasets that have none (funding, trades, quotes, book). */
    public static final String NO_INTERVAL = "tick";

    private final boolean hasInterval;
    private final List<Column> columns;

    Dataset(boolean hasInterval, Column... columns) {
        this.hasInterval = hasInterval;
        this.columns = List.of(columns);
    }

    /** Whether keys of this dataset carry a bar interval (1m, 1h, ...). */
    public boolean hasInterval() { return hasInterval; }

    public List<Column> columns() { return columns; }

    /** Index of the named column, or -1. */
    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) if (columns.get(i).name().equals(column)) return i;
        return -1;
    }

    /** Whether timestamps must be strictly increasing (bars, funding) or only non-decreasing (ticks). */
    public boolean strictlyIncreasing() {
        return this == BARS || this == MARK_BARS || this == FUNDING;
    }

    /** Name used on disk and in the CLI ({@code bars}, {@code mark_bars}, ...). */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Dataset ofId(String id) {
        for (Dataset d : values()) if (d.id().equals(id)) return d;
        throw new InputException("unknown dataset '" + id + "' (expected one of bars, mark_bars, funding, trades, quotes, book)");
    }
}
