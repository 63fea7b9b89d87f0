/**
 * Compute over bars: SIMD indicators (jdk.incubator.vector), the strategy DSL (package vq.kernels.strategy), condition/signal masks, the SIMD screening simulator and metrics.
 *
 * <p>May import: vq.columnar. See ../shared/docs/DESIGN.md §2.
 */
package vq.kernels;
