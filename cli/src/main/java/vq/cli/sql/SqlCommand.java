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
                "  vq sql \"SELECT date_trunc('day', ts) d, count(*) FROM bars WHERE symbol='BTCUSDT' GROUP BY 1 ORDER BY 1\""})
public final class SqlCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "One SQL statement.")
    String sql;

    @Option(names = "--format", defaultValue = "table", description = "table, csv, json or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result to FILE (atomically) instead of stdout.")
    Path out;

    @Override public Integer call() throws Exception {
        Workspace ws = ((VqCommand) spec.root().userObject()).workspace();
        CatalogSql.Format f = CatalogSql.format(format);
        try (CatalogSql s = CatalogSql.open(ws.database(), Catalog.open(ws.catalog()))) {
            long n = s.run(sql, f, out, System.out);
            if (out != null) System.err.println("wrote " + n + " rows to " + out.toAbsolutePath().normalize());
        }
        return 0;
    }
}
