/**
 * Parameter-space samplers, experiment orchestration, walk-forward, overfitting statistics (DSR, PBO, purged K-fold), Pareto ranking and the results store.
 *
 * <p>May import: vq.kernels, vq.sim, vq.columnar. See ../shared/docs/DESIGN.md §2.
 */
package vq.optimizer;
