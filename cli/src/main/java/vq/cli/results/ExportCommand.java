package vq.cli.results;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.Workspace;
import vq.columnar.InputException;
import vq.optimizer.store.ResultsStore;

/**
 * {@code vq export ID --parquet DIR}: one Parquet file per results table, holding that experiment's
 * rows, for pandas/polars/DuckDB users ({@code pd.read_parquet("DIR/sweep_results.parquet")}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export an experiment's results as Parquet: DIR/experiments.parquet, sweep_results.parquet, filters.parquet,",
                "walk_forward.parquet, walk_forward_equity.parquet, runs.parquet, trades.parquet, equity.parquet, events.parquet (one file per table, with",
                "the experiment's rows; a table with no rows still gets a file with its columns). zstd-compressed; each file is",
                "written to a temporary name and renamed, so readers never see half a file."})
public final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "Experiment id.") String id;

    @Option(names = "--parquet", required = true, paramLabel = "DIR", description = "Directory to write the Parquet files into.")
    Path dir;

    /** Table → rows of one experiment. */
    public static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        String runs = "(SELECT run_id FROM runs WHERE experiment_id = $id)";
        q.put("experiments", "SELECT * FROM experiments WHERE experiment_id = $id");
        q.put("sweep_results", "SELECT * FROM sweep_results WHERE experiment_id = $id ORDER BY param_set_id, symbol");
        q.put("filters", "SELECT * FROM filters WHERE experiment_id = $id ORDER BY stage, param_set_id, symbol");
        q.put("walk_forward", "SELECT * FROM walk_forward WHERE experiment_id = $id ORDER BY symbol, scheme, window_no");
        q.put("walk_forward_equity", "SELECT * FROM walk_forward_equity WHERE experiment_id = $id ORDER BY symbol, scheme, ts");
        q.put("runs", "SELECT * FROM runs WHERE experiment_id = $id ORDER BY run_id");
        q.put("trades", "SELECT * FROM trades WHERE run_id IN " + runs + " ORDER BY run_id, trade_no");
        q.put("equity", "SELECT * FROM equity WHERE run_id IN " + runs + " ORDER BY run_id, ts");
        q.put("events", "SELECT * FROM events WHERE run_id IN " + runs + " ORDER BY run_id, seq");
        return q;
    }

    @Override public Integer call() throws Exception {
        Workspace ws = ExperimentsCommand.workspace(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path target = dir.toAbsolutePath().normalize();
        Files.createDirectories(target);
        try (ResultsStore s = ResultsStore.openReadOnly(ws.database())) {
            if (s.experiment(id).isEmpty()) {
                throw new InputException("no experiment '" + id + "' in " + ws.database() + " (vq experiments list shows what there is)");
            }
            String lit = "'" + id.replace("'", "''") + "'";
            for (Map.Entry<String, String> e : queries().entrySet()) {
                Path file = target.resolve(e.getKey() + ".parquet");
                Path tmp = target.resolve("." + e.getKey() + ".parquet.tmp");
                String sql = e.getValue().replace("$id", lit);
                long rows;
                try (PreparedStatement ps = s.connection().prepareStatement("SELECT count(*) FROM (" + sql + ")");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                try (Statement st = s.connection().createStatement()) {
                    st.execute("COPY (" + sql + ") TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException ex) {
                    Files.deleteIfExists(tmp);
                    throw ex;
                }
                out.printf("%-20s %10d rows  %s%n", e.getKey(), rows, file);
            }
        }
        out.flush();
        return 0;
    }
}
