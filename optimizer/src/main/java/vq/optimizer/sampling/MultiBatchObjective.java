package vq.optimizer.sampling;

/** Evaluates a batch of points on several objectives at once (all maximized). */
@FunctionalInterface
public interface MultiBatchObjective {
    /**
     * @param points {@code [batch][dimensions]} parameter values
     * @return {@code [batch][objectives]}, all to maximize (e.g. Sharpe, 1 − max_drawdown, profit factor);
     *         a row with a NaN marks a rejected trial, which is dominated by every accepted one
     */
    double[][] evaluate(double[][] points);
}
