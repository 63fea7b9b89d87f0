package vq.cli.results;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.InputException;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;

/** {@code vq experiments list|show|rm}: what the results database holds. */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = "List, show and remove experiments in the workspace results database (vq.duckdb).",
        subcommands = {ExperimentsCommand.ListCmd.class, ExperimentsCommand.ShowCmd.class, ExperimentsCommand.RmCmd.class})
public final class ExperimentsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Workspace workspace(CommandLine.Model.CommandSpec spec) {
        return ((VqCommand) spec.root().userObject()).workspace();
    }

    static void query(ResultsStore s, PrintWriter out, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                TextTable.print(rs, out);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per experiment, newest first.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            Workspace ws = workspace(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(ws.database())) {
                out.println("no experiments yet (" + ws.database() + " does not exist)");
                out.flush();
                return 0;
            }
            try (ResultsStore s = ResultsStore.openReadOnly(ws.database())) {
                if (s.experiments().isEmpty()) {
                    out.println("no experiments yet in " + ws.database());
                } else {
                    query(s, out, "SELECT experiment_id, kind, strategy, array_to_string(symbols, ',') AS symbols, status, "
                            + "strftime(started_at, '%Y-%m-%d %H:%M') AS started_utc, sweep_rows, round(best_sharpe, 3) AS best_sharpe, "
                            + "runs, filters FROM experiment_summary ORDER BY started_at DESC, experiment_id");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "An experiment's settings, its top parameter sets, filter funnel and validation runs.")
    static final class ShowCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID") String id;

        @Option(names = "--top", defaultValue = "10", description = "Parameter sets to list (default: ${DEFAULT-VALUE}).")
        int top;

        @Override public Integer call() throws Exception {
            Workspace ws = workspace(spec);
            PrintWriter out = spec.commandLine().getOut();
            try (ResultsStore s = ResultsStore.openReadOnly(ws.database())) {
                Experiment e = s.experiment(id).orElseThrow(() -> new InputException("no experiment '" + id + "' in "
                        + ws.database() + " (vq experiments list shows what there is)"));
                out.printf("experiment  %s%n", e.experimentId());
                out.printf("name        %s%n", e.name());
                out.printf("kind        %s%n", e.kind());
                if (e.strategy() != null) out.printf("strategy    %s%n", e.strategy());
                if (e.symbols() != null) out.printf("symbols     %s%n", String.join(", ", e.symbols()));
                if (e.barInterval() != null) out.printf("bars        %s%n", e.barInterval());
                if (e.dataFromNanos() != null) {
                    out.printf("data        %s .. %s%n", java.time.Instant.ofEpochSecond(0, e.dataFromNanos()),
                            java.time.Instant.ofEpochSecond(0, e.dataToNanos()));
                }
                if (e.method() != null) out.printf("method      %s%s%n", e.method(), e.seed() == null ? "" : " (seed " + e.seed() + ")");
                if (e.paramSets() != null) out.printf("param sets  %d%n", e.paramSets());
                if (e.codeVersion() != null) out.printf("code        %s%n", e.codeVersion());
                out.printf("status      %s (started %s%s)%n", e.status(), e.startedAt(),
                        e.finishedAt() == null ? "" : ", finished " + e.finishedAt());
                out.println();
                out.println("top parameter sets (Pareto rank, then Sharpe):");
                query(s, out, "SELECT param_set_id, symbol, CAST(params AS VARCHAR) AS params, round(sharpe, 3) AS sharpe, "
                        + "round(total_return, 4) AS total_return, round(max_drawdown, 4) AS max_drawdown, round(profit_factor, 3) AS pf, "
                        + "trades, pareto_rank, filters_passed FROM sweep_ranked WHERE experiment_id = ? "
                        + "ORDER BY pareto_rank NULLS LAST, sharpe DESC NULLS LAST, param_set_id, symbol LIMIT ?", id, top);
                out.println();
                out.println("filter funnel:");
                query(s, out, "SELECT stage, filter, n_in, survivors FROM filter_funnel WHERE experiment_id = ? ORDER BY stage", id);
                out.println();
                out.println("validation runs:");
                query(s, out, "SELECT run_id, param_set_id, symbol, fidelity, round(sharpe, 3) AS sharpe, round(total_return, 4) AS total_return, "
                        + "round(max_drawdown, 4) AS max_drawdown, trades, execution_sensitive FROM runs WHERE experiment_id = ? "
                        + "ORDER BY sharpe DESC NULLS LAST", id);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Delete experiments and everything recorded for them (sweep rows, filters, walk-forward,",
                    "validation runs with their trades, equity and events) in one transaction. reports/ID/ is left alone."})
    static final class RmCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "ID") java.util.List<String> ids;

        @Override public Integer call() throws Exception {
            Workspace ws = workspace(spec);
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(ws.database())) throw new InputException(ws.database() + ": no results database");
            try (ResultsStore s = ResultsStore.open(ws.database())) {
                for (String id : ids) {
                    if (s.experiment(id).isEmpty()) throw new InputException("no experiment '" + id + "' (nothing was deleted)");
                }
                s.inTransaction(tx -> {
                    for (String id : ids) tx.deleteExperiment(id);
                    return null;
                });
            }
            for (String id : ids) {
                Path rep = ws.reports().resolve(id);
                out.println("deleted " + id + (Files.isDirectory(rep) ? " (its files in " + rep + " remain)" : ""));
            }
            out.flush();
            return 0;
        }
    }
}
