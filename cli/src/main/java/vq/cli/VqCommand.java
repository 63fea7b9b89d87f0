package vq.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code vq} command; subcommands are registered in {@link #commandLine()}. */
@Command(name = "vq", mixinStandardHelpOptions = true, versionProvider = VqCommand.Version.class,
        description = {"vq: fast screening, exact simulation and overfitting statistics for crypto perpetual futures.",
                "Workspace: --workspace DIR, else $VQ_HOME, else the current directory (holds catalog/, vq.duckdb, reports/)."},
        subcommands = {CommandLine.HelpCommand.class, vq.cli.data.DataCommand.class, vq.cli.bench.BenchCommand.class,
                vq.cli.sql.SqlCommand.class, vq.cli.report.ReportCommand.class,
                vq.cli.results.ExperimentsCommand.class, vq.cli.results.ExportCommand.class,
                vq.cli.strategy.StrategyCommand.class, vq.cli.check.CheckCommand.class, vq.cli.validate.ValidateCommand.class,
                vq.cli.demo.DemoCommand.class, vq.cli.screen.ScreenCommand.class,
                vq.cli.optimize.FilterCommand.class, vq.cli.optimize.WfaCommand.class, vq.cli.optimize.OptimizeCommand.class,
                vq.cli.discover.DiscoverCommand.class})
public final class VqCommand implements Runnable {
    @Option(names = "--workspace", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "Workspace directory (default: $VQ_HOME or the current directory).")
    Path workspace;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The resolved workspace directory (absolute, normalized). */
    public Workspace workspace() {
        return Workspace.resolve(workspace);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VqCommand());
        cl.setExecutionExceptionHandler(new Errors());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = VqCommand.class.getPackage().getImplementationVersion();
            return new String[] {"vq " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
        }
    }
}
