/**
 * The SIMD screening simulator (DESIGN.md §6–§8): one pass over a symbol's bars evaluates thousands of
 * parameter sets at once, lanes of {@code jdk.incubator.vector} vectors holding one parameter set each,
 * with leverage, funding at real funding times, isolated-margin liquidation (Binance tiered maintenance
 * margin from {@link vq.kernels.margin}), in-bar stop-loss/take-profit, the metrics of DESIGN.md §7,
 * per-window accumulators for walk-forward and folds, hard constraints and Pareto ranking.
 *
 * <p>Entry point: {@link vq.kernels.screen.Screener}. The execution rules are written out once, in
 * {@link vq.kernels.screen.ScreenKernel}; the event simulator's screening fidelity follows the same text.
 */
package vq.kernels.screen;
