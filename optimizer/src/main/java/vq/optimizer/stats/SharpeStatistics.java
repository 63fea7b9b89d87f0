package vq.optimizer.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import vq.columnar.InputException;

/**
 * Probabilistic and Deflated Sharpe Ratio.
 *
 * <p>All Sharpe ratios here are <b>per observation</b> (not annualized): an annual Sharpe from daily
 * data must be divided by √365 first (√250 in the paper's equity example), and {@code T} is the number of
 * return observations.
 *
 * <ul>
 *   <li>PSR (Bailey &amp; López de Prado 2012, "The Sharpe Ratio Efficient Frontier", J. of Risk 15(2), eq. 11):
 *       {@code PSR(SR*) = Φ[ (SR̂ − SR*)·√(T−1) / √(1 − γ₃·SR̂ + (γ₄−1)/4·SR̂²) ]}.</li>
 *   <li>Expected maximum Sharpe of N independent trials whose Sharpe estimates have variance V
 *       (Bailey &amp; López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for Selection Bias,
 *       Backtest Overfitting and Non-Normality", J. of Portfolio Management 40(5), eq. 6, False Strategy theorem):
 *       {@code SR₀ = √V · [ (1−γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)) ]}, γ = Euler–Mascheroni constant.</li>
 *   <li>DSR (same paper, eq. 9): {@code DSR = PSR(SR₀)}.</li>
 * </ul>
 *
 * <p>The paper's numerical example (section "A numerical example"): N = 100 trials, best annualized SR 2.5,
 * variance of the trials' annualized SRs 0.5, T = 1,250 daily observations (5 years of 250 days), γ₃ = −3,
 * γ₄ = 10. Then SR₀ ≈ 0.1132 per day (≈ 1.79 annualized) and DSR ≈ 0.9004: reproduced by
 * {@code SharpeStatisticsTest}.
 *
 * <p>γ₃ is the skewness and γ₄ the non-excess kurtosis of the selected strategy's returns ({@link Moments}).
 */
public final class SharpeStatistics {
    /** Euler–Mascheroni constant γ. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private SharpeStatistics() {}

    /**
     * Probabilistic Sharpe Ratio: probability that the true Sharpe exceeds {@code benchmarkSharpe}.
     *
     * @param sharpe observed Sharpe per observation SR̂
     * @param benchmarkSharpe SR* per observation
     * @param observations T ≥ 2
     * @param skewness γ₃ of the returns
     * @param kurtosis γ₄ (non-excess) of the returns
     * @return a probability in [0, 1]; NaN if the inputs are not finite or the variance term
     *         {@code 1 − γ₃·SR̂ + (γ₄−1)/4·SR̂²} is not positive (moments inconsistent with SR̂)
     */
    public static double probabilisticSharpe(double sharpe, double benchmarkSharpe, double observations, double skewness, double kurtosis) {
        if (observations < 2) throw new InputException("PSR needs at least 2 observations, got " + observations);
        double v = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(v > 0) || !Double.isFinite(sharpe) || !Double.isFinite(benchmarkSharpe)) return Double.NaN;
        return STANDARD_NORMAL.cumulativeProbability((sharpe - benchmarkSharpe) * Math.sqrt(observations - 1) / Math.sqrt(v));
    }

    /**
     * Expected maximum Sharpe (per observation) among {@code trials} independent trials with zero true
     * Sharpe whose estimates have variance {@code trialSharpeVariance}.
     *
     * @param trials N ≥ 1 (may be an effective, non-integer number of independent trials); N = 1 gives 0
     * @param trialSharpeVariance V ≥ 0, variance of the per-observation Sharpe estimates across trials
     */
    public static double expectedMaxSharpe(double trials, double trialSharpeVariance) {
        if (!(trials >= 1)) throw new InputException("number of trials must be >= 1, got " + trials);
        if (!(trialSharpeVariance >= 0)) throw new InputException("variance of trial Sharpes must be >= 0, got " + trialSharpeVariance);
        if (trials == 1) return 0.0;
        double z = (1 - EULER_GAMMA) * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / trials)
                + EULER_GAMMA * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / (trials * Math.E));
        return Math.sqrt(trialSharpeVariance) * z;
    }

    /**
     * Deflated Sharpe Ratio: PSR against the expected maximum Sharpe of {@code trials} trials.
     *
     * @param sharpe observed Sharpe per observation of the selected strategy
     * @param trials N, the number of (independent) trials of the experiment
     * @param trialSharpeVariance V, variance across trials of their per-observation Sharpe estimates
     * @param observations T
     * @param skewness γ₃ of the selected strategy's returns
     * @param kurtosis γ₄ (non-excess) of the selected strategy's returns
     */
    public static double deflatedSharpe(double sharpe, double trials, double trialSharpeVariance, double observations, double skewness, double kurtosis) {
        return probabilisticSharpe(sharpe, expectedMaxSharpe(trials, trialSharpeVariance), observations, skewness, kurtosis);
    }

    /**
     * DSR of every parameter set of a sweep over the full sample: N = number of sets with a defined
     * Sharpe, V = sample variance of those Sharpes, each set judged with its own T, γ₃, γ₄.
     *
     * @param returns the sweep's accumulators; the whole segment range is used
     * @return {@code [sets]} DSR; NaN for sets whose Sharpe is undefined (no variance)
     */
    public static double[] deflatedSharpeAll(SegmentReturns returns) {
        int sets = returns.sets();
        double[] sr = new double[sets], n = new double[sets], skew = new double[sets], kurt = new double[sets];
        for (int p = 0; p < sets; p++) {
            Moments m = returns.moments(p, 0, returns.segments());
            sr[p] = m.sharpe(); n[p] = m.count(); skew[p] = m.skewness(); kurt[p] = m.kurtosis();
        }
        return deflatedSharpeAll(sr, n, skew, kurt);
    }

    /**
     * DSR of every parameter set from per-set statistics (as the screen reports them): N = number of sets
     * with a finite Sharpe, V = sample variance of those Sharpes.
     *
     * @param sharpe {@code [sets]} Sharpe per observation (annual Sharpe / √365)
     * @param observations {@code [sets]} T (daily returns)
     * @param skewness {@code [sets]} γ₃
     * @param kurtosis {@code [sets]} γ₄ (non-excess)
     * @return {@code [sets]} DSR, NaN where the Sharpe or the moments are undefined
     */
    public static double[] deflatedSharpeAll(double[] sharpe, double[] observations, double[] skewness, double[] kurtosis) {
        int sets = sharpe.length;
        int defined = 0;
        double sum = 0, sumSq = 0;
        for (double s : sharpe) if (Double.isFinite(s)) { defined++; sum += s; sumSq += s * s; }
        double[] out = new double[sets];
        if (defined == 0) { java.util.Arrays.fill(out, Double.NaN); return out; }
        double var = defined >= 2 ? Math.max(0, (sumSq - sum * sum / defined) / (defined - 1)) : 0;
        double sr0 = expectedMaxSharpe(defined, var);
        for (int p = 0; p < sets; p++) {
            out[p] = Double.isFinite(sharpe[p]) && observations[p] >= 2
                    ? probabilisticSharpe(sharpe[p], sr0, observations[p], skewness[p], kurtosis[p])
                    : Double.NaN;
        }
        return out;
    }
}
