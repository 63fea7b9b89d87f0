package vq.kernels.screen;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.indicators.IndicatorType;
import vq.kernels.indicators.IndicatorValues;
import vq.kernels.indicators.Indicators;
import vq.kernels.indicators.Params;
import vq.kernels.indicators.Source;
import vq.kernels.strategy.MarketInputs;
import vq.kernels.strategy.StrategySpec.IndicatorSpec;

/**
 * One symbol's bars and a concurrent indicator cache as {@link MarketInputs} for the screen: every distinct
 * (type, parameters, source) is computed once with {@code vq.kernels.indicators} and shared by all parameter
 * sets and threads. Base timeframe only: an indicator on another timeframe is rejected with an error naming it
 * (higher timeframes need the no-lookahead alignment of the indicator cache).
 *
 * <p>Memory: 8 bytes × bars per cached output series, native (freed by {@link #close()}). Thread-safe.
 */
public final class ScreenInputs implements MarketInputs, AutoCloseable {
    private final BarSeries bars;
    private final vq.kernels.indicators.BarSeries native_;
    private final Arena arena = Arena.ofShared();
    private final Map<String, IndicatorValues> cache = new ConcurrentHashMap<>();
    private final Map<String, MemorySegment> prices = new ConcurrentHashMap<>();
    private final String timeframe;

    public ScreenInputs(BarSeries bars, String timeframe) {
        this.bars = bars;
        this.timeframe = timeframe;
        this.native_ = vq.kernels.indicators.BarSeries.of(bars.intervalNanos(), bars.tsNanos(), bars.open(), bars.high(),
                bars.low(), bars.close(), null, arena);
    }

    @Override public int rows() { return bars.size(); }

    @Override public long intervalNanos() { return bars.intervalNanos(); }

    @Override public long ts(int i) { return bars.tsNanos()[i]; }

    @Override public MemorySegment price(String field) {
        return prices.computeIfAbsent(field, f -> {
            Source s = Source.find(f);
            if (s == null) throw new InputException("price field '" + f + "' is not available to the screen (open, high, low, close, hl2, hlc3, ohlc4)");
            if (s == Source.VOLUME) throw new InputException("volume is not loaded by the screen yet");
            return native_.column(s);
        });
    }

    @Override public MemorySegment indicator(IndicatorSpec spec, double[] params, String field) {
        if (spec.timeframe() != null && !spec.timeframe().equals(timeframe)
                && Intervals.nanos(spec.timeframe()) != bars.intervalNanos())
            throw new InputException("indicator " + spec.name() + " at " + spec.loc() + " uses timeframe " + spec.timeframe()
                    + "; the screen computes indicators on the base timeframe " + timeframe + " only");
        IndicatorType type = Indicators.get(spec.type());
        StringBuilder key = new StringBuilder(type.name());
        Map<String, Double> given = new LinkedHashMap<>();
        int k = 0;
        for (String name : spec.params().keySet()) {
            given.put(name, params[k]);
            key.append('|').append(name).append('=').append(params[k]);
            k++;
        }
        Source src = spec.source() == null ? null : Source.of(spec.source());
        key.append('|').append(src);
        IndicatorValues v = cache.computeIfAbsent(key.toString(), x -> {
            Params p = type.params(given);
            synchronized (arena) {
                return type.compute(native_, p, src, arena);
            }
        });
        return v.field(field);
    }

    /** Number of distinct indicator computations cached so far. */
    public int cachedSeries() { return cache.size(); }

    @Override public void close() { arena.close(); }
}
