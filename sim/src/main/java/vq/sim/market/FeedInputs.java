package vq.sim.market;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.indicators.IndicatorType;
import vq.kernels.indicators.IndicatorValues;
import vq.kernels.indicators.Indicators;
import vq.kernels.indicators.Source;
import vq.kernels.strategy.MarketInputs;
import vq.kernels.strategy.StrategySpec.IndicatorSpec;

/**
 * A {@link SymbolFeed}'s bars as the DSL's {@link MarketInputs}: indicators computed by
 * {@code vq.kernels.indicators} (the same code the screen uses), so the simulator sees the very same
 * signal bits. Base timeframe only (like the screen today): an indicator on another timeframe is an error
 * naming it. Single-threaded; native memory freed by {@link #close()}.
 */
public final class FeedInputs implements MarketInputs, AutoCloseable {
    private final SymbolFeed feed;
    private final String timeframe;
    private final Arena arena = Arena.ofConfined();
    private final vq.kernels.indicators.BarSeries bars;
    private final Map<String, IndicatorValues> cache = new HashMap<>();

    public FeedInputs(SymbolFeed feed, String timeframe) {
        this.feed = feed;
        this.timeframe = timeframe;
        this.bars = vq.kernels.indicators.BarSeries.of(feed.intervalNanos(), feed.barTs(), feed.open(), feed.high(), feed.low(),
                feed.close(), feed.volume(), arena);
    }

    @Override public int rows() { return feed.bars(); }
    @Override public long intervalNanos() { return feed.intervalNanos(); }
    @Override public long ts(int i) { return feed.barTs()[i]; }

    @Override public MemorySegment price(String field) {
        Source s = Source.find(field);
        if (s == null) throw new InputException("unknown price field '" + field + "'");
        return bars.column(s);
    }

    @Override public MemorySegment indicator(IndicatorSpec spec, double[] params, String field) {
        if (spec.timeframe() != null && !spec.timeframe().equals(timeframe) && Intervals.nanos(spec.timeframe()) != feed.intervalNanos())
            throw new InputException("indicator " + spec.name() + " at " + spec.loc() + " uses timeframe " + spec.timeframe()
                    + "; the simulator computes indicators on the base timeframe " + timeframe + " only (as the screen does)");
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
        IndicatorValues v = cache.computeIfAbsent(key.toString(), x -> type.compute(bars, type.params(given), src, arena));
        return v.field(field);
    }

    @Override public void close() { arena.close(); }
}
