package vq.cli.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vq.cli.Workspace;

/**
 * {@code vq demo}: the main job end to end on a built-in synthetic market. The workspace is {@code ./demo} unless
 * {@code --workspace} or {@code VQ_HOME} says otherwise. Steps are listed in {@link #STEPS}; add new ones there.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run vq end to end on a built-in SYNTHETIC market (3 symbols, 2024-01..2024-03, 1m bars + funding):",
                "synthesize Binance Vision files, import them, resample, show the catalog and a SQL query, screen a strategy,",
                "validate the best candidates and write an HTML report; it prints what it did and where the results are.",
                "Workspace: ./demo unless --workspace DIR or VQ_HOME is given. Re-running reuses what is there."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo, in order. Later issues append their steps (screen, validate, report). */
    public static final List<DemoStep> STEPS = List.of(new DataSteps.Synthesize(), new DataSteps.Import(), new DataSteps.Resample(),
            new DataSteps.Status(), new DataSteps.Sql(), new ScreenStep(), new ValidateStep(),
            new vq.cli.report.ReportStep()); // keep the report last

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--to", paramLabel = "YYYY-MM-DD",
            description = "Last day of the synthetic market (default: 2024-03-31; the first is 2024-01-01).")
    java.time.LocalDate to = DataSteps.TO;

    @Override public Integer call() throws Exception {
        if (to.isBefore(DataSteps.FROM)) throw new vq.columnar.InputException("--to must be on or after " + DataSteps.FROM);
        Path option = spec.root().findOption("--workspace").getValue();
        String home = System.getenv("VQ_HOME");
        Workspace ws = Workspace.resolve(option != null ? option : home != null && !home.isBlank() ? Path.of(home) : Path.of("demo"));
        DemoContext ctx = new DemoContext(ws, System.out);
        ctx.put("to", to);
        System.out.println("vq demo: workspace " + ws.root() + " (SYNTHETIC data: symbols SYN*, venue 'synthetic')");
        long t0 = System.nanoTime();
        for (int i = 0; i < STEPS.size(); i++) {
            DemoStep s = STEPS.get(i);
            System.out.printf("%n[%d/%d] %s%n", i + 1, STEPS.size(), s.name());
            long t = System.nanoTime();
            try {
                s.run(ctx);
            } catch (Exception e) {
                throw new IllegalStateException("demo step '" + s.name() + "' failed: " + e.getMessage(), e);
            }
            System.out.printf("  (%.1f s)%n", (System.nanoTime() - t) / 1e9);
        }
        System.out.printf("%ndone in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        for (String l : ctx.summaryLines()) System.out.println("  " + l);
        return 0;
    }
}
