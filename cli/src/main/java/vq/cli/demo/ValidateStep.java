package vq.cli.demo;

import vq.cli.validate.ValidateRun;
import vq.sim.Fidelity;
import vq.sim.Latency;
import vq.sim.SlippageModel;

/**
 * Demo step: validate the screen's top 5 candidates in the event simulator (realistic fidelity, retail
 * latency) and print the screen-vs-validation table.
 */
final class ValidateStep implements DemoStep {
    static final int TOP = 5;

    @Override public String name() { return "validate the top " + TOP + " candidates (realistic fidelity, retail latency 200 ms)"; }

    @Override public void run(DemoContext ctx) throws Exception {
        String id = ctx.get("screen_experiment");
        if (id == null) throw new IllegalStateException("no screen experiment to validate (the screen step did not run)");
        double[] d = ValidateRun.realisticDefaults();
        ValidateRun.Settings s = new ValidateRun.Settings(DataSteps.VENUE, Fidelity.REALISTIC, Latency.RETAIL, null, null, null,
                Double.NaN, Double.NaN, 10_000, null, DataSteps.SEED, new SlippageModel(d[0], d[1], (int) d[2]), d[3], true, 0.0001);
        var run = new ValidateRun(ctx.catalog().root(), ctx.workspace().database(), ctx.workspace().reports(), ctx.out());
        var out = run.experiment(id, TOP, null, s);
        long sensitive = out.stream().filter(o -> Boolean.TRUE.equals(o.executionSensitive())).count();
        ctx.summary("validate: " + out.size() + " runs of " + id + " (" + sensitive + " execution-sensitive) in " + ctx.workspace().database()
                + " (runs, trades, equity, events), artifacts in " + ctx.workspace().reports().resolve(id).resolve("validation"));
    }
}
