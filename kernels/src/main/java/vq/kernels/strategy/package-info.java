/**
 * The strategy DSL (DESIGN.md §5) and its evaluation into signal masks, shared by the screening kernel and the
 * event simulator (§6).
 *
 * <h2>Pipeline</h2>
 * <pre>
 * StrategySpec spec = StrategyParser.parse(path, types);   // YAML → validated model; StrategyException = file:line:col
 * CompiledStrategy cs = CompiledStrategy.of(spec);
 * ParameterSpace space = cs.parameters();                   // parameter set = double[] in space.names() order
 *   space.grid() / gridSets(limit) / sample(n, seed) / defaults() / with(Map) / accepts(set) / describe(set)
 * IndicatorInputs in = new IndicatorInputs(cache, symbol, spec.timeframe(), fromNanos, toNanos);
 * in.prefetch(cs, sets);                                    // optional: every SMA window of a sweep in one pass
 * CompiledStrategy.Market m = cs.on(in);                    // per symbol: MarketInputs = base bars + aligned indicators
 * CompiledStrategy.Bound b = m.bind(set);                   // per parameter set
 * b.signals(from, to, signals);                             // Signals: long[] entryLong/exitLong/entryShort/exitShort, bit k = bar from+k
 * b.signals(from, to, el, xl, es, xs, wordOffset);          // the same into caller arrays (thread-safe)
 * b.risk();                                                 // stop/take-profit kind + amount (+ ATR series), side, sizing, leverage
 * m.timeMask();                                             // time filters as a bar mask (already ANDed into entries)
 * LookaheadCheck.run(cs, full, cut -> truncatedInputs, sets, LookaheadCheck.cuts(rows, k, seed), max);
 * JavaStrategies.discover(workspace.resolve("strategies"));  // Java strategies: Strategy, StrategyContext, @Strategy.Param
 * </pre>
 *
 * <h2>Units and shapes</h2>
 * Bars are indexed 0..rows-1 (base timeframe, open time {@code ts(i)} in epoch ns UTC); a signal at bar i is
 * decided at its close {@code ts(i) + interval}. Series are contiguous little-endian double
 * {@link java.lang.foreign.MemorySegment}s of {@code rows} elements. Percent settings in YAML ({@code percent: 2})
 * are fractions in the model (0.02). Memory per bound parameter set is O(conditions × block / 64) words, never
 * O(bars).
 */
package vq.kernels.strategy;
