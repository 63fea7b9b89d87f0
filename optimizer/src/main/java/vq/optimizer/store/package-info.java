/**
 * The workspace results database (DESIGN.md §9): {@link vq.optimizer.store.ResultsStore} opens
 * {@code vq.duckdb} with a versioned schema ({@link vq.optimizer.store.Schema}) and offers typed,
 * transactional Appender-based writers for every table. Tables: experiments, sweep_results, runs,
 * trades, equity, events, filters, walk_forward, walk_forward_equity; views: sweep_ranked, filter_funnel,
 * screen_vs_validate, run_costs, walk_forward_stitched, experiment_summary.
 */
package vq.optimizer.store;
