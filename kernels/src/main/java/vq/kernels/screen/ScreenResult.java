package vq.kernels.screen;

/**
 * Results of one symbol's screen: {@link Metric}s per parameter set and {@link WindowMetric}s per
 * parameter set and window. Shapes: {@code metrics[set × Metric.COUNT + metric]},
 * {@code windows[(set × windowCount + w) × WindowMetric.COUNT + metric]}.
 */
public record ScreenResult(String symbol, int sets, int bars, int windowCount, double[] metrics, double[] windowMetrics,
                           String fundingSource, long elapsedNanos, long[] segmentEdges, double[] segmentSums) {
    /** Without segment accumulators. */
    public ScreenResult(String symbol, int sets, int bars, int windowCount, double[] metrics, double[] windowMetrics,
                        String fundingSource, long elapsedNanos) {
        this(symbol, sets, bars, windowCount, metrics, windowMetrics, fundingSource, elapsedNanos, new long[0], new double[0]);
    }

    /** Number of elementary segments (window edges − 1; 0 without windows). Segment k = [segmentEdges[k], segmentEdges[k+1]). */
    public int segments() { return Math.max(0, segmentEdges.length - 1); }

    /** Accumulator {@code f} of parameter set {@code set} in segment {@code segment}. */
    public double segment(int set, int segment, SegmentField f) {
        return segmentSums[(set * segments() + segment) * SegmentField.COUNT + f.ordinal()];
    }

    public double metric(int set, Metric m) { return metrics[set * Metric.COUNT + m.ordinal()]; }

    public double window(int set, int w, WindowMetric m) {
        return windowMetrics[(set * windowCount + w) * WindowMetric.COUNT + m.ordinal()];
    }

    /** Bar·parameter-set evaluations per second of the kernel pass. */
    public double barSetsPerSecond() { return (double) bars * sets / (elapsedNanos / 1e9); }
}
