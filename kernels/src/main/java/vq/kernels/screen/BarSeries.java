package vq.kernels.screen;

import java.util.Objects;

/**
 * One symbol's bars as plain on-heap columns, the input of the screening kernel.
 *
 * <p>Shapes: all arrays have {@code n ≥ 1} rows. {@code tsNanos[i]} is the bar's open time (epoch ns
 * UTC, strictly increasing; gaps are allowed and kept: the kernel never assumes bars are contiguous).
 * Prices in the quote currency (USDT). {@code intervalNanos} is the nominal bar length: bar {@code i}
 * closes at {@code tsNanos[i] + intervalNanos}.
 *
 * @throws IllegalArgumentException when lengths differ, the series is empty, timestamps are not strictly
 *                                  increasing, or a price is non-finite or not positive (naming the row)
 */
public record BarSeries(String symbol, long intervalNanos, long[] tsNanos, double[] open, double[] high,
                        double[] low, double[] close) {
    public BarSeries {
        Objects.requireNonNull(symbol, "symbol");
        int n = tsNanos.length;
        if (n == 0) throw new IllegalArgumentException(symbol + ": no bars");
        if (open.length != n || high.length != n || low.length != n || close.length != n)
            throw new IllegalArgumentException(symbol + ": bar columns differ in length");
        if (intervalNanos <= 0) throw new IllegalArgumentException(symbol + ": interval must be positive");
        for (int i = 0; i < n; i++) {
            if (i > 0 && tsNanos[i] <= tsNanos[i - 1])
                throw new IllegalArgumentException(symbol + ": bar " + i + " timestamp " + tsNanos[i] + " not after previous " + tsNanos[i - 1]);
            double o = open[i], h = high[i], l = low[i], c = close[i];
            if (!(o > 0 && h > 0 && l > 0 && c > 0) || !Double.isFinite(o + h + l + c))
                throw new IllegalArgumentException(symbol + ": bar " + i + " has a non-finite or non-positive price");
            if (l > Math.min(o, c) || h < Math.max(o, c))
                throw new IllegalArgumentException(symbol + ": bar " + i + " violates low <= open,close <= high");
        }
    }

    /** Number of bars. */
    public int size() { return tsNanos.length; }

    /** Bars {@code [from, to)} as a new series (copies). */
    public BarSeries slice(int from, int to) {
        return new BarSeries(symbol, intervalNanos, java.util.Arrays.copyOfRange(tsNanos, from, to),
                java.util.Arrays.copyOfRange(open, from, to), java.util.Arrays.copyOfRange(high, from, to),
                java.util.Arrays.copyOfRange(low, from, to), java.util.Arrays.copyOfRange(close, from, to));
    }
}
