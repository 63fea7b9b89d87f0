/**
 * JMH benchmarks of the catalog, kernels and simulator (end-to-end runs are 'vq bench' in the CLI).
 *
 * <p>May import: every vq module. See ../shared/docs/DESIGN.md §2.
 */
package vq.bench;
