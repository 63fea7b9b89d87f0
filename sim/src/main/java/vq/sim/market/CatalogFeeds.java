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
 * (real rates at real times, DESIGN.md §4). Quotes and trades are added when asked and present.
 *
 * <p>Errors: {@link InputException} naming the missing dataset and what the catalog has.
 */
public final class CatalogFeeds {
    private CatalogFeeds() {}

    /** Where the feed came from, for reports. */
    public record Loaded(SymbolFeed feed, DatasetKey barsKey, String fundingSource, String markSource) {}

    /**
     * @param fromNanos inclusive start (bar open), or Long.MIN_VALUE
     * @param toNanos   exclusive end (bar open), or Long.MAX_VALUE
     */
    public static Loaded load(Catalog c, String venue, String symbol, String interval, long fromNanos, long toNanos, boolean ticks) {
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
        if (ticks) {
            DatasetKey qk = new DatasetKey(venue, "futures-um", symbol, Dataset.QUOTES, null);
            if (c.manifest(qk).isPresent()) {
                try (DatasetReader r = c.reader(qk)) {
                    List<Chunk> ch = r.range(ts[0], ts[ts.length - 1] + iv);
                    f = f.withQuotes(DatasetReader.copyI64(ch, "ts"), DatasetReader.copyF64(ch, "bid_px"), DatasetReader.copyF64(ch, "bid_sz"),
                            DatasetReader.copyF64(ch, "ask_px"), DatasetReader.copyF64(ch, "ask_sz"));
                }
            }
        }
        return new Loaded(f, bk, fundSrc, markSrc);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
