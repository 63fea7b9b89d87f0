package vq.optimizer.sampling;

/**
 * Evaluates a batch of points at once (the SIMD screen evaluates a whole batch of parameter sets in one
 * pass over the data, so samplers hand it batches, never single points).
 */
@FunctionalInterface
public interface BatchObjective {
    /**
     * @param points {@code [batch][dimensions]} parameter values
     * @return {@code [batch]} objective values to maximize; NaN or −∞ marks a rejected trial (a violated
     *         hard constraint, no trades)
     */
    double[] evaluate(double[][] points);
}
