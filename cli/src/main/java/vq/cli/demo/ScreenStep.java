package vq.cli.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import vq.cli.screen.ScreenCommand;
import vq.cli.screen.ScreenPlan;
import vq.cli.screen.ScreenRun;
import vq.kernels.strategy.Strategies;

/** Demo step: screen {@code sma_cross} (a seeded random sample of its sweep) on the synthetic perps. */
final class ScreenStep implements DemoStep {
    static final int SAMPLES = 256;

    @Override public String name() { return "screen sma_cross (" + SAMPLES + " random parameter sets, seed " + DataSteps.SEED + ")"; }

    @Override public void run(DemoContext ctx) throws Exception {
        Path strategy = Strategies.resolve("sma_cross", java.util.List.of(ScreenRun.strategiesDir()));
        LocalDate to = ctx.get("to");
        ScreenPlan plan = ScreenPlan.of(strategy, DataSteps.SYMBOLS, DataSteps.FROM.toString(), to.toString(), "random", SAMPLES, DataSteps.SEED);
        ScreenRun.Settings s = new ScreenRun.Settings(Runtime.getRuntime().availableProcessors(), vq.kernels.screen.Screener.Options.DEFAULT_BLOCK_BARS, DataSteps.VENUE, "futures-um",
                null, 10_000, 0.0001, 5_000_000, true);
        ScreenRun.Outcome o = ScreenRun.run(ctx.catalog().root(), ctx.workspace().database(), ctx.workspace().reports(), plan, s,
                System.err, total -> { }, done -> { });
        ScreenCommand.print(ctx.out(), o, 3);
        ctx.put("screen_experiment", o.experimentId());
        ctx.summary("screen: experiment " + o.experimentId() + " in " + o.database() + " (sweep_results), report files in " + o.reportDir());
    }
}
