package vq.cli.report;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import vq.data.synth.SyntheticMarket;
import vq.optimizer.store.EquityWriter;
import vq.optimizer.store.EventsWriter;
import vq.optimizer.store.Experiment;
import vq.optimizer.store.FiltersWriter;
import vq.optimizer.store.Metric;
import vq.optimizer.store.ResultsStore;
import vq.optimizer.store.Run;
import vq.optimizer.store.SweepResultsWriter;
import vq.optimizer.store.TradesWriter;
import vq.optimizer.store.WalkForwardWriter;

/**
 * A small but real study for report tests, written through the real store API: a seeded synthetic
 * market (vq.data.synth), an always-in-the-market SMA crossover on hourly bars swept over a grid,
 * metrics per DESIGN.md §7 (fills at the next bar's open, taker fee, 8-hourly funding), a Pareto rank,
 * two simple filters, a rolling walk-forward and "validation" re-runs of the top sets with extra
 * slippage. It stands in for vq screen / validate / filter until those write results; nothing here is
 * a hard-coded number.
 */
final class StudyFixture {
    static final String SYMBOL = "SYNBTCUSDT";
    static final int DAYS = 90;
    static final double FEE = 0.0004;
    static final long HOUR_NS = 3_600_000_000_000L;
    static final long DAY_NS = 24 * HOUR_NS;

    final long[] ts; // hourly bar open times (ns)
    final double[] open, close;
    final double[] fundingRate; // per bar: the funding rate charged at this bar's open, 0 if none

    StudyFixture(long seed) {
        SyntheticMarket m = new SyntheticMarket(List.of(SyntheticMarket.SymbolSpec.defaults("BTCUSDT")), seed);
        double scale = Math.pow(10, m.specs().getFirst().priceDecimals());
        int n = DAYS * 24;
        ts = new long[n];
        open = new double[n];
        close = new double[n];
        fundingRate = new double[n];
        LocalDate d0 = LocalDate.of(2024, 1, 1);
        for (int d = 0; d < DAYS; d++) {
            SyntheticMarket.Day day = m.generate(d0.plusDays(d));
            SyntheticMarket.DayBars b = day.bars().getFirst();
            for (int h = 0; h < 24; h++) {
                int i = d * 24 + h;
                ts[i] = b.openTimeMs(h * 60) * 1_000_000L;
                open[i] = b.open[h * 60] / scale;
                close[i] = b.close[h * 60 + 59] / scale;
            }
            for (SyntheticMarket.Funding f : day.funding().getFirst()) {
                int i = (int) ((f.timeMs() * 1_000_000L - ts[0]) / HOUR_NS);
                if (i >= 0 && i < n) fundingRate[i] = f.rate();
            }
        }
    }

    /** Fill prices include slippage; gross PnL is at the reference (open) prices, so net = gross − costs = cash change. */
    record Trade(int side, int entryBar, int exitBar, double entryPx, double exitPx, double refEntry, double refExit, double qty,
            double fees, double funding, double slippage, String exitReason) {
        double gross() { return side * (refExit - refEntry) * qty; }
        double net() { return gross() - fees - funding - slippage; }
    }

    record Result(int fast, int slow, double[] equity, List<Trade> trades, double[] metrics) {}

    /** SMA(fast) vs SMA(slow) of closes: long above, short below; signal at close, fill at next open. */
    Result simulate(int fast, int slow, double slippageFrac) {
        int n = close.length;
        double[] eq = new double[n];
        double cash = 10_000; // equity when flat; position marked to close
        int side = 0;
        double qty = 0, entryPx = 0, entryFees = 0, funding = 0, slip = 0;
        int entryBar = -1, inPos = 0;
        List<Trade> trades = new ArrayList<>();
        double sf = 0, ss = 0;
        int want = 0;
        for (int i = 0; i < n; i++) {
            // funding at this bar's open (before fills at the open, DESIGN.md §6)
            if (side != 0 && fundingRate[i] != 0) {
                double pay = side * qty * open[i] * fundingRate[i];
                funding += pay;
                cash -= pay;
            }
            // fill the signal of the previous bar at this open
            if (want != side) {
                if (side != 0) {
                    double px = open[i] * (1 - side * slippageFrac);
                    double fee = qty * px * FEE;
                    double s = qty * open[i] * slippageFrac;
                    cash += side * (px - entryPx) * qty - fee;
                    trades.add(new Trade(side, entryBar, i, entryPx, px, open[entryBar], open[i], qty, entryFees + fee, funding, slip + s, "signal"));
                    side = 0;
                }
                if (want != 0) {
                    double px = open[i] * (1 + want * slippageFrac);
                    qty = cash / px;
                    entryFees = qty * px * FEE;
                    slip = qty * open[i] * slippageFrac;
                    cash -= entryFees;
                    entryPx = px;
                    entryBar = i;
                    funding = 0;
                    side = want;
                }
            }
            if (side != 0) inPos++;
            eq[i] = cash + (side == 0 ? 0 : side * (close[i] - entryPx) * qty);
            sf += close[i];
            ss += close[i];
            if (i >= fast) sf -= close[i - fast];
            if (i >= slow) ss -= close[i - slow];
            if (i >= slow - 1) want = sf / fast > ss / slow ? 1 : -1;
        }
        if (side != 0) {
            int last = n - 1;
            trades.add(new Trade(side, entryBar, last, entryPx, close[last], open[entryBar], close[last], qty, entryFees, funding, slip, "end_of_data"));
        }
        return new Result(fast, slow, eq, trades, metrics(eq, trades, inPos / (double) n));
    }

    /** DESIGN.md §7 metrics from an hourly equity curve (daily returns at 00:00 UTC) and the trades. */
    double[] metrics(double[] eq, List<Trade> trades, double exposure) {
        double[] m = new double[Metric.COUNT];
        Arrays.fill(m, Double.NaN);
        double start = 10_000;
        int days = eq.length / 24;
        double[] daily = new double[days];
        double prev = start;
        for (int d = 0; d < days; d++) {
            double e = eq[d * 24 + 23];
            daily[d] = e / prev - 1;
            prev = e;
        }
        double mean = Arrays.stream(daily).average().orElse(0);
        double var = Arrays.stream(daily).map(r -> (r - mean) * (r - mean)).sum() / (days - 1);
        double down = Math.sqrt(Arrays.stream(daily).map(r -> r < 0 ? r * r : 0).sum() / days);
        double total = eq[eq.length - 1] / start - 1;
        double years = days / 365.0;
        double peak = start, mdd = 0;
        int ddBars = 0, maxDdBars = 0;
        for (double e : eq) {
            if (e >= peak) {
                peak = e;
                ddBars = 0;
            } else {
                ddBars++;
                maxDdBars = Math.max(maxDdBars, ddBars);
            }
            mdd = Math.max(mdd, 1 - e / peak);
        }
        double[] sorted = daily.clone();
        Arrays.sort(sorted);
        int k = Math.max(1, (int) Math.ceil(0.05 * days));
        double cvar = Arrays.stream(sorted, 0, k).average().orElse(0);
        double gp = 0, gl = 0, sw = 0, sl = 0, fees = 0, fund = 0, slip = 0;
        int wins = 0, losses = 0;
        for (Trade t : trades) {
            double p = t.net();
            if (p > 0) { gp += p; wins++; sw += p; } else { gl -= p; losses++; sl += p; }
            fees += t.fees();
            fund += t.funding();
            slip += t.slippage();
        }
        double cagr = Math.pow(1 + total, 1 / years) - 1;
        m[Metric.TOTAL_RETURN.ordinal()] = total;
        m[Metric.CAGR.ordinal()] = cagr;
        m[Metric.ANNUAL_VOLATILITY.ordinal()] = Math.sqrt(var) * Math.sqrt(365);
        m[Metric.SHARPE.ordinal()] = mean / Math.sqrt(var) * Math.sqrt(365);
        m[Metric.SORTINO.ordinal()] = down == 0 ? Double.POSITIVE_INFINITY : mean / down * Math.sqrt(365);
        m[Metric.MAX_DRAWDOWN.ordinal()] = mdd;
        m[Metric.MAX_DRAWDOWN_DAYS.ordinal()] = maxDdBars / 24.0;
        m[Metric.CALMAR.ordinal()] = mdd == 0 ? Double.NaN : cagr / mdd;
        m[Metric.TRADES.ordinal()] = trades.size();
        m[Metric.WIN_RATE.ordinal()] = trades.isEmpty() ? Double.NaN : wins / (double) trades.size();
        m[Metric.PROFIT_FACTOR.ordinal()] = gl == 0 ? Double.POSITIVE_INFINITY : gp / gl;
        m[Metric.AVG_WIN.ordinal()] = wins == 0 ? Double.NaN : sw / wins;
        m[Metric.AVG_LOSS.ordinal()] = losses == 0 ? Double.NaN : sl / losses;
        m[Metric.EXPECTANCY.ordinal()] = trades.isEmpty() ? Double.NaN : (gp - gl) / trades.size();
        m[Metric.EXPOSURE.ordinal()] = exposure;
        m[Metric.FEES.ordinal()] = fees;
        m[Metric.FUNDING.ordinal()] = fund;
        m[Metric.SLIPPAGE.ordinal()] = slip;
        m[Metric.LIQUIDATIONS.ordinal()] = 0;
        m[Metric.CVAR95.ordinal()] = cvar;
        return m;
    }

    /** Non-dominated sorting over (Sharpe, 1 − max drawdown, profit factor): rank 1 = the front. */
    static int[] paretoRanks(List<Result> rs) {
        int n = rs.size();
        int[] rank = new int[n];
        int assigned = 0;
        for (int r = 1; assigned < n; r++) {
            List<Integer> front = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rank[i] != 0) continue;
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    if (j == i || rank[j] != 0) continue;
                    dominated = dominates(rs.get(j).metrics(), rs.get(i).metrics());
                }
                if (!dominated) front.add(i);
            }
            for (int i : front) rank[i] = r;
            assigned += front.size();
        }
        return rank;
    }

    static boolean dominates(double[] a, double[] b) {
        double[] x = {a[Metric.SHARPE.ordinal()], -a[Metric.MAX_DRAWDOWN.ordinal()], a[Metric.PROFIT_FACTOR.ordinal()]};
        double[] y = {b[Metric.SHARPE.ordinal()], -b[Metric.MAX_DRAWDOWN.ordinal()], b[Metric.PROFIT_FACTOR.ordinal()]};
        boolean better = false;
        for (int k = 0; k < 3; k++) {
            if (x[k] < y[k]) return false;
            if (x[k] > y[k]) better = true;
        }
        return better;
    }

    static String params(int fast, int slow) {
        return "{\"fast\":" + fast + ",\"slow\":" + slow + "}";
    }

    /**
     * Writes the study into {@code db}. With {@code full} false only the screen is written (no filters,
     * walk-forward or runs), to exercise the "not computed" paths. Returns the experiment id.
     */
    String write(Path db, String label, boolean full) throws SQLException {
        List<Result> rs = new ArrayList<>();
        for (int fast = 4; fast <= 24; fast += 2) {
            for (int slow = 30; slow <= 150; slow += 10) rs.add(simulate(fast, slow, 0));
        }
        int[] rank = paretoRanks(rs);
        Instant started = Instant.parse("2026-11-21T12:00:00Z");
        String id = Experiment.newId(label, started, label.hashCode());
        try (ResultsStore store = ResultsStore.open(db)) {
            store.inTransaction(tx -> {
                tx.putExperiment(new Experiment(id, label, "screen", "sma_cross_test", "strategy: sma_cross_test\nparams:\n  fast: {min: 4, max: 24, step: 2}\n  slow: {min: 30, max: 150, step: 10}\n",
                        "{\"fast\":{\"min\":4,\"max\":24,\"step\":2},\"slow\":{\"min\":30,\"max\":150,\"step\":10}}", List.of(SYMBOL), "1h",
                        ts[0], ts[ts.length - 1], "grid", 7L, (long) rs.size(), "test", "{}", "running", started, null));
                try (SweepResultsWriter w = tx.sweepResults()) {
                    for (int i = 0; i < rs.size(); i++) {
                        Result r = rs.get(i);
                        double[] m = r.metrics();
                        boolean ok = m[Metric.TRADES.ordinal()] >= 20 && m[Metric.MAX_DRAWDOWN.ordinal()] <= 0.5;
                        w.add(id, i, SYMBOL, params(r.fast(), r.slow()), m, rank[i], ok);
                    }
                }
                if (full) writeRest(tx, id, rs);
                tx.finishExperiment(id, "finished", started.plusSeconds(42));
                return null;
            });
        }
        return id;
    }

    private void writeRest(ResultsStore tx, String id, List<Result> rs) throws SQLException {
        int n = close.length, half = n / 2;
        try (FiltersWriter f = tx.filters()) {
            for (int i = 0; i < rs.size(); i++) {
                Result r = rs.get(i);
                double trades = r.metrics()[Metric.TRADES.ordinal()];
                f.add(id, i, SYMBOL, 1, "min_trades", trades >= 20, trades, 20, null);
                double first = r.equity()[half - 1] / 10_000 - 1, second = r.equity()[n - 1] / r.equity()[half - 1] - 1;
                double worst = Math.min(first, second);
                f.add(id, i, SYMBOL, 2, "split_half", worst > 0, worst, 0, "{\"first\":" + first + ",\"second\":" + second + "}");
            }
        }
        // rolling walk-forward: train 30 days, test 15 days, step 15 days; choose by in-sample return
        try (WalkForwardWriter w = tx.walkForward()) {
            int train = 30 * 24, test = 15 * 24;
            double stitched = 1;
            for (int k = 0, s = 0; s + train + test <= n; k++, s += test) {
                int a = s, b = s + train, c = s + train + test;
                int best = 0;
                double bestRet = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < rs.size(); i++) {
                    double[] e = rs.get(i).equity();
                    double ret = e[b - 1] / (a == 0 ? 10_000 : e[a - 1]) - 1;
                    if (ret > bestRet) { bestRet = ret; best = i; }
                }
                double[] e = rs.get(best).equity();
                double oos = e[c - 1] / e[b - 1] - 1;
                double[] oosDaily = new double[test / 24];
                for (int d = 0; d < oosDaily.length; d++) oosDaily[d] = e[b + d * 24 + 23] / e[b + d * 24 - 1] - 1;
                double mu = Arrays.stream(oosDaily).average().orElse(0);
                double sd = Math.sqrt(Arrays.stream(oosDaily).map(x -> (x - mu) * (x - mu)).sum() / (oosDaily.length - 1));
                w.add(id, SYMBOL, "rolling", k, ts[a], ts[b - 1], ts[b], ts[c - 1], best, bestRet, oos, mu / sd * Math.sqrt(365));
                // test ranges do not overlap here (step = test), so every test day is stitched
                for (int d = 0; d < test / 24; d++) {
                    stitched *= e[b + d * 24 + 23] / e[b + d * 24 - 1];
                    w.addStitched(id, SYMBOL, "rolling", ts[b + d * 24 + 23] + HOUR_NS, stitched);
                }
            }
        }
        // "validation": the top three by Sharpe again, with 2 bp slippage per fill
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -rs.get(i).metrics()[Metric.SHARPE.ordinal()]));
        for (int c = 0; c < 3; c++) {
            int i = order.get(c);
            Result screen = rs.get(i);
            Result v = simulate(screen.fast(), screen.slow(), 0.0002);
            String runId = id + "-run" + c;
            double[] sm = screen.metrics(), vm = v.metrics();
            boolean sensitive = vm[Metric.SHARPE.ordinal()] < 0.5 * sm[Metric.SHARPE.ordinal()]
                    || vm[Metric.TOTAL_RETURN.ordinal()] < 0.5 * sm[Metric.TOTAL_RETURN.ordinal()];
            tx.putRun(new Run(runId, id, (long) i, SYMBOL, params(v.fast(), v.slow()), "test-fixture", null, "all-in", null,
                    10_000, v.equity()[n - 1], vm, sensitive, Instant.parse("2026-11-21T12:01:00Z"), Instant.parse("2026-11-21T12:01:01Z")));
            try (TradesWriter t = tx.trades(); EventsWriter ev = tx.events()) {
                long seq = 0;
                for (int k = 0; k < v.trades().size(); k++) {
                    Trade tr = v.trades().get(k);
                    t.add(runId, k, SYMBOL, tr.side(), ts[tr.entryBar()], ts[tr.exitBar()], tr.entryPx(), tr.exitPx(), tr.qty(),
                            tr.fees(), tr.funding(), tr.slippage(), tr.gross(), tr.net(), Double.NaN, tr.exitReason());
                    ev.add(runId, seq++, ts[tr.entryBar()], "fill", SYMBOL, "{\"side\":" + tr.side() + ",\"px\":" + tr.entryPx() + "}");
                    ev.add(runId, seq++, ts[tr.exitBar()], "fill", SYMBOL, "{\"side\":" + -tr.side() + ",\"px\":" + tr.exitPx() + "}");
                }
            }
            try (EquityWriter e = tx.equity()) {
                double peak = 0;
                for (int b = 0; b < n; b++) {
                    peak = Math.max(peak, v.equity()[b]);
                    e.add(runId, ts[b], v.equity()[b], 1 - v.equity()[b] / peak);
                }
            }
        }
    }
}
