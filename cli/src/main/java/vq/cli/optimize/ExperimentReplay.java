package vq.cli.optimize;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import vq.cli.Workspace;
import vq.cli.screen.ScreenPlan;
import vq.cli.screen.ScreenRun;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.StrategySpec;
import vq.kernels.strategy.Strategies;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.validation.AnalysisPlan;
import vq.optimizer.validation.ScreenSegments;

/**
 * Replays a stored screen experiment in one SIMD pass per symbol, this time accumulating the segments of an
 * {@link AnalysisPlan} (walk-forward windows, purged folds, CSCV groups): the same strategy configuration,
 * symbols, days, method, samples and seed, hence the same parameter sets (checked against the stored count).
 */
final class ExperimentReplay {

    /** Analysis settings from the command line. */
    record Settings(int trainDays, int testDays, int stepDays, boolean anchored, int folds, Integer purgeDays, int embargoDays, int cscvGroups, int threads) {}

    record Replay(Experiment experiment, ScreenRun.Outcome outcome, AnalysisPlan plan, long[] edges) {}

    private ExperimentReplay() {}

    static Replay run(Workspace ws, String experimentId, Settings a, PrintStream err) throws IOException, SQLException {
        Experiment e;
        try (ResultsStore store = ResultsStore.openReadOnly(ws.database())) {
            e = store.experiment(experimentId).orElseThrow(() -> new InputException("no experiment '" + experimentId + "' in " + ws.database() + " (see `vq experiments list`)"));
        } catch (SQLException ex) {
            throw new InputException("cannot open the results database " + ws.database() + ": " + ex.getMessage(), ex);
        }
        if (!"screen".equals(e.kind())) throw new InputException("experiment " + experimentId + " is a '" + e.kind() + "' experiment; vq filter and vq wfa need a screen");
        if (e.configYaml() == null || e.dataFromNanos() == null || e.dataToNanos() == null || e.symbols() == null || e.barInterval() == null) {
            throw new InputException("experiment " + experimentId + " lacks its configuration, symbols or data range; re-run `vq screen`");
        }
        Path dir = Files.createTempDirectory("vq-replay-");
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, e.configYaml(), StandardCharsets.UTF_8);
        try {
            String method = e.method() == null ? "grid" : e.method().toLowerCase(Locale.ROOT);
            if (!method.equals("grid") && !method.equals("random") && !method.equals("monte_carlo")) {
                throw new InputException("experiment " + experimentId + " was searched with '" + method + "'; only grid and random screens can be replayed "
                        + "(screen the sets of interest with `vq screen` first)");
            }
            Integer samples = method.equals("grid") ? null : Math.toIntExact(e.paramSets());
            long seed = e.seed() == null ? 42 : e.seed();
            String from = day(e.dataFromNanos()), to = day(e.dataToNanos());
            ScreenPlan plan = ScreenPlan.read(cfg).pin(e.symbols(), from, to, method, samples, seed);

            long interval = Intervals.nanos(e.barInterval());
            long day = Intervals.NANOS_PER_DAY;
            long spanFrom = Math.ceilDiv(e.dataFromNanos(), day) * day;
            long spanTo = Math.floorDiv(e.dataToNanos() + interval, day) * day;
            int purge = a.purgeDays() != null ? a.purgeDays() : lookbackDays(cfg, method, samples, seed, err);
            AnalysisPlan ap = new AnalysisPlan(spanFrom, spanTo, a.trainDays(), a.testDays(), a.stepDays(), a.anchored(), a.folds(), purge, a.embargoDays(), a.cscvGroups());
            long[] edges = ap.edges();
            err.printf("vq: replaying %s over %s .. %s with %d analysis segments (purge %d days, embargo %d)%n", experimentId,
                    Intervals.iso(spanFrom), Intervals.iso(spanTo), edges.length - 1, purge, a.embargoDays());
            ScreenRun.Settings s = new ScreenRun.Settings(a.threads(), vq.kernels.screen.Screener.Options.DEFAULT_BLOCK_BARS, "binance", null, null, 10_000, 0.0001, 5_000_000L, false);
            ProgressBar[] bar = new ProgressBar[1];
            ScreenRun.Outcome o;
            try {
                o = ScreenRun.run(ws.catalog(), ws.database(), ws.reports(), plan, s, ScreenSegments.tiling(edges), err,
                        total -> bar[0] = new ProgressBarBuilder().setTaskName("replay").setInitialMax(total).setUnit("M bar·sets", 1_000_000L)
                                .setConsumer(new ConsoleProgressBarConsumer(err)).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build(),
                        d -> { if (bar[0] != null) bar[0].stepTo(d); });
            } finally {
                if (bar[0] != null) bar[0].close();
            }
            if (e.paramSets() != null && o.sets().length != e.paramSets()) {
                throw new InputException("replay of " + experimentId + " produced " + o.sets().length + " parameter sets, the experiment stored " + e.paramSets()
                        + " (the strategy file or its defaults changed since)");
            }
            return new Replay(e, o, ap, edges);
        } finally {
            Files.deleteIfExists(cfg);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Purge length: the longest indicator lookback over all parameter sets — the indicator's warm-up from the
     * registry (e.g. 33 bars for MACD(12,26,9), 27 for ADX(14)) or its longest period parameter, whichever is
     * larger — times the indicator's timeframe, in whole days, at least 1.
     */
    static int lookbackDays(Path cfg, String method, Integer samples, long seed, PrintStream err) {
        StrategySpec spec;
        try {
            spec = Strategies.load(cfg);
        } catch (RuntimeException notAStrategy) {
            err.println("vq: the stored configuration is an experiment file; purge defaults to 1 day (set --purge-days)");
            return 1;
        }
        CompiledStrategy cs = CompiledStrategy.of(spec);
        double[][] sets = method.equals("grid") ? spec.parameters().gridSets(5_000_000L) : spec.parameters().sample(samples, seed);
        long longest = 0;
        for (double[] set : sets) {
            for (var entry : cs.indicatorParams(set).entrySet()) {
                var is = spec.indicators().get(entry.getKey());
                long tf = Intervals.nanos(is.timeframe() != null ? is.timeframe() : spec.timeframe());
                long bars = 0;
                for (double v : entry.getValue()) if (v > 0 && v < 1e7) bars = Math.max(bars, (long) Math.ceil(v));
                bars = Math.max(bars, warmupBars(is, entry.getValue()));
                longest = Math.max(longest, bars * tf);
            }
        }
        return (int) Math.max(1, Math.ceilDiv(longest, Intervals.NANOS_PER_DAY));
    }

    /** Warm-up (first valid bar) of one indicator with resolved parameter values, from the indicator registry. */
    static long warmupBars(vq.kernels.strategy.StrategySpec.IndicatorSpec is, double[] values) {
        var type = vq.kernels.indicators.Indicators.get(is.type());
        java.util.Map<String, Double> given = new java.util.LinkedHashMap<>();
        int k = 0;
        for (String name : is.params().keySet()) given.put(name, values[k++]);
        return type.warmup(type.params(given));
    }

    static String day(long tsNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(tsNanos, 1_000_000_000L)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
