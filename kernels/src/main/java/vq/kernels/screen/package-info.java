/**
 * The SIMD screening simulator (DESIGN.md §6–§8): one pass over a symbol's bars evaluates thousands of
 * parameter sets, with leverage, funding at real funding times, isolated-margin liquidation (Binance tiered maintenance
 * margin from {@link vq.kernels.margin}), in-bar stop-loss/take-profit, the metrics of DESIGN.md §7,
 * per-window accumulators for walk-forward and folds, hard constraints and Pareto ranking.
 *
 * <p>Entry point: {@link vq.kernels.screen.Screener}. The execution rules are written out once, in
 * {@link vq.kernels.screen.ScreenKernel}; the event simulator's screening fidelity follows the same text. Two
 * bit-identical implementations ({@link vq.kernels.screen.Screener.Kernel}): {@link vq.kernels.screen.SetWalk} (default)
 * walks one parameter set at a time from event to event, SIMD across bars in between; the lane kernel in
 * {@code ScreenKernel} holds one parameter set per lane of a {@code jdk.incubator.vector} vector, bar by bar.
 */
package vq.kernels.screen;
