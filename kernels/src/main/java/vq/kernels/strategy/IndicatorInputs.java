package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import vq.kernels.indicators.BarSeries;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.indicators.IndicatorType;
import vq.kernels.indicators.Indicators;
import vq.kernels.indicators.Params;
import vq.kernels.indicators.Source;
import vq.kernels.indicators.Timeframes;

/**
 * {@link MarketInputs} over the shared {@link IndicatorCache}: base bars of {@code symbol} at the strategy's
 * timeframe for {@code [fromNanos, toNanos)} (resampled by the cache from the loaded bars when the timeframe
 * is coarser), and every indicator computed once per (type, params, source, timeframe) and aligned to the
 * base bars by {@link IndicatorCache#aligned} (a higher-timeframe value appears at the first base bar whose
 * close is at or after that bar's close).
 */
public final class IndicatorInputs implements MarketInputs, AutoCloseable {
    private final IndicatorCache cache;
    private final String symbol, timeframe;
    private final long fromNanos, toNanos;
    private final BarSeries bars;
    private final int rows;
    private final boolean ownsCache;

    /**
     * @param timeframe the strategy's base timeframe ({@link StrategySpec#timeframe()})
     * @throws vq.columnar.InputException when the range holds no bars
     */
    public IndicatorInputs(IndicatorCache cache, String symbol, String timeframe, long fromNanos, long toNanos) {
        this(cache, symbol, timeframe, fromNanos, toNanos, false);
    }

    /** As above; when {@code ownsCache}, {@link #close()} closes the cache (and frees its series). */
    public IndicatorInputs(IndicatorCache cache, String symbol, String timeframe, long fromNanos, long toNanos, boolean ownsCache) {
        this.ownsCache = ownsCache;
        this.cache = cache;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.bars = cache.bars(symbol, timeframe, fromNanos, toNanos);
        this.rows = Math.toIntExact(bars.rows());
        if (rows == 0)
            throw new vq.columnar.InputException("no " + timeframe + " bars for " + symbol + " in [" + vq.columnar.Intervals.iso(fromNanos) + ", "
                    + vq.columnar.Intervals.iso(toNanos) + ")");
    }

    public BarSeries bars() { return bars; }

    /** Closes the cache when this object owns it; otherwise nothing (the cache is shared). */
    @Override public void close() {
        if (ownsCache) cache.close();
    }

    public String symbol() { return symbol; }

    @Override public int rows() { return rows; }

    @Override public long intervalNanos() { return Timeframes.nanos(timeframe); }

    @Override public long ts(int i) { return bars.ts(i); }

    @Override public MemorySegment price(String field) {
        return bars.column(Source.of(field));
    }

    /**
     * Computes ahead, in one pass per (source, timeframe), every SMA window the given parameter sets need
     * ({@link IndicatorCache#smaMany}: rolling sums over all windows at once, bit-identical to single
     * computations); other indicators are computed on first use. Returns the number of distinct SMA windows.
     */
    public int prefetch(CompiledStrategy cs, double[][] sets) {
        Map<String, java.util.TreeSet<Integer>> windows = new LinkedHashMap<>();
        for (double[] set : sets) {
            for (StrategySpec.IndicatorSpec is : cs.spec().indicators().values()) {
                if (!is.type().equals("sma")) continue;
                double period = CompiledStrategy.resolve(is, set)[0];
                windows.computeIfAbsent(is.source() + "|" + is.timeframe(), k -> new java.util.TreeSet<>()).add((int) period);
            }
        }
        int n = 0;
        for (Map.Entry<String, java.util.TreeSet<Integer>> e : windows.entrySet()) {
            String[] k = e.getKey().split("\\|");
            int[] w = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            cache.smaMany(symbol, k[1], fromNanos, toNanos, Source.of(k[0]), w);
            n += w.length;
        }
        return n;
    }

    @Override public MemorySegment indicator(StrategySpec.IndicatorSpec spec, double[] params, String field) {
        IndicatorType type = Indicators.get(spec.type());
        Map<String, Double> given = new LinkedHashMap<>();
        int k = 0;
        for (String name : spec.params().keySet()) given.put(name, params[k++]);
        Params p = type.params(given);
        Source src = spec.source() == null ? null : Source.of(spec.source());
        return cache.aligned(symbol, timeframe, spec.timeframe(), fromNanos, toNanos, p, src).field(field);
    }
}
