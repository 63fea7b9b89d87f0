package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import vq.kernels.margin.VenueSpec;

/**
 * SIMD kernel vs the scalar reference on random windows of real 1m data with random strategies
 * (SMA crossovers, leverage up to 125×, percent and ATR-style stops, percent/ATR/risk-reward take-profits, sides,
 * constant funding): identical trade
 * counts and every metric equal to 1e-9 relative; and bit-identical results across thread counts and
 * block sizes.
 */
class ScreenVsReferenceProperties {
    static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};

    record Case(BarSeries bars, FundingSchedule funding, ExecutionSpec spec, LaneParams params, ArraySignals signals, double[] range) {
        /** The reference for set {@code s}, with the same exits as the lanes. */
        ReferenceScreen reference(int s) {
            ReferenceScreen r = new ReferenceScreen(bars, funding, spec, params.leverage()[s], params.fraction()[s], params.stopPct()[s],
                    params.takePct()[s], signals.eL[s], signals.xL[s], signals.eS[s], signals.xS[s]);
            r.stopAtr = params.stopAtr()[s];
            r.takeAtr = params.takeAtr()[s];
            r.riskReward = params.riskReward()[s];
            r.stopSeries = range;
            r.takeSeries = range;
            return r.run();
        }
    }

    /** A volatility series for ATR-style exits: SMA(14) of high − low (NaN during warm-up). */
    static double[] meanRange(BarSeries b) {
        double[] hl = new double[b.size()];
        for (int i = 0; i < hl.length; i++) hl[i] = b.high()[i] - b.low()[i];
        return TestSignals.sma(hl, 14);
    }

    static Case randomCase(long seed, int sets, int days) {
        Random rnd = new Random(seed);
        String sym = SYMBOLS[rnd.nextInt(3)];
        LocalDate first = LocalDate.of(2022, 6, 26).plusDays(rnd.nextInt(731 - days));
        BarSeries bars = RealBars.load(sym, first, days);
        FundingSchedule f = FundingSchedule.constant(bars, (rnd.nextDouble() - 0.3) * 0.001, FundingSchedule.EIGHT_HOURS_NANOS);
        Sides sides = Sides.values()[rnd.nextInt(3)];
        VenueSpec venue = VenueSpec.binanceFuturesUm();
        ExecutionSpec spec = new ExecutionSpec(10_000, 0.0005, 0.0002, venue.symbol(sym).liquidationClearanceFeeRate(),
                venue.brackets(sym), sides);
        boolean[][] eL = new boolean[sets][], xL = new boolean[sets][], eS = new boolean[sets][], xS = new boolean[sets][];
        double[] lev = new double[sets], frac = new double[sets], sl = new double[sets], tp = new double[sets];
        double[] nan = LaneParams.fill(sets, Double.NaN);
        double[] range = meanRange(bars);
        java.lang.foreign.MemorySegment rangeSeg = java.lang.foreign.MemorySegment.ofArray(range);
        double[] sAtr = nan.clone(), tAtr = nan.clone(), rr = nan.clone();
        java.lang.foreign.MemorySegment[] ss = new java.lang.foreign.MemorySegment[sets], ts = new java.lang.foreign.MemorySegment[sets];
        for (int s = 0; s < sets; s++) {
            int fast = 2 + rnd.nextInt(40), slow = fast + 1 + rnd.nextInt(200);
            boolean[][] c = TestSignals.cross(bars.close(), fast, slow);
            eL[s] = c[0]; xL[s] = c[1]; eS[s] = c[1]; xS[s] = c[0];
            lev[s] = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(125) : 1 + rnd.nextInt(20);
            frac[s] = 0.05 + 0.95 * rnd.nextDouble();
            sl[s] = Double.NaN;
            tp[s] = Double.NaN;
            switch (rnd.nextInt(3)) {
                case 0 -> sl[s] = 0.001 + 0.05 * rnd.nextDouble();
                case 1 -> { sAtr[s] = 0.5 + 5 * rnd.nextDouble(); ss[s] = rangeSeg; }
                default -> { }
            }
            switch (rnd.nextInt(4)) {
                case 0 -> tp[s] = 0.001 + 0.05 * rnd.nextDouble();
                case 1 -> { tAtr[s] = 0.5 + 8 * rnd.nextDouble(); ts[s] = rangeSeg; }
                case 2 -> { if (!Double.isNaN(sl[s]) || !Double.isNaN(sAtr[s])) rr[s] = 0.5 + 3 * rnd.nextDouble(); }
                default -> { }
            }
        }
        LaneParams p = new LaneParams(lev, frac, sl, tp, sAtr, tAtr, rr, ss, ts);
        return new Case(bars, f, spec, p, new ArraySignals(eL, xL, eS, xS), range);
    }

    /**
     * 1e-9 relative, widened for the moment statistics of daily returns by their condition number: with
     * k = |mean|/sd of the returns, computing the p-th central moment loses about ulp(1)·k^p of relative
     * precision (the SIMD lanes accumulate online, the reference takes two passes), p = 2 for volatility and
     * Sharpe, 3 for skewness, 4 for kurtosis. Nearly constant daily returns make k huge — e.g. a set liquidated
     * on day one whose dust equity then returns ≈ −1 every day (seed 231: k ≈ 6·10⁶) — and then the two engines
     * may differ beyond 1e-9 without either being wrong. For ordinary returns (k &lt; 10) this stays ≈ 1e-9.
     */
    static double relTol(Metric m, java.util.List<Double> returns) {
        int p = switch (m) {
            case SHARPE, ANNUAL_VOLATILITY -> 2;
            case SKEWNESS -> 3;
            case KURTOSIS -> 4;
            default -> 0;
        };
        int n = returns.size();
        if (p == 0 || n < 2) return 1e-9;
        double mean = 0;
        for (double r : returns) mean += r;
        mean /= n;
        double ss = 0;
        for (double r : returns) ss += (r - mean) * (r - mean);
        double k = Math.abs(mean) / Math.sqrt(ss / (n - 1));
        return Double.isFinite(k) ? 1e-9 + 8 * Math.ulp(1.0) * Math.pow(Math.max(k, 1), p) : 1e-9;
    }

    @Property(tries = 100)
    void simdEqualsScalarReference(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 1, max = 21) int sets) {
        if (!RealBars.available()) return; // outside CI only: data folder absent
        Case c = randomCase(seed, sets, 3);
        ScreenResult lanes = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, Windows.none(),
                new Screener.Options(2, 128, Screener.Kernel.LANES), null);
        ScreenResult r = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, Windows.none(),
                new Screener.Options(2, 128, Screener.Kernel.WALK), null);
        // the two kernels implement the same rules with the same arithmetic: bit for bit
        assertArrayEquals(lanes.metrics(), r.metrics(), "walk vs lanes kernel (seed " + seed + ")");
        for (int s = 0; s < sets; s++) {
            ReferenceScreen ref = c.reference(s);
            double[] want = ref.metrics();
            assertEquals(ref.trades.size(), (int) r.metric(s, Metric.TRADES), "trades of set " + s);
            for (Metric m : Metric.values()) {
                double a = r.metric(s, m), b = want[m.ordinal()];
                if (Double.isNaN(b) || Double.isInfinite(b)) { assertEquals(b, a, m + " of set " + s); continue; }
                assertEquals(b, a, relTol(m, ref.dailyReturns) * Math.max(1e-9, Math.abs(b)) + 1e-12, m + " of set " + s + " (seed " + seed + ")");
            }
        }
    }

    @Property(tries = 3)
    void bitIdenticalAtAnyThreadCountAndBlockSize(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        if (!RealBars.available()) return; // outside CI only: data folder absent
        Case c = randomCase(seed, 37, 2);
        long[] edges = {c.bars.tsNanos()[0] + 3_600_000_000_000L, c.bars.tsNanos()[0] + 86_400_000_000_000L};
        Windows w = new Windows(new long[] {c.bars.tsNanos()[0], edges[0]}, new long[] {edges[1], edges[1] + 86_400_000_000_000L});
        ScreenResult a = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, w, new Screener.Options(1, 64), null);
        ScreenResult b = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, w, new Screener.Options(3, 1024), null);
        ScreenResult d = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, w, new Screener.Options(2, 192), null);
        ScreenResult e = Screener.run(c.bars, c.funding, c.spec, c.params, c.signals, w, new Screener.Options(2, 320, Screener.Kernel.LANES), null);
        assertArrayEquals(a.metrics(), b.metrics());
        assertArrayEquals(a.metrics(), d.metrics());
        assertArrayEquals(a.metrics(), e.metrics(), "walk vs lanes kernel");
        assertArrayEquals(a.windowMetrics(), b.windowMetrics());
        assertArrayEquals(a.windowMetrics(), d.windowMetrics());
        assertArrayEquals(a.windowMetrics(), e.windowMetrics(), "walk vs lanes kernel");
    }
}
