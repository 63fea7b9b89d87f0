package vq.kernels.screen;

/**
 * Results of one symbol's screen: {@link Metric}s per parameter set and {@link WindowMetric}s per
 * parameter set and window. Shapes: {@code metrics[set × Metric.COUNT + metric]},
 * {@code windows[(set × windowCount + w) × WindowMetric.COUNT + metric]}.
 */
public record ScreenResult(String symbol, int sets, int bars, int windowCount, double[] metrics, double[] windowMetrics,
                           String fundingSource, long elapsedNanos) {
    public double metric(int set, Metric m) { return metrics[set * Metric.COUNT + m.ordinal()]; }

    public double window(int set, int w, WindowMetric m) {
        return windowMetrics[(set * windowCount + w) * WindowMetric.COUNT + m.ordinal()];
    }

    /** Bar·parameter-set evaluations per second of the kernel pass. */
    public double barSetsPerSecond() { return (double) bars * sets / (elapsedNanos / 1e9); }
}
