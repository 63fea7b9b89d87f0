package vq.kernels.screen;

import vq.columnar.Intervals;

/**
 * Per-bar events common to all parameter sets of one symbol, computed once per screen: day boundaries
 * (daily returns at 00:00 UTC), funding, window edges, and times for drawdown durations.
 *
 * <p>A day boundary {@code D} (a multiple of 86,400 s since the epoch) with {@code ts[i−1] < D ≤ ts[i]} is
 * recorded at bar {@code i}, before anything else happens at that bar, with the equity marked at bar
 * {@code i−1}'s close; likewise window edges. {@code tMillis[i]} is bar {@code i}'s open time in ms
 * relative to bar 0 (exact as a double).
 */
final class Timeline {
    static final byte DAY = 1, FUNDING = 2, EDGE = 4;

    final int n;
    final byte[] flags;
    final byte[] dayMarks;
    final double[] tMillis;
    /** Number of daily returns a full run produces (day marks plus the final mark). */
    final int dailyReturns;
    /** Per bar: number of window edges recorded at this bar (edges in (ts[i−1], ts[i]]). */
    final byte[] edgeCount;
    /** Edges at or before bar 0's open (recorded with the initial equity). */
    final int edgesBeforeStart;
    /** Segment of each bar by open time, or null without windows. */
    final int[] segOfBar;
    /**
     * Per chunk {@code k} of {@link ScreenKernel#L} bars ({@code [k·L, k·L + L)}, the last one cut at {@code n}): the
     * least low, greatest high, least and greatest close. Length {@code ceil(n / L) + L}; chunks past the data hold
     * +∞ (least) and −∞ (greatest), so a vector of {@code L} chunks can be read from any chunk.
     */
    final double[] chunkMinLow, chunkMaxHigh, chunkMinClose, chunkMaxClose;

    Timeline(BarSeries bars, FundingSchedule funding, Windows windows) {
        n = bars.size();
        long[] ts = bars.tsNanos();
        flags = new byte[n];
        dayMarks = new byte[n];
        edgeCount = new byte[n];
        tMillis = new double[n];
        int days = 0;
        for (int i = 0; i < n; i++) {
            tMillis[i] = (ts[i] - ts[0]) / 1e6;
            if (i > 0) {
                long firstD = Math.floorDiv(ts[i - 1], Intervals.NANOS_PER_DAY) + 1;
                long lastD = Math.floorDiv(ts[i], Intervals.NANOS_PER_DAY);
                long k = lastD - firstD + 1;
                if (k > 0) {
                    if (k > 127) throw new IllegalArgumentException(bars.symbol() + ": gap of more than 127 days before bar " + i);
                    dayMarks[i] = (byte) k;
                    flags[i] |= DAY;
                    days += (int) k;
                }
            }
            if (!Double.isNaN(funding.rate(i))) flags[i] |= FUNDING;
        }
        dailyReturns = days + 1;
        long[] edges = windows.edges();
        int e = 0;
        while (e < edges.length && edges[e] <= ts[0]) e++;
        edgesBeforeStart = e;
        for (int i = 1; i < n && e < edges.length; i++) {
            int c = 0;
            while (e < edges.length && edges[e] <= ts[i]) { e++; c++; }
            if (c > 0) {
                if (c > 127) throw new IllegalArgumentException("more than 127 window edges inside one bar gap");
                edgeCount[i] = (byte) c;
                flags[i] |= EDGE;
            }
        }
        int w = ScreenKernel.L, chunks = (n + w - 1) / w + w;
        chunkMinLow = new double[chunks];
        chunkMaxHigh = new double[chunks];
        chunkMinClose = new double[chunks];
        chunkMaxClose = new double[chunks];
        java.util.Arrays.fill(chunkMinLow, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(chunkMinClose, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(chunkMaxHigh, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(chunkMaxClose, Double.NEGATIVE_INFINITY);
        double[] lo = bars.low(), hi = bars.high(), cl = bars.close();
        for (int i = 0; i < n; i++) {
            int k = i / w;
            chunkMinLow[k] = Math.min(chunkMinLow[k], lo[i]);
            chunkMaxHigh[k] = Math.max(chunkMaxHigh[k], hi[i]);
            chunkMinClose[k] = Math.min(chunkMinClose[k], cl[i]);
            chunkMaxClose[k] = Math.max(chunkMaxClose[k], cl[i]);
        }
        if (windows.segments() > 0) {
            segOfBar = new int[n];
            for (int i = 0; i < n; i++) segOfBar[i] = windows.segmentOf(ts[i]);
        } else {
            segOfBar = null;
        }
    }
}
