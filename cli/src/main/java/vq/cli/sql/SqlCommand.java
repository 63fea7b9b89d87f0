package vq.cli.sql;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.Catalog;
import vq.data.sql.CatalogSql;

/** {@code vq sql "…"}: DuckDB over the workspace database with views over the catalog. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run SQL in an embedded DuckDB on the workspace's vq.duckdb, with views over the catalog:",
                "bars, mark_bars, funding, trades, quotes, book (venue, market, symbol, interval, ts TIMESTAMP UTC,",
                "ts_ns BIGINT, then the dataset's columns). Example:",
                "  vq sql \"SELECT date_trunc('day', ts) d, count(*) FROM bars WHERE symbol='BTCUSDT' GROUP BY 1 ORDER BY 1\"",
                "Results tables (experiments, sweep_results, runs, trades, equity, events, filters, walk_forward) and views",
                "(sweep_ranked, filter_funnel, screen_vs_validate, run_costs, ...) are always there.",
                "Without SQL: an interactive prompt with history (~/.vq_sql_history); statements end with ';'."})
public final class SqlCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "One SQL statement (none: interactive prompt).")
    String sql;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, json or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE (atomically) instead of stdout.")
    Path out;

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        // create or upgrade the results schema first, so its tables and views exist for every query
        vq.optimizer.store.ResultsStore.open(ws.database()).close();
        if (sql == null && System.console() == null) {
            return SqlShell.runPiped(System.in, System.out, ws.database(), ws.catalog()) == 0 ? 0 : 1;
        }
        if (sql == null) {
            try (org.jline.terminal.Terminal t = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
                return new SqlShell(t, ws.database(), ws.catalog(), SqlShell.defaultHistory()).run() == 0 ? 0 : 1;
            }
        }
        CatalogSql.Format f = CatalogSql.format(format);
        try (CatalogSql s = CatalogSql.open(ws.database(), Catalog.open(ws.catalog()))) {
            long n = s.run(sql, f, out, System.out);
            if (out != null) System.err.println("wrote " + n + " rows to " + out.toAbsolutePath().normalize());
        }
        return 0;
    }
}
