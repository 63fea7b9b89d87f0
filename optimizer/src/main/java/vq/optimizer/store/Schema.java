package vq.optimizer.store;

import java.util.List;

/**
 * The results database schema as an ordered list of migrations (DESIGN.md §9). Version {@code n}
 * is the state after applying migrations 1..n; {@code schema_version} holds one row per applied
 * migration. Never edit a migration that has landed on main: append a new one.
 *
 * <p>Conventions: timestamps of market events are {@code TIMESTAMP_NS} (UTC, written with
 * {@code appendEpochNanos}); bookkeeping times ({@code started_at}) are {@code TIMESTAMP} (UTC);
 * parameters are a JSON object {@code {"fast": 10, "slow": 50}}; money is USDT; fractions are plain.
 * Large tables have no PRIMARY KEY (an ART index would slow the Appender several fold); uniqueness
 * of (experiment_id, param_set_id, symbol) is the writer's contract, checked in tests.
 */
public final class Schema {
    private Schema() {}

    /** One migration: the version it produces, a description and its SQL statements. */
    public record Migration(int version, String description, List<String> statements) {}

    /** Screen-vs-validate metrics compared in {@code screen_vs_validate} (long form). */
    static final List<Metric> COMPARED = List.of(Metric.TOTAL_RETURN, Metric.CAGR, Metric.SHARPE, Metric.SORTINO,
            Metric.MAX_DRAWDOWN, Metric.PROFIT_FACTOR, Metric.WIN_RATE, Metric.TRADES, Metric.FEES, Metric.FUNDING,
            Metric.SLIPPAGE, Metric.LIQUIDATIONS);

    /** All migrations, oldest first. */
    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "experiments, sweep_results, runs, trades, equity, events, filters, walk_forward and views",
                    List.of(
                            """
                            CREATE TABLE experiments (
                                experiment_id VARCHAR PRIMARY KEY,
                                name VARCHAR NOT NULL,
                                kind VARCHAR NOT NULL,
                                strategy VARCHAR,
                                config_yaml VARCHAR,
                                param_space JSON,
                                symbols VARCHAR[],
                                bar_interval VARCHAR,
                                data_from TIMESTAMP_NS,
                                data_to TIMESTAMP_NS,
                                method VARCHAR,
                                seed BIGINT,
                                param_sets BIGINT,
                                code_version VARCHAR,
                                data_checksums JSON,
                                status VARCHAR NOT NULL,
                                started_at TIMESTAMP NOT NULL,
                                finished_at TIMESTAMP
                            )""",
                            """
                            CREATE TABLE sweep_results (
                                experiment_id VARCHAR NOT NULL,
                                param_set_id BIGINT NOT NULL,
                                symbol VARCHAR NOT NULL,
                                params JSON NOT NULL,
                                %s,
                                pareto_rank INTEGER,
                                passes_constraints BOOLEAN
                            )""".formatted(Metric.columnsDdl()),
                            """
                            CREATE TABLE runs (
                                run_id VARCHAR PRIMARY KEY,
                                experiment_id VARCHAR,
                                param_set_id BIGINT,
                                symbol VARCHAR NOT NULL,
                                params JSON,
                                fidelity VARCHAR NOT NULL,
                                latency VARCHAR,
                                sizing VARCHAR,
                                risk VARCHAR,
                                initial_equity DOUBLE NOT NULL,
                                final_equity DOUBLE,
                                %s,
                                execution_sensitive BOOLEAN,
                                started_at TIMESTAMP NOT NULL,
                                finished_at TIMESTAMP
                            )""".formatted(Metric.columnsDdl()),
                            """
                            CREATE TABLE trades (
                                run_id VARCHAR NOT NULL,
                                trade_no INTEGER NOT NULL,
                                symbol VARCHAR NOT NULL,
                                side VARCHAR NOT NULL,
                                entry_ts TIMESTAMP_NS NOT NULL,
                                exit_ts TIMESTAMP_NS,
                                entry_price DOUBLE NOT NULL,
                                exit_price DOUBLE,
                                qty DOUBLE NOT NULL,
                                fees DOUBLE NOT NULL,
                                funding DOUBLE NOT NULL,
                                slippage DOUBLE NOT NULL,
                                gross_pnl DOUBLE,
                                net_pnl DOUBLE,
                                r_multiple DOUBLE,
                                exit_reason VARCHAR
                            )""",
                            """
                            CREATE TABLE equity (
                                run_id VARCHAR NOT NULL,
                                ts TIMESTAMP_NS NOT NULL,
                                equity DOUBLE NOT NULL,
                                drawdown DOUBLE NOT NULL
                            )""",
                            """
                            CREATE TABLE events (
                                run_id VARCHAR NOT NULL,
                                seq BIGINT NOT NULL,
                                ts TIMESTAMP_NS NOT NULL,
                                type VARCHAR NOT NULL,
                                symbol VARCHAR,
                                payload JSON
                            )""",
                            """
                            CREATE TABLE filters (
                                experiment_id VARCHAR NOT NULL,
                                param_set_id BIGINT NOT NULL,
                                symbol VARCHAR NOT NULL,
                                stage INTEGER NOT NULL,
                                filter VARCHAR NOT NULL,
                                passed BOOLEAN NOT NULL,
                                value DOUBLE,
                                threshold DOUBLE,
                                detail JSON
                            )""",
                            """
                            CREATE TABLE walk_forward (
                                experiment_id VARCHAR NOT NULL,
                                symbol VARCHAR NOT NULL,
                                scheme VARCHAR NOT NULL,
                                window_no INTEGER NOT NULL,
                                train_from TIMESTAMP_NS NOT NULL,
                                train_to TIMESTAMP_NS NOT NULL,
                                test_from TIMESTAMP_NS NOT NULL,
                                test_to TIMESTAMP_NS NOT NULL,
                                param_set_id BIGINT NOT NULL,
                                is_return DOUBLE,
                                oos_return DOUBLE,
                                oos_sharpe DOUBLE
                            )""",
                            // sweep rows with their overfitting-filter outcome (NULL filters_run = no filter ran)
                            """
                            CREATE VIEW sweep_ranked AS
                            SELECT s.*, f.filters_run, f.filters_failed,
                                   CASE WHEN f.filters_run IS NULL THEN NULL ELSE f.filters_failed = 0 END AS filters_passed,
                                   f.failed_filters
                            FROM sweep_results s LEFT JOIN (
                                SELECT experiment_id, param_set_id, symbol, count(*) AS filters_run,
                                       count(*) FILTER (WHERE NOT passed) AS filters_failed,
                                       list(filter ORDER BY stage) FILTER (WHERE NOT passed) AS failed_filters
                                FROM filters GROUP BY experiment_id, param_set_id, symbol
                            ) f USING (experiment_id, param_set_id, symbol)""",
                            // how many (param set, symbol) pairs survive each stage of the filter pipeline
                            """
                            CREATE VIEW filter_funnel AS
                            WITH stages AS (SELECT DISTINCT experiment_id, stage, filter FROM filters)
                            SELECT st.experiment_id, st.stage, st.filter,
                                   (SELECT count(*) FROM sweep_results s WHERE s.experiment_id = st.experiment_id) AS n_in,
                                   (SELECT count(*) FROM (
                                        SELECT param_set_id, symbol FROM filters f
                                        WHERE f.experiment_id = st.experiment_id AND f.stage <= st.stage
                                        GROUP BY param_set_id, symbol
                                        HAVING bool_and(passed) AND count(DISTINCT f.stage) = st.stage)) AS survivors
                            FROM stages st""",
                            screenVsValidateView(),
                            // cost breakdown per validation run, from its trades
                            """
                            CREATE VIEW run_costs AS
                            SELECT run_id, count(*) AS trades, sum(fees) AS fees, sum(funding) AS funding,
                                   sum(slippage) AS slippage, sum(gross_pnl) AS gross_pnl, sum(net_pnl) AS net_pnl
                            FROM trades GROUP BY run_id""",
                            // walk-forward out-of-sample equity stitched window after window (start = 1.0)
                            """
                            CREATE VIEW walk_forward_stitched AS
                            SELECT experiment_id, symbol, scheme, window_no, test_from, test_to, param_set_id, oos_return,
                                   exp(sum(ln(1 + oos_return)) OVER (PARTITION BY experiment_id, symbol, scheme
                                       ORDER BY window_no ROWS UNBOUNDED PRECEDING)) AS oos_equity
                            FROM walk_forward""",
                            """
                            CREATE VIEW experiment_summary AS
                            SELECT e.experiment_id, e.name, e.kind, e.strategy, e.symbols, e.status, e.started_at, e.finished_at,
                                   (SELECT count(*) FROM sweep_results s WHERE s.experiment_id = e.experiment_id) AS sweep_rows,
                                   (SELECT max(sharpe) FROM sweep_results s WHERE s.experiment_id = e.experiment_id) AS best_sharpe,
                                   (SELECT count(*) FROM runs r WHERE r.experiment_id = e.experiment_id) AS runs,
                                   (SELECT count(DISTINCT filter) FROM filters f WHERE f.experiment_id = e.experiment_id) AS filters
                            FROM experiments e""")),
            new Migration(2, "walk_forward_equity: the stitched OOS equity curve point by point (test ranges may overlap)",
                    List.of(
                            """
                            CREATE TABLE walk_forward_equity (
                                experiment_id VARCHAR NOT NULL,
                                symbol VARCHAR NOT NULL,
                                scheme VARCHAR NOT NULL,
                                ts TIMESTAMP_NS NOT NULL,
                                oos_equity DOUBLE NOT NULL
                            )""",
                            // v1 compounded every window's whole test return, which counts overlapping test days twice
                            "DROP VIEW walk_forward_stitched",
                            """
                            CREATE VIEW walk_forward_stitched AS
                            SELECT experiment_id, symbol, scheme, ts, oos_equity FROM walk_forward_equity""")));

    /** Version of the newest migration: the schema this code reads and writes. */
    public static int latestVersion() {
        return MIGRATIONS.getLast().version();
    }

    /** Long-form screen vs validate: one row per (run, metric) with both values and the relative change. */
    private static String screenVsValidateView() {
        StringBuilder sb = new StringBuilder("CREATE VIEW screen_vs_validate AS\n");
        for (int i = 0; i < COMPARED.size(); i++) {
            String c = COMPARED.get(i).column();
            if (i > 0) sb.append("UNION ALL\n");
            sb.append("SELECT r.run_id, r.experiment_id, r.param_set_id, r.symbol, r.fidelity, ").append(i)
                    .append(" AS metric_order, '").append(c).append("' AS metric, CAST(s.").append(c)
                    .append(" AS DOUBLE) AS screen, CAST(r.").append(c).append(" AS DOUBLE) AS validate, ")
                    .append("CASE WHEN s.").append(c).append(" = 0 THEN NULL ELSE (r.").append(c).append(" - s.")
                    .append(c).append(") / abs(s.").append(c).append(") END AS change\n")
                    .append("FROM runs r JOIN sweep_results s USING (experiment_id, param_set_id, symbol)\n");
        }
        return sb.toString();
    }
}
