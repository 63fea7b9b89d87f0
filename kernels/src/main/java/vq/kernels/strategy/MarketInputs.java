package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import vq.kernels.strategy.StrategySpec.IndicatorSpec;

/**
 * What a compiled strategy reads for one symbol: the base-timeframe bars and indicator values aligned to
 * them. Every series is a contiguous little-endian {@code double} {@link MemorySegment} of {@link #rows()}
 * elements, element i belonging to base bar i (the bar whose open time is {@link #ts(int)}).
 *
 * <p>Higher-timeframe indicator values must already be aligned with no lookahead: base bar i sees a 1h
 * value only when that 1h bar's close is at or before bar i's close. {@link IndicatorInputs} implements this
 * over the indicator cache of {@code vq.kernels.indicators}; tests may wrap it (e.g. to plant a biased
 * indicator for the lookahead check).
 */
public interface MarketInputs {
    /** Number of base bars. */
    int rows();

    /** Base bar length in ns (60e9 for 1m). */
    long intervalNanos();

    /** Open time of base bar i, epoch ns UTC. */
    long ts(int i);

    /** A base-bar price field ({@link StrategyParser#PRICE_FIELDS}). */
    MemorySegment price(String field);

    /**
     * Output {@code field} of the declared indicator {@code spec} computed with {@code params} (numeric
     * parameter values in {@code spec.params()} order, already resolved for one parameter set), aligned
     * to the base bars. Implementations cache: equal (type, params, source, timeframe) share one series.
     */
    MemorySegment indicator(IndicatorSpec spec, double[] params, String field);
}
