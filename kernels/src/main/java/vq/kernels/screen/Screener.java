package vq.kernels.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import vq.columnar.Intervals;

/**
 * Runs the screening kernel for one symbol: parameter sets are split into contiguous ranges of whole
 * vectors, one per thread; each thread walks all bars in blocks of {@code blockBars}, asking the
 * {@link SignalSource} for that block's masks. Threads share nothing mutable but disjoint state ranges,
 * so the result does not depend on the thread count or block size (bit for bit).
 *
 * <p>Memory: O(sets × (metrics + CVaR buffer + 16 × window segments)) doubles plus per thread one signal
 * block of {@code 4 × blockBars/64 × sets/threads} longs; never O(bars × sets).
 */
public final class Screener {
    /**
     * The two implementations of the execution rules ({@link ScreenKernel}); both give bit-identical results (tested),
     * they differ in speed only.
     */
    public enum Kernel {
        /**
         * One parameter set at a time, event to event, its state in scalar fields; quiet stretches are skipped with SIMD
         * across bars (per-chunk price extremes). The default: fills and exits are plain scalar code.
         */
        WALK,
        /**
         * SIMD across parameter sets: 8 sets per vector step bar by bar, events run lane by lane. Kept for comparison
         * ({@code --kernel lanes}).
         */
        LANES;

        /** Parses {@code walk} or {@code lanes} (any case). @throws IllegalArgumentException otherwise */
        public static Kernel parse(String s) {
            for (Kernel k : values()) if (k.name().equalsIgnoreCase(s)) return k;
            throw new IllegalArgumentException("unknown screen kernel '" + s + "' (walk or lanes)");
        }
    }

    /** Execution options. {@code threads ≥ 1}; {@code blockBars} a positive multiple of 64. */
    public record Options(int threads, int blockBars, Kernel kernel) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            if (blockBars < 64 || blockBars % 64 != 0) throw new IllegalArgumentException("block size must be a positive multiple of 64, got " + blockBars);
            java.util.Objects.requireNonNull(kernel, "kernel");
        }

        /** The default kernel ({@link Kernel#WALK}). */
        public Options(int threads, int blockBars) { this(threads, blockBars, Kernel.WALK); }

        /** Bars per block when a caller does not choose (4,096: 10–20 % more bar·sets per CPU-second than 2,048 here). */
        public static final int DEFAULT_BLOCK_BARS = 4096;

        public static Options defaults() { return new Options(Runtime.getRuntime().availableProcessors(), DEFAULT_BLOCK_BARS); }
    }

    /** Progress callback: bar·sets completed so far (monotone, called from worker threads). */
    public interface Progress { void done(long barSets); }

    private Screener() {}

    /** Vector length in doubles (parameter sets per SIMD vector). */
    public static int lanes() { return ScreenKernel.L; }

    /**
     * Screens all parameter sets of {@code signals} over {@code bars}.
     *
     * @throws IllegalArgumentException when shapes disagree
     */
    public static ScreenResult run(BarSeries bars, FundingSchedule funding, ExecutionSpec spec,
                                   LaneParams params, SignalSource signals, Windows windows, Options options,
                                   Progress progress) {
        int sets = signals.parameterSets();
        if (params.size() != sets) throw new IllegalArgumentException("lane parameters for " + params.size() + " sets, signals for " + sets);
        int L = ScreenKernel.L;
        Timeline tl = new Timeline(bars, funding, windows);
        int cvarK = Math.max(1, (int) Math.ceil(0.05 * tl.dailyReturns));
        LaneState st = new LaneState(sets, L, spec.initialEquity(), cvarK, windows.segments());
        LaneParams padded = pad(params, st.padded);
        int n = bars.size();
        int[] edgeFirst = null;
        int[] segFirstBar = new int[windows.segments() + 1];
        if (windows.segments() > 0) {
            edgeFirst = new int[n];
            int e = tl.edgesBeforeStart;
            for (int i = 0; i < n; i++) { edgeFirst[i] = e; if (i > 0) e += tl.edgeCount[i]; }
            long[] edges = windows.edges();
            for (int k = 0; k <= windows.segments(); k++) {
                int pos = Arrays.binarySearch(bars.tsNanos(), edges[k]);
                segFirstBar[k] = pos >= 0 ? pos : -pos - 1;
            }
            for (int s = 0; s < sets; s++) for (int k = 0; k < tl.edgesBeforeStart; k++) {
                if (k - 1 >= 0 && k - 1 < st.segs) st.seg[st.segIndex(s, k - 1, LaneState.SEG_END_EQ)] = spec.initialEquity();
                if (k < st.segs) st.seg[st.segIndex(s, k, LaneState.SEG_START_EQ)] = spec.initialEquity();
            }
        }
        int groups = st.padded / L;
        int threads = Math.min(options.threads(), groups);
        List<ScreenKernel> kernels = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int g0 = (int) ((long) groups * t / threads), g1 = (int) ((long) groups * (t + 1) / threads);
            kernels.add(new ScreenKernel(bars, funding, tl, spec, padded, st, windows, edgeFirst, segFirstBar,
                    signals, g0, g1, options.blockBars(), options.kernel() == Kernel.WALK));
        }
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ScreenKernel k = kernels.get(t);
            int g0 = (int) ((long) groups * t / threads), g1 = (int) ((long) groups * (t + 1) / threads);
            long setsHere = Math.max(0, Math.min(sets, g1 * L) - g0 * L);
            Runnable work = () -> {
                try {
                    for (int b = 0; b < n; b += options.blockBars()) {
                        int e = Math.min(n, b + options.blockBars());
                        k.runBlock(b, e);
                        long d = done.addAndGet((e - b) * setsHere);
                        if (progress != null) progress.done(d);
                    }
                    k.finish();
                } catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            };
            if (threads == 1) work.run();
            else workers.add(Thread.ofPlatform().name("vq-screen-" + t).start(work));
        }
        for (Thread w : workers) {
            try { w.join(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new IllegalStateException("interrupted", e); }
        }
        long elapsed = System.nanoTime() - t0;
        if (failure.get() != null) {
            Throwable f = failure.get();
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error er) throw er;
            throw new IllegalStateException(f);
        }
        double spanDays = (bars.tsNanos()[n - 1] + bars.intervalNanos() - bars.tsNanos()[0]) / (double) Intervals.NANOS_PER_DAY;
        double[] metrics = new double[sets * Metric.COUNT];
        for (int s = 0; s < sets; s++) metrics(st, s, spec.initialEquity(), spanDays, n, metrics, s * Metric.COUNT);
        double[] wm = new double[sets * windows.count() * WindowMetric.COUNT];
        for (int s = 0; s < sets; s++) for (int w = 0; w < windows.count(); w++)
            windowMetrics(st, s, windows, w, segFirstBar, wm, (s * windows.count() + w) * WindowMetric.COUNT);
        double[] segSums = Arrays.copyOf(st.seg, sets * st.segs * LaneState.SEG_FIELDS);
        return new ScreenResult(bars.symbol(), sets, n, windows.count(), metrics, wm, funding.description(), elapsed,
                windows.segments() > 0 ? windows.edges().clone() : new long[0], segSums);
    }

    private static LaneParams pad(LaneParams p, int padded) {
        if (p.size() == padded) return p;
        return new LaneParams(padTo(p.leverage(), padded, 1), padTo(p.fraction(), padded, 1), padTo(p.stopPct(), padded, Double.NaN),
                padTo(p.takePct(), padded, Double.NaN), padTo(p.stopAtr(), padded, Double.NaN), padTo(p.takeAtr(), padded, Double.NaN),
                padTo(p.riskReward(), padded, Double.NaN), Arrays.copyOf(p.stopSeries(), padded), Arrays.copyOf(p.takeSeries(), padded));
    }

    private static double[] padTo(double[] a, int n, double v) {
        double[] b = Arrays.copyOf(a, n);
        Arrays.fill(b, a.length, n, v);
        return b;
    }

    static void metrics(LaneState st, int s, double e0, double spanDays, int bars, double[] out, int o) {
        double eEnd = st.cash[s];
        double n = st.days[s];
        double mean = n > 0 ? st.mean[s] : Double.NaN;
        double var = n > 1 ? st.m2[s] / (n - 1) : Double.NaN;
        double sd = var > 0 ? Math.sqrt(var) : (var == 0 ? 0 : Double.NaN);
        double down = n > 0 ? Math.sqrt(st.sumDown2[s] / n) : Double.NaN;
        double sqrt365 = Math.sqrt(365.0);
        double growth = eEnd / e0;
        double cagr = eEnd <= 0 ? -1.0 : Math.pow(growth, 365.0 / spanDays) - 1.0;
        double trades = st.trades[s], wins = st.wins[s];
        double maxDD = st.maxDD[s];
        set(out, o, Metric.TOTAL_RETURN, growth - 1.0);
        set(out, o, Metric.CAGR, cagr);
        set(out, o, Metric.ANNUAL_VOLATILITY, sd * sqrt365);
        set(out, o, Metric.SHARPE, sd > 0 ? mean / sd * sqrt365 : Double.NaN);
        set(out, o, Metric.SORTINO, down > 0 ? mean / down * sqrt365 : Double.NaN);
        set(out, o, Metric.MAX_DRAWDOWN, maxDD);
        set(out, o, Metric.MAX_DRAWDOWN_DAYS, st.maxDur[s] / 86_400_000.0);
        set(out, o, Metric.CALMAR, maxDD > 0 ? cagr / maxDD : Double.NaN);
        set(out, o, Metric.TRADES, trades);
        set(out, o, Metric.WIN_RATE, trades > 0 ? wins / trades : Double.NaN);
        set(out, o, Metric.PROFIT_FACTOR, profitFactor(trades, st.grossProfit[s], st.grossLoss[s]));
        set(out, o, Metric.AVG_WIN, wins > 0 ? st.grossProfit[s] / wins : Double.NaN);
        set(out, o, Metric.AVG_LOSS, trades - wins > 0 ? -st.grossLoss[s] / (trades - wins) : Double.NaN);
        set(out, o, Metric.EXPECTANCY, trades > 0 ? (st.grossProfit[s] - st.grossLoss[s]) / trades : Double.NaN);
        set(out, o, Metric.AVG_R_MULTIPLE, st.countR[s] > 0 ? st.sumR[s] / st.countR[s] : Double.NaN);
        set(out, o, Metric.EXPOSURE, st.barsInPos[s] / bars);
        set(out, o, Metric.FEES, st.fees[s]);
        set(out, o, Metric.FUNDING, st.funding[s]);
        set(out, o, Metric.SLIPPAGE, 0.0);
        set(out, o, Metric.LIQUIDATIONS, st.liquidations[s]);
        set(out, o, Metric.STOP_LOSSES, st.stopExits[s]);
        set(out, o, Metric.TAKE_PROFITS, st.takeExits[s]);
        int c = st.worstCount[s];
        double[] w = Arrays.copyOfRange(st.worst, s * st.cvarK, s * st.cvarK + c);
        Arrays.sort(w);
        int k = Math.min(c, Math.max(1, (int) Math.ceil(0.05 * n)));
        double cv = 0;
        for (int i = 0; i < k; i++) cv += w[i];
        set(out, o, Metric.CVAR95, k > 0 ? cv / k : Double.NaN);
        double m2 = st.m2[s];
        double skew = m2 > 0 ? Math.sqrt(n) * st.m3[s] / Math.pow(m2, 1.5) : Double.NaN;
        double kurt = m2 > 0 ? n * st.m4[s] / (m2 * m2) : Double.NaN;
        set(out, o, Metric.SKEWNESS, skew);
        set(out, o, Metric.KURTOSIS, kurt);
        set(out, o, Metric.DAILY_RETURNS, n);
        set(out, o, Metric.FINAL_EQUITY, eEnd);
    }

    static double profitFactor(double trades, double gp, double gl) {
        if (trades == 0) return Double.NaN;
        if (gl == 0) return gp > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return gp / gl;
    }

    private static void set(double[] out, int o, Metric m, double v) { out[o + m.ordinal()] = v; }

    private static void windowMetrics(LaneState st, int s, Windows windows, int w, int[] segFirstBar, double[] out, int o) {
        int a = windows.firstSegment(w), b = windows.endSegment(w);
        double e0 = st.seg[st.segIndex(s, a, LaneState.SEG_START_EQ)];
        double e1 = st.seg[st.segIndex(s, b - 1, LaneState.SEG_END_EQ)];
        double days = 0, r1 = 0, r2 = 0, d2 = 0, trades = 0, wins = 0, gp = 0, gl = 0, bip = 0, fees = 0, fund = 0;
        for (int k = a; k < b; k++) {
            days += st.seg[st.segIndex(s, k, LaneState.SEG_DAYS)];
            r1 += st.seg[st.segIndex(s, k, LaneState.SEG_SUM_R)];
            r2 += st.seg[st.segIndex(s, k, LaneState.SEG_SUM_R2)];
            d2 += st.seg[st.segIndex(s, k, LaneState.SEG_SUM_DOWN2)];
            trades += st.seg[st.segIndex(s, k, LaneState.SEG_TRADES)];
            wins += st.seg[st.segIndex(s, k, LaneState.SEG_WINS)];
            gp += st.seg[st.segIndex(s, k, LaneState.SEG_GROSS_PROFIT)];
            gl += st.seg[st.segIndex(s, k, LaneState.SEG_GROSS_LOSS)];
            bip += st.seg[st.segIndex(s, k, LaneState.SEG_BARS_IN_POS)];
            fees += st.seg[st.segIndex(s, k, LaneState.SEG_FEES)];
            fund += st.seg[st.segIndex(s, k, LaneState.SEG_FUNDING)];
        }
        double mean = days > 0 ? r1 / days : Double.NaN;
        double var = days > 1 ? (r2 - r1 * r1 / days) / (days - 1) : Double.NaN;
        double sd = var > 0 ? Math.sqrt(var) : Double.NaN;
        double down = days > 0 ? Math.sqrt(d2 / days) : Double.NaN;
        int bars = segFirstBar[b] - segFirstBar[a];
        double q = Math.sqrt(365.0);
        put(out, o, WindowMetric.TOTAL_RETURN, e1 / e0 - 1.0);
        put(out, o, WindowMetric.SHARPE, sd > 0 ? mean / sd * q : Double.NaN);
        put(out, o, WindowMetric.SORTINO, down > 0 ? mean / down * q : Double.NaN);
        put(out, o, WindowMetric.MEAN_DAILY_RETURN, mean);
        put(out, o, WindowMetric.DAYS, days);
        put(out, o, WindowMetric.TRADES, trades);
        put(out, o, WindowMetric.WIN_RATE, trades > 0 ? wins / trades : Double.NaN);
        put(out, o, WindowMetric.PROFIT_FACTOR, profitFactor(trades, gp, gl));
        put(out, o, WindowMetric.EXPOSURE, bars > 0 ? bip / bars : Double.NaN);
        put(out, o, WindowMetric.FEES, fees);
        put(out, o, WindowMetric.FUNDING, fund);
    }

    private static void put(double[] out, int o, WindowMetric m, double v) { out[o + m.ordinal()] = v; }
}
