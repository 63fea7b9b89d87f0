package vq.cli.strategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vq.cli.VqCommand;
import vq.cli.Workspace;
import vq.columnar.InputException;
import vq.kernels.strategy.JavaStrategies;
import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.Strategies;
import vq.kernels.strategy.StrategySpec;

/** {@code vq strategy ...}: validate and list strategies. */
@Command(name = "strategy", mixinStandardHelpOptions = true,
        description = "Validate and list strategies (YAML DSL files and Java strategies).",
        subcommands = {StrategyCommand.Check.class, StrategyCommand.ListCmd.class})
public final class StrategyCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    static Workspace workspace(CommandLine.Model.CommandSpec spec) {
        return ((VqCommand) spec.root().userObject()).workspace();
    }

    /** {@code vq strategy check FILE...}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Parse and validate DSL strategy files. Errors name file:line:column, what was expected and the nearest valid name. A name without a path is looked up in the workspace's strategies/ and configs/strategies/, then the shipped configs/strategies/. Exit code 2 when any file is invalid.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Strategy YAML file(s) or name(s).")
        List<String> files;

        @Override public Integer call() {
            List<Path> dirs = StrategyDirs.dsl(workspace(spec));
            java.io.PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            int bad = 0;
            for (String f : files) {
                try {
                    Path p = Strategies.resolve(f, dirs);
                    StrategySpec s = Strategies.load(p);
                    ParameterSpace ps = s.parameters();
                    out.printf("ok   %s: %s on %s bars, %d indicators, %d parameters (%d swept), grid %s%n", p, s.name(), s.timeframe(),
                            s.indicators().size(), ps.size(), ps.params().stream().filter(ParameterSpace.Param::swept).count(), gridText(ps));
                } catch (InputException e) {
                    bad++;
                    err.println("FAIL " + f + ": " + e.getMessage());
                }
            }
            return bad == 0 ? 0 : 2;
        }
    }

    /** Grid size as text: "6,695 sets", or "random only" when a parameter has a distribution. */
    static String gridText(ParameterSpace ps) {
        try {
            long product = ps.gridProduct();
            if (product > 5_000_000) return String.format(Locale.ROOT, "%,d sets before constraints", product);
            long n = 0;
            for (var it = ps.grid(); it.hasNext(); it.next()) n++;
            return String.format(Locale.ROOT, "%,d sets", n);
        } catch (InputException e) {
            return "random sampling only";
        }
    }

    /** {@code vq strategy list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List DSL strategies (workspace strategies/ and configs/strategies/, shipped configs/strategies/) and Java strategies (classpath and jars in the workspace's strategies/), with their parameters.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            Workspace ws = workspace(spec);
            java.io.PrintWriter out = spec.commandLine().getOut();
            List<Path> dirs = StrategyDirs.dsl(ws);
            List<String[]> rows = new ArrayList<>();
            for (Path f : Strategies.files(dirs)) {
                try {
                    StrategySpec s = Strategies.load(f);
                    rows.add(new String[] {s.name(), "dsl " + s.timeframe(), params(s.parameters()), f.toString()});
                } catch (InputException e) {
                    rows.add(new String[] {f.getFileName().toString(), "dsl (invalid)", e.getMessage(), f.toString()});
                }
            }
            for (JavaStrategies.Descriptor d : JavaStrategies.discover(StrategyDirs.jars(ws)))
                rows.add(new String[] {d.name(), "java " + String.join("+", d.data()), params(d.parameters()), d.origin() + " " + d.type().getName()});
            if (rows.isEmpty()) {
                out.println("no strategies found (looked in " + dirs + ")");
                return 0;
            }
            int w0 = 4, w1 = 4;
            for (String[] r : rows) { w0 = Math.max(w0, r[0].length()); w1 = Math.max(w1, r[1].length()); }
            String fmt = "%-" + w0 + "s  %-" + w1 + "s  %s%n";
            out.printf(fmt, "name", "kind", "parameters (default [sweep])  —  where");
            for (String[] r : rows) out.printf(fmt, r[0], r[1], r[2] + "  —  " + r[3]);
            return 0;
        }

        static String params(ParameterSpace ps) {
            if (ps.size() == 0) return "(none)";
            List<String> out = new ArrayList<>();
            for (ParameterSpace.Param p : ps.params()) {
                String d = vq.kernels.strategy.Conditions.num(p.defaultValue());
                out.add(p.name() + "=" + d + (p.domain() == null ? "" : " " + p.domain()));
            }
            return String.join(", ", out);
        }
    }
}
