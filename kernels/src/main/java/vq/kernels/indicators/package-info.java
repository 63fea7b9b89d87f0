/**
 * SIMD technical indicators over bar series (jdk.incubator.vector, double precision).
 *
 * <p>Entry points: {@link vq.kernels.indicators.Indicators} (the catalogue: YAML names, parameters with defaults and
 * ranges, output fields, inputs, warm-up), {@link vq.kernels.indicators.IndicatorType#compute} (one computation),
 * {@link vq.kernels.indicators.BarSeries} (contiguous off-heap input columns copied once from catalog chunks),
 * {@link vq.kernels.indicators.MovingAverages#smaMany} (all SMA windows of a sweep in one pass).
 *
 * <p>Conventions: outputs are index-aligned with the input bars; values before an output's warm-up are NaN; values
 * equal TA-Lib 0.4's to 1e-9 relative after the warm-up (tests compare with TA-Lib's Java port on two years of real
 * BTCUSDT 1m bars). Kernels are deterministic (same input, bit-identical output) and thread-safe (per-thread scratch).
 */
package vq.kernels.indicators;
