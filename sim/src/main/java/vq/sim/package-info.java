/**
 * The exact event-driven simulator: orders, matching, fees, slippage, latency, margin, funding, liquidation, sizing and risk limits.
 *
 * <p>May import: vq.kernels, vq.columnar. See ../shared/docs/DESIGN.md §2.
 */
package vq.sim;
