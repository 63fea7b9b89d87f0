package vq.kernels.indicators;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Resampling, no-lookahead alignment and the cache, on hand-made and synthetic bars. */
class TimeframesTest {
    static final long M = Bars.MINUTE, H = 60 * M, T0 = 1_704_067_200_000_000_000L; // 2024-01-01T00:00Z

    @Test void resamplesToUtcAlignedBucketsSkippingEmptyOnes() {
        // 15m bars: 00:00, 00:15, 00:30, 00:45 | gap | 02:30, 02:45 → 1h bars 00:00 (4 bars) and 02:00 (2 bars)
        long[] ts = {T0, T0 + 15 * M, T0 + 30 * M, T0 + 45 * M, T0 + 150 * M, T0 + 165 * M};
        double[] o = {1, 2, 3, 4, 5, 6}, h = {5, 9, 4, 6, 8, 7}, l = {0.5, 1, 2, 3, 4, 2}, c = {2, 3, 4, 5, 6, 7}, v = {1, 2, 3, 4, 5, 6};
        try (Arena a = Arena.ofConfined()) {
            BarSeries b = BarSeries.of(15 * M, ts, o, h, l, c, v, a);
            BarSeries r = Timeframes.resample(b, H, a);
            assertEquals(2, r.rows());
            assertEquals(T0, r.ts(0));
            assertEquals(T0 + 2 * H, r.ts(1));
            assertEquals(1, r.get(Source.OPEN, 0));
            assertEquals(9, r.get(Source.HIGH, 0));
            assertEquals(0.5, r.get(Source.LOW, 0));
            assertEquals(5, r.get(Source.CLOSE, 0));
            assertEquals(10, r.get(Source.VOLUME, 0));
            assertEquals(5, r.get(Source.OPEN, 1));
            assertEquals(8, r.get(Source.HIGH, 1));
            assertEquals(2, r.get(Source.LOW, 1));
            assertEquals(7, r.get(Source.CLOSE, 1));
            assertEquals(11, r.get(Source.VOLUME, 1));
            // a base bar sees an hour only once its own close reaches the hour's close
            int[] vis = Timeframes.visibleIndex(b, r);
            // closes: 00:15, 00:30, 00:45, 01:00 (sees 00:00 hour), 02:45, 03:00 (sees 02:00 hour)
            assertArrayEquals(new int[] {-1, -1, -1, 0, 0, 1}, vis);
            assertThrows(IllegalArgumentException.class, () -> Timeframes.resample(b, 20 * M, a)); // not a multiple of 15m
            assertThrows(IllegalArgumentException.class, () -> Timeframes.resample(b, 7 * H, a)); // does not divide a day
            assertThrows(IllegalArgumentException.class, () -> Timeframes.visibleIndex(r, b));
        }
    }

    @Test void fourHourBucketsStartAtUtcMultiplesOfFourHours() {
        Bars b = Bars.synthetic(3 * 24 * 60, 3);
        try (Arena a = Arena.ofConfined()) {
            BarSeries s = b.series(a);
            BarSeries r = Timeframes.resample(s, 4 * H, a);
            assertEquals(18, r.rows());
            for (int k = 0; k < r.rows(); k++) assertEquals(T0 + k * 4 * H, r.ts(k));
            assertEquals(b.close()[4 * 60 - 1], r.get(Source.CLOSE, 0));
        }
    }

    /**
     * The no-lookahead property, explicitly: computing a 1h/4h indicator aligned to 1m bars on data truncated at any
     * point gives exactly the values of the full computation on every bar before the cut, for every indicator type.
     */
    @Test void truncatingTheDataNeverChangesEarlierAlignedValues() {
        Bars b = Bars.synthetic(6 * 24 * 60 + 17, 11);
        long from = b.ts()[0], end = b.ts()[b.n() - 1] + M;
        int[] cuts = {5 * 24 * 60 + 7, 4 * 24 * 60 + 239, 3 * 24 * 60 + 240, 2 * 24 * 60 + 61};
        try (IndicatorCache cache = new IndicatorCache((sym, f, t, arena) -> slice(b, f, t, arena))) {
            for (IndicatorType t : Indicators.all()) {
                for (String tf : List.of("1m", "1h", "4h")) {
                    IndicatorValues full = cache.aligned("X", "1m", tf, from, end, t.defaults(), null);
                    for (int cut : cuts) {
                        IndicatorValues part = cache.aligned("X", "1m", tf, from, b.ts()[cut], t.defaults(), null);
                        assertEquals(cut, part.rows());
                        for (String f : t.outputs()) {
                            double[] x = full.toArray(f), y = part.toArray(f);
                            for (int i = 0; i < cut; i++)
                                assertEquals(Double.doubleToLongBits(x[i]), Double.doubleToLongBits(y[i]),
                                        t.name() + "." + f + " " + tf + " cut " + cut + " bar " + i + ": " + x[i] + " vs " + y[i]);
                        }
                    }
                }
            }
        }
    }

    static BarSeries slice(Bars b, long from, long to, Arena arena) {
        int lo = 0, hi = b.n();
        while (lo < b.n() && b.ts()[lo] < from) lo++;
        while (hi > lo && b.ts()[hi - 1] >= to) hi--;
        return BarSeries.of(Bars.MINUTE, java.util.Arrays.copyOfRange(b.ts(), lo, hi), java.util.Arrays.copyOfRange(b.open(), lo, hi),
                java.util.Arrays.copyOfRange(b.high(), lo, hi), java.util.Arrays.copyOfRange(b.low(), lo, hi),
                java.util.Arrays.copyOfRange(b.close(), lo, hi), java.util.Arrays.copyOfRange(b.volume(), lo, hi), arena);
    }

    @Test void cacheComputesEachKeyOnceAcrossThreads() throws Exception {
        Bars b = Bars.synthetic(50_000, 5);
        long from = b.ts()[0], end = b.ts()[b.n() - 1] + M;
        int[] loads = {0};
        try (IndicatorCache cache = new IndicatorCache((sym, f, t, arena) -> { synchronized (loads) { loads[0]++; } return slice(b, f, t, arena); })) {
            IndicatorType rsi = Indicators.get("rsi");
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<IndicatorValues> seen = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> ts = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                ts.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        for (int period = 2; period < 30; period++)
                            seen.add(cache.aligned("X", "1m", "1h", from, end, rsi.params("period", period), Source.CLOSE));
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            go.countDown();
            for (Thread t : ts) t.join();
            assertTrue(errors.isEmpty(), errors.toString());
            assertEquals(1, loads[0]);
            // 1 base load + 1 resample + 28 × (hourly values + aligned) = 58 computations, whatever the interleaving
            assertEquals(2 + 28 * 2, cache.computations());
            assertEquals(28, seen.stream().distinct().count());
            // same key, source given or defaulted: same object
            assertSame(cache.values("X", "1h", from, end, rsi.params("period", 5), null), cache.values("X", "1h", from, end, rsi.params("period", 5), Source.CLOSE));
            // read-only
            IndicatorValues v = seen.peek();
            assertThrows(RuntimeException.class, () -> v.field("rsi").set(java.lang.foreign.ValueLayout.JAVA_DOUBLE, 0, 1.0));
        }
    }

    @Test void finerTimeframeThanBaseIsRejected() {
        Bars b = Bars.synthetic(1000, 1);
        try (IndicatorCache cache = new IndicatorCache((sym, f, t, arena) -> slice(b, f, t, arena))) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> cache.aligned("X", "5m", "1m", b.ts()[0], b.ts()[999] + M, Indicators.get("sma").defaults(), null));
            assertTrue(e.getMessage().contains("finer"), e.getMessage());
        }
    }
}
