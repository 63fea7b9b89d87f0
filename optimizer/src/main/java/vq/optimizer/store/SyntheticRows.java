package vq.optimizer.store;

/**
 * Deterministic synthetic {@code sweep_results} metric rows for benchmarks of the results store
 * ({@code vq bench results}, JMH {@code ResultsWriteBench}): every metric a uniform value in [0, 1) from the JDK's
 * SplittableRandom (SplitMix64: Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), except the count metrics, which must be whole: trades = ⌊500 u⌋ and liquidations = trades mod 3.
 * Random values compress about as badly as real metrics can, so they make an honest write benchmark.
 * Not thread-safe.
 */
public final class SyntheticRows {
    private final java.util.SplittableRandom random;

    /** A sequence starting from {@code seed} ({@code new SplittableRandom(seed).nextDouble()}, one per metric). */
    public SyntheticRows(long seed) {
        this.random = new java.util.SplittableRandom(seed);
    }

    /**
     * Fills {@code m[0 .. Metric.COUNT)} with the next row (in {@link Metric} order) and returns its trades.
     *
     * @throws ArrayIndexOutOfBoundsException when {@code m} is shorter than {@link Metric#COUNT}
     */
    public long next(double[] m) {
        for (int k = 0; k < Metric.COUNT; k++) m[k] = random.nextDouble();
        long trades = (long) (m[Metric.TRADES.ordinal()] * 500);
        m[Metric.TRADES.ordinal()] = trades;
        m[Metric.LIQUIDATIONS.ordinal()] = trades % 3;
        return trades;
    }

    /**
     * Checks a benchmark's write by reading it back: {@code sweep_results} must hold {@code rows} rows whose
     * trades sum to {@code sumTrades} (the sum of {@link #next}'s results).
     *
     * @throws IllegalStateException when either differs
     */
    public static void checkReadBack(ResultsStore store, long rows, long sumTrades) throws java.sql.SQLException {
        try (java.sql.Statement st = store.connection().createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT count(*), sum(trades) FROM sweep_results")) {
            rs.next();
            if (rs.getLong(1) != rows || rs.getLong(2) != sumTrades) {
                throw new IllegalStateException("read back " + rs.getLong(1) + " rows, sum(trades) " + rs.getLong(2)
                        + "; wrote " + rows + ", " + sumTrades);
            }
        }
    }
}
