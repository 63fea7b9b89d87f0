package vq.kernels.screen;

import java.util.Arrays;
import java.util.List;

/**
 * Time windows (half-open {@code [startNanos, endNanos)}, epoch ns UTC) given up front, for walk-forward
 * and cross-validation folds: the screen accumulates per-window statistics in the same pass.
 *
 * <p>Internally the timeline is cut at every window edge into elementary segments; each window is a run
 * of consecutive segments, so overlapping windows cost nothing extra per bar. Attribution: a trade counts
 * in the segment of its exit bar; a daily return counts in the segment containing the day's start;
 * exposure counts bars by their open time; a window's return is the equity at its end edge over the
 * equity at its start edge (equity marked at the last bar close before the edge).
 */
public final class Windows {
    private final long[] start;
    private final long[] end;
    private final long[] edges;
    private final int[] firstSeg;
    private final int[] endSeg;

    /** @throws IllegalArgumentException when a window is empty or the arrays differ in length */
    public Windows(long[] startNanos, long[] endNanos) {
        if (startNanos.length != endNanos.length) throw new IllegalArgumentException("window starts and ends differ in length");
        this.start = startNanos.clone();
        this.end = endNanos.clone();
        long[] all = new long[2 * start.length];
        for (int w = 0; w < start.length; w++) {
            if (!(end[w] > start[w])) throw new IllegalArgumentException("window " + w + " is empty: end <= start");
            all[2 * w] = start[w];
            all[2 * w + 1] = end[w];
        }
        this.edges = Arrays.stream(all).sorted().distinct().toArray();
        this.firstSeg = new int[start.length];
        this.endSeg = new int[start.length];
        for (int w = 0; w < start.length; w++) {
            firstSeg[w] = Arrays.binarySearch(edges, start[w]);
            endSeg[w] = Arrays.binarySearch(edges, end[w]);
        }
    }

    public static Windows none() { return new Windows(new long[0], new long[0]); }

    public static Windows of(List<long[]> startEnd) {
        long[] s = new long[startEnd.size()], e = new long[startEnd.size()];
        for (int i = 0; i < s.length; i++) { s[i] = startEnd.get(i)[0]; e[i] = startEnd.get(i)[1]; }
        return new Windows(s, e);
    }

    public int count() { return start.length; }

    public long start(int w) { return start[w]; }

    public long end(int w) { return end[w]; }

    /** Number of elementary segments ({@code edges − 1}, or 0 without windows). */
    int segments() { return Math.max(0, edges.length - 1); }

    /** Sorted distinct edges. */
    long[] edges() { return edges; }

    /** First segment of window {@code w}. */
    int firstSegment(int w) { return firstSeg[w]; }

    /** One past the last segment of window {@code w}. */
    int endSegment(int w) { return endSeg[w]; }

    /** Segment containing {@code tsNanos}, or -1 before the first edge / {@code segments()} at or after the last. */
    int segmentOf(long tsNanos) {
        int k = Arrays.binarySearch(edges, tsNanos);
        if (k >= 0) return k;
        return -k - 2;
    }
}
