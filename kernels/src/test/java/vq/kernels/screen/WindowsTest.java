package vq.kernels.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Per-window accumulators against the whole-run metrics and the reference's daily returns (real data). */
class WindowsTest {
    static final long DAY = 86_400_000_000_000L;

    @Test
    void windowsComposeToTheWholeRun() {
        if (!RealBars.available()) return; // outside CI only: data folder absent
        ScreenVsReferenceProperties.Case c = ScreenVsReferenceProperties.randomCase(11, 12, 4);
        long d0 = Math.floorDiv(c.bars().tsNanos()[0], DAY) * DAY;
        // whole span, first two days, last two days (edges at UTC midnights)
        Windows w = new Windows(new long[] {d0, d0, d0 + 2 * DAY}, new long[] {d0 + 4 * DAY, d0 + 2 * DAY, d0 + 4 * DAY});
        ScreenResult r = Screener.run(c.bars(), c.funding(), c.spec(), c.params(), c.signals(), w, new Screener.Options(2, 256), null);
        assertEquals(3, r.segments() + 1); // edges d0, d0+2d, d0+4d
        for (int s = 0; s < r.sets(); s++) {
            double total = r.metric(s, Metric.TOTAL_RETURN);
            assertEquals(total, r.window(s, 0, WindowMetric.TOTAL_RETURN), 1e-12, "set " + s);
            double a = r.window(s, 1, WindowMetric.TOTAL_RETURN), b = r.window(s, 2, WindowMetric.TOTAL_RETURN);
            assertEquals(1 + total, (1 + a) * (1 + b), 1e-12, "set " + s);
            assertEquals(r.metric(s, Metric.TRADES), r.window(s, 1, WindowMetric.TRADES) + r.window(s, 2, WindowMetric.TRADES), "set " + s);
            assertEquals(r.metric(s, Metric.FEES), r.window(s, 0, WindowMetric.FEES), 1e-9, "set " + s);
            assertEquals(r.metric(s, Metric.EXPOSURE) * r.bars(), r.window(s, 0, WindowMetric.EXPOSURE) * r.bars(), 1e-6, "set " + s);
            // the reference's daily returns: 4 full days in the window, the 5th (final mark) is past d0 + 4d
            ReferenceScreen ref = c.reference(s);
            double sum = 0, log = 0;
            for (int k = 0; k < 4; k++) { sum += ref.dailyReturns.get(k); log += Math.log1p(ref.dailyReturns.get(k)); }
            double seg = r.segment(s, 0, SegmentField.SUM_R) + r.segment(s, 1, SegmentField.SUM_R);
            assertEquals(sum, seg, 1e-12, "set " + s);
            assertEquals(log, r.segment(s, 0, SegmentField.LOG_GROWTH) + r.segment(s, 1, SegmentField.LOG_GROWTH), 1e-12);
            assertEquals(4, r.window(s, 0, WindowMetric.DAYS));
        }
    }
}
