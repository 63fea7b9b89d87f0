package vq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.data.SourceKind;
import vq.kernels.margin.VenueSpec;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.Strategies;
import vq.sim.SimConfig;
import vq.sim.engine.Simulator;
import vq.sim.market.SymbolFeed;
import vq.sim.report.EventLog;
import vq.sim.strategy.DslStrategies;
import vq.sim.strategy.SimContext;
import vq.sim.strategy.SimStrategy;

/**
 * Simulator throughput, single thread (issue #5 bench): bar events per second for {@code sma_cross} (the
 * DSL strategy's own signal masks, computed once outside the timing; screening fidelity, event log off),
 * and quote+trade ticks per second replaying a real Binance USD-M websocket capture
 * ({@code ../shared/data/nkaz001_hftbacktest/usdm/btcusdt_20240808.gz}, imported into a temporary catalog)
 * with a small market-taking strategy, and the same capture with its L2 book (snapshot + depth diffs read
 * zero-copy from the catalog, maintained per update, the taker's orders walking it). One bar = one bar event (its open and close are processed as two
 * loop events). Plain timing, best of {@code reps} after warm-up runs; not JMH: numbers are indicative.
 */
public final class SimBench {
    private SimBench() {}

    /** Result of one measurement. */
    public record Result(String what, long events, double bestSeconds, double eventsPerSecond, double bestCpuSeconds, long trades) {
        /** Events per second of this thread's CPU time (less sensitive to other processes on a shared machine). */
        public double eventsPerCpuSecond() { return events / bestCpuSeconds; }

        @Override public String toString() {
            return String.format(java.util.Locale.ROOT, "%-34s %,12d events  wall %.3f s = %,14.0f events/s  cpu %.3f s = %,14.0f events/s  (%d trades)",
                    what, events, bestSeconds, eventsPerSecond, bestCpuSeconds, eventsPerCpuSecond(), trades);
        }
    }

    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    /** A seeded geometric random walk of {@code n} 1m bars (the bench's market when no real data is given). */
    public static SymbolFeed randomWalk(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ts = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 60_000;
        long t0 = 1_704_067_200_000_000_000L;
        for (int i = 0; i < n; i++) {
            ts[i] = t0 + i * 60_000_000_000L;
            o[i] = p;
            double x = p * Math.exp(0.0008 * r.nextGaussian()), y = p * Math.exp(0.0008 * r.nextGaussian());
            p *= Math.exp(0.0008 * r.nextGaussian());
            c[i] = p;
            h[i] = Math.max(Math.max(o[i], c[i]), Math.max(x, y));
            l[i] = Math.min(Math.min(o[i], c[i]), Math.min(x, y));
            v[i] = 50 + 10 * r.nextDouble();
        }
        return SymbolFeed.ofBars("BTCUSDT", 60_000_000_000L, ts, o, h, l, c, v);
    }

    /** Bars per second of the simulator on {@code feed} with sma_cross(fast, slow) from {@code strategyYaml}. */
    public static Result bars(Path strategyYaml, SymbolFeed feed, int fast, int slow, int warmup, int reps) {
        CompiledStrategy cs = Strategies.compile(strategyYaml);
        double[] p = DslStrategies.params(cs, java.util.Map.of("fast", (double) fast, "slow", (double) slow));
        DslStrategies.Bound b = DslStrategies.bind(cs, p, new SymbolFeed[] {feed});
        SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), b.leverage(), b.fraction(), 10_000);
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        long trades = 0;
        for (int k = 0; k < warmup + reps; k++) {
            DslStrategies.Bound fresh = DslStrategies.bind(cs, p, new SymbolFeed[] {feed});
            long c0 = MX.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Simulator sim = new Simulator(cfg, new SymbolFeed[] {feed}, fresh.strategy(), EventLog.NONE);
            sim.run();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (MX.getCurrentThreadCpuTime() - c0) / 1e9;
            trades = sim.trades().size;
            if (k >= warmup) { best = Math.min(best, s); bestCpu = Math.min(bestCpu, cpu); }
        }
        return new Result("bars sma_cross(" + fast + "," + slow + ")", feed.bars(), best, feed.bars() / best, bestCpu, trades);
    }

    /** Imports a hftbacktest capture into a temporary catalog and returns its quotes+trades as a tick feed. */
    public static SymbolFeed capture(Path gz, String symbol) {
        try {
            Path tmp = Files.createTempDirectory("vq-simbench-");
            Catalog c = Catalog.open(tmp.resolve("catalog"));
            Importer.importPaths(c, List.of(gz), ImportOptions.defaults().withKind(SourceKind.CAPTURE).withSymbol(symbol)
                    .withMarket("futures-um"));
            SymbolFeed f = SymbolFeed.ofTicks(symbol);
            DatasetKey qk = new DatasetKey("binance", "futures-um", symbol, Dataset.QUOTES, null);
            try (DatasetReader r = c.reader(qk)) {
                List<Chunk> ch = r.all();
                f = f.withQuotes(DatasetReader.copyI64(ch, "ts"), DatasetReader.copyF64(ch, "bid_px"), DatasetReader.copyF64(ch, "bid_sz"),
                        DatasetReader.copyF64(ch, "ask_px"), DatasetReader.copyF64(ch, "ask_sz"));
            }
            DatasetKey tk = new DatasetKey("binance", "futures-um", symbol, Dataset.TRADES, null);
            try (DatasetReader r = c.reader(tk)) {
                List<Chunk> ch = r.all();
                long n = 0;
                for (Chunk x : ch) n += x.rows();
                byte[] side = new byte[(int) n];
                int k = 0;
                for (Chunk x : ch) for (long i = 0; i < x.rows(); i++) side[k++] = x.i8(3, i);
                f = f.withTrades(DatasetReader.copyI64(ch, "ts"), DatasetReader.copyF64(ch, "price"), DatasetReader.copyF64(ch, "qty"), side);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture imported into a temporary catalog, loaded with quotes, trades and the L2 book (zero-copy). */
    public static vq.sim.market.CatalogFeeds.Loaded captureL2(Path gz, String symbol) {
        try {
            Path tmp = Files.createTempDirectory("vq-simbench-l2-");
            Catalog c = Catalog.open(tmp.resolve("catalog"));
            Importer.importPaths(c, List.of(gz), ImportOptions.defaults().withKind(SourceKind.CAPTURE).withSymbol(symbol)
                    .withMarket("futures-um"));
            return vq.sim.market.CatalogFeeds.loadTicks(c, "binance", symbol, Long.MIN_VALUE, Long.MAX_VALUE, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Book events per second: the capture's L2 rows (level changes; the snapshot's 2,000 levels included)
     * applied to the simulator's order book, interleaved with its quotes and trades, the {@link MidCross}
     * taker's market orders walking the book. {@code events} = book rows + quotes + trades; the result's
     * label gives the book rows and updates alone.
     */
    public static Result book(SymbolFeed feed, int warmup, int reps) {
        long rows = feed.book().rows();
        long events = rows + feed.quoteTs().length + (long) feed.tradeTs().length;
        Timed t = timeTaker(feed, warmup, reps);
        var st = t.sim.bookStats(0);
        if (st.rows() != rows) throw new IllegalStateException("applied " + st.rows() + " of " + rows + " book rows");
        return new Result("L2 " + feed.symbol() + " (" + rows + " book rows, " + st.updates() + " updates, " + st.bookFills() + " book walks)",
                events, t.best, events / t.best, t.bestCpu, t.sim.trades().size);
    }

    /** A market taker on ticks: flips long/short when the mid crosses its EMA (at most once per 100 quotes). */
    static final class MidCross implements SimStrategy {
        double ema = Double.NaN;
        int since;

        @Override public void onQuote(SimContext ctx, int s, int row) {
            SymbolFeed f = ctx.feed(s);
            double mid = (f.bidPx()[row] + f.askPx()[row]) * 0.5;
            ema = Double.isNaN(ema) ? mid : ema + 0.01 * (mid - ema);
            if (++since < 100) return;
            double q = ctx.position(s);
            if (mid > ema && q <= 0) {
                ctx.order().symbol(s).buy().market().qty(0.01 + Math.abs(q)).submit();
                since = 0;
            } else if (mid < ema && q >= 0) {
                ctx.order().symbol(s).sell().market().qty(0.01 + Math.abs(q)).submit();
                since = 0;
            }
        }
    }

    /** Quote+trade events per second on a tick feed. */
    public static Result ticks(SymbolFeed feed, int warmup, int reps) {
        long events = feed.quoteTs().length + (long) feed.tradeTs().length;
        Timed t = timeTaker(feed, warmup, reps);
        return new Result("ticks (quotes+trades) " + feed.symbol(), events, t.best, events / t.best, t.bestCpu, t.sim.trades().size);
    }

    private record Timed(double best, double bestCpu, Simulator sim) {}

    /** Best wall and thread-CPU seconds of {@code reps} runs of the {@link MidCross} taker after {@code warmup} runs. */
    private static Timed timeTaker(SymbolFeed feed, int warmup, int reps) {
        SimConfig cfg = SimConfig.screening(VenueSpec.binanceFuturesUm(), 5, 1.0, 10_000).withFidelity(vq.sim.Fidelity.REALISTIC)
                .withLatency(vq.sim.Latency.CO_LOCATED);
        double best = Double.MAX_VALUE, bestCpu = Double.MAX_VALUE;
        Simulator last = null;
        for (int k = 0; k < warmup + reps; k++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Simulator sim = new Simulator(cfg, new SymbolFeed[] {feed}, new MidCross(), EventLog.NONE);
            sim.run();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (MX.getCurrentThreadCpuTime() - c0) / 1e9;
            last = sim;
            if (k >= warmup) { best = Math.min(best, s); bestCpu = Math.min(bestCpu, cpu); }
        }
        return new Timed(best, bestCpu, last);
    }

    /** {@code SimBench [bars] [sharedDataDir] [strategyYaml]}: prints both measurements. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data");
        Path yaml = Path.of(args.length > 2 ? args[2] : "configs/strategies/sma_cross.yaml");
        System.out.println(bars(yaml, randomWalk(n, 7), 10, 50, 2, 3));
        Path gz = data.resolve("nkaz001_hftbacktest/usdm/btcusdt_20240808.gz");
        if (Files.exists(gz)) {
            System.out.println(ticks(capture(gz, "BTCUSDT"), 2, 3));
            try (var l = captureL2(gz, "BTCUSDT")) {
                System.out.println(book(l.feed(), 3, 5));
            }
        } else System.out.println("ticks: skipped, " + gz + " not found");
    }
}
