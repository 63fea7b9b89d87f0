package vq.kernels.strategy;

/**
 * One closed bar as seen by a Java {@link Strategy}: open time {@code tsNanos} (epoch ns UTC), length
 * {@code intervalNanos}; the callback happens at {@code tsNanos + intervalNanos}. Prices in quote currency,
 * volume in base asset.
 */
public record Bar(long tsNanos, long intervalNanos, double open, double high, double low, double close, double volume) {
    /** Close time = the time of the callback. */
    public long closeNanos() { return tsNanos + intervalNanos; }
}
