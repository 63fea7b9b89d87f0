package vq.sim.market;

import java.util.Arrays;
import java.util.List;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.InputException;
import vq.columnar.Intervals;

/**
 * Loads a {@link SymbolFeed} from the workspace catalog: bars of one interval (futures-um preferred, else
 * spot), mark-price bars aligned to them (futures-um, when present), and the futures-um funding events
 * (real rates at real times, DESIGN.md §4). With {@code ticks}: the futures-um quotes of the range when
 * present, and with {@code l2} the futures-um L2 {@code book} rows plus the trades (whose prints drive the
 * queue model; a bar feed without the book loads no trades, as before L2), the book read in place (zero-copy
 * chunks of the memory-mapped segments; the reader stays open until {@link Loaded#close()}). The book must
 * hold its snapshot inside the range: rows before the first snapshot cannot be applied (the simulator skips
 * and counts them).
 *
 * <p>Errors: {@link InputException} naming the missing dataset and what the catalog has.
 */
public final class CatalogFeeds {
    private CatalogFeeds() {}

    /**
     * Where the feed came from, for reports. {@code tickSource} says which quotes, trades and L2 book rows
     * the feed has (or why not). Closing releases the book's mapped segments.
     */
    public record Loaded(SymbolFeed feed, DatasetKey barsKey, String fundingSource, String markSource, String tickSource)
            implements AutoCloseable {
        public Loaded(SymbolFeed feed, DatasetKey barsKey, String fundingSource, String markSource) {
            this(feed, barsKey, fundingSource, markSource, "none (not asked)");
        }

        @Override public void close() { feed.book().close(); }
    }

    /**
     * @param fromNanos inclusive start (bar open), or Long.MIN_VALUE
     * @param toNanos   exclusive end (bar open), or Long.MAX_VALUE
     */
    public static Loaded load(Catalog c, String venue, String symbol, String interval, long fromNanos, long toNanos, boolean ticks) {
        return load(c, venue, symbol, interval, fromNanos, toNanos, ticks, ticks);
    }

    /**
     * @param ticks add futures-um quotes and trades of the bars' span when the catalog has them
     * @param l2    add the futures-um L2 book of the bars' span when the catalog has it (only with ticks)
     */
    public static Loaded load(Catalog c, String venue, String symbol, String interval, long fromNanos, long toNanos, boolean ticks,
                              boolean l2) {
        DatasetKey bk = null;
        for (String m : new String[] {"futures-um", "spot"}) {
            DatasetKey k = new DatasetKey(venue, m, symbol, Dataset.BARS, interval);
            if (c.manifest(k).isPresent()) { bk = k; break; }
        }
        if (bk == null) {
            throw new InputException("no " + interval + " bars for " + symbol + " (" + venue + ") in the catalog " + c.root()
                    + " (import them with `vq data import`; have: "
                    + c.list().stream().filter(k -> k.dataset() == Dataset.BARS).map(DatasetKey::toString).toList() + ")");
        }
        long iv = Intervals.nanos(interval);
        long[] ts;
        double[] o, h, l, cl, v;
        try (DatasetReader r = c.reader(bk)) {
            List<Chunk> ch = r.range(fromNanos, toNanos);
            ts = DatasetReader.copyI64(ch, "ts");
            o = DatasetReader.copyF64(ch, "open");
            h = DatasetReader.copyF64(ch, "high");
            l = DatasetReader.copyF64(ch, "low");
            cl = DatasetReader.copyF64(ch, "close");
            v = DatasetReader.copyF64(ch, "volume");
        }
        if (ts.length == 0) throw new InputException("no " + bk + " bars in the requested range " + Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos));
        SymbolFeed f = SymbolFeed.ofBars(symbol, iv, ts, o, h, l, cl, v);
        String markSrc = "none (bar prices)";
        DatasetKey mk = new DatasetKey(venue, "futures-um", symbol, Dataset.MARK_BARS, interval);
        if (c.manifest(mk).isPresent()) {
            try (DatasetReader r = c.reader(mk)) {
                List<Chunk> ch = r.range(ts[0], ts[ts.length - 1] + 1);
                long[] mt = DatasetReader.copyI64(ch, "ts");
                double[] mo = DatasetReader.copyF64(ch, "open"), mh = DatasetReader.copyF64(ch, "high"),
                        ml = DatasetReader.copyF64(ch, "low"), mc = DatasetReader.copyF64(ch, "close");
                int n = ts.length;
                double[] ao = nan(n), ah = nan(n), al = nan(n), ac = nan(n);
                int j = 0, hit = 0;
                for (int i = 0; i < n; i++) {
                    while (j < mt.length && mt[j] < ts[i]) j++;
                    if (j < mt.length && mt[j] == ts[i]) { ao[i] = mo[j]; ah[i] = mh[j]; al[i] = ml[j]; ac[i] = mc[j]; hit++; }
                }
                f = f.withMarkBars(ao, ah, al, ac);
                markSrc = "catalog " + mk + " (" + hit + " of " + n + " bars)";
            }
        }
        String fundSrc = "none (catalog has no " + new DatasetKey(venue, "futures-um", symbol, Dataset.FUNDING, null) + ")";
        DatasetKey fk = new DatasetKey(venue, "futures-um", symbol, Dataset.FUNDING, null);
        if (c.manifest(fk).isPresent()) {
            try (DatasetReader r = c.reader(fk)) {
                List<Chunk> ch = r.range(ts[0], ts[ts.length - 1] + iv);
                long[] ft = DatasetReader.copyI64(ch, "ts");
                double[] fr = DatasetReader.copyF64(ch, "rate");
                f = f.withFunding(ft, fr);
                fundSrc = "catalog " + fk + " (" + ft.length + " events)";
            }
        }
        if (!ticks) return new Loaded(f, bk, fundSrc, markSrc);
        Ticks t = ticks(c, venue, symbol, f, ts[0], ts[ts.length - 1] + iv, l2);
        return new Loaded(t.feed, bk, fundSrc, markSrc, t.description);
    }

    /**
     * A tick-only feed (no bars): the futures-um quotes, trades and (with {@code l2}) L2 book of
     * {@code [fromNanos, toNanos)}; close the result to release the book's mapping.
     *
     * @throws InputException when the catalog has none of them for the symbol
     */
    public static Loaded loadTicks(Catalog c, String venue, String symbol, long fromNanos, long toNanos, boolean l2) {
        Ticks t = ticks(c, venue, symbol, SymbolFeed.ofTicks(symbol), fromNanos, toNanos, l2);
        if (t.feed.isEmpty())
            throw new InputException("no futures-um quotes, trades or book for " + symbol + " (" + venue + ") in " + c.root()
                    + " in " + Intervals.iso(fromNanos) + " .. " + Intervals.iso(toNanos) + " (import a capture with `vq data import`)");
        return new Loaded(t.feed, null, "none", "none", t.description);
    }

    private record Ticks(SymbolFeed feed, String description) {}

    private static Ticks ticks(Catalog c, String venue, String symbol, SymbolFeed f, long from, long to, boolean l2) {
        StringBuilder d = new StringBuilder();
        DatasetKey qk = new DatasetKey(venue, "futures-um", symbol, Dataset.QUOTES, null);
        if (c.manifest(qk).isPresent()) {
            try (DatasetReader r = c.reader(qk)) {
                List<Chunk> ch = r.range(from, to);
                f = f.withQuotes(DatasetReader.copyI64(ch, "ts"), DatasetReader.copyF64(ch, "bid_px"), DatasetReader.copyF64(ch, "bid_sz"),
                        DatasetReader.copyF64(ch, "ask_px"), DatasetReader.copyF64(ch, "ask_sz"));
            }
        }
        d.append("quotes ").append(f.quoteTs().length);
        DatasetKey lk = new DatasetKey(venue, "futures-um", symbol, Dataset.BOOK, null);
        if (!l2) d.append(", L2 book off");
        else if (c.manifest(lk).isEmpty()) d.append(", L2 book none in the catalog");
        else {
            DatasetReader r = c.reader(lk);
            List<Chunk> ch = r.range(from, to);
            BookFeed b;
            try {
                b = BookFeed.ofChunks(symbol, ch, r);
            } catch (RuntimeException e) {
                r.close();
                throw new InputException("catalog " + lk + ": " + e.getMessage());
            }
            if (b.isEmpty()) { r.close(); d.append(", L2 book none in the range"); }
            else {
                f = f.withBook(b);
                long snap = b.firstSnapshotTs();
                d.append(", L2 book ").append(b.rows()).append(" rows (catalog ").append(lk).append(", zero-copy, ").append(Intervals.iso(b.firstTs()))
                        .append(" .. ").append(Intervals.iso(b.lastTs()))
                        .append(snap == Long.MAX_VALUE ? "; NO snapshot in the range: the book cannot be built" : "; first snapshot " + Intervals.iso(snap))
                        .append(")");
            }
        }
        // trade prints drive the L2 queue model; without the book the feed stays as it was (quotes only)
        DatasetKey tk = new DatasetKey(venue, "futures-um", symbol, Dataset.TRADES, null);
        if (!f.hasBook() && f.barTs().length > 0) d.append(", trades not loaded (used with the L2 book)");
        else if (c.manifest(tk).isPresent()) {
            try (DatasetReader r = c.reader(tk)) {
                List<Chunk> ch = r.range(from, to);
                f = f.withTrades(DatasetReader.copyI64(ch, "ts"), DatasetReader.copyF64(ch, "price"), DatasetReader.copyF64(ch, "qty"),
                        copyI8(ch, Dataset.TRADES.index("side")));
            }
            d.append(", trades ").append(f.tradeTs().length);
        } else d.append(", trades none in the catalog");
        return new Ticks(f, d.toString());
    }

    private static byte[] copyI8(List<Chunk> chunks, int column) {
        long n = 0;
        for (Chunk x : chunks) n += x.rows();
        byte[] out = new byte[Math.toIntExact(n)];
        int k = 0;
        for (Chunk x : chunks) for (long i = 0; i < x.rows(); i++) out[k++] = x.i8(column, i);
        return out;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
