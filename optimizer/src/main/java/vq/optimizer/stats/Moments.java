package vq.optimizer.stats;

/**
 * Sample moments of a return series, from power sums.
 *
 * <p>{@code mean} and {@code variance} (sample, divisor n−1) match DESIGN.md §7: Sharpe =
 * mean(daily)/std(daily, n−1)·√365. {@code skewness} and {@code kurtosis} are the population
 * (moment-ratio) estimates γ₃ = m₃/m₂^{3/2} and γ₄ = m₄/m₂² with m_k the central moments of divisor n;
 * γ₄ is the <b>non-excess</b> kurtosis (3 for a normal), as in Bailey &amp; López de Prado (2012, 2014).
 *
 * @param count number of observations
 * @param mean mean return per observation
 * @param variance sample variance (n−1), NaN if count &lt; 2
 * @param skewness γ₃ (NaN if the variance is zero)
 * @param kurtosis γ₄, non-excess (NaN if the variance is zero)
 * @param logGrowth Σ ln(1+r): the log of the compounded growth factor
 */
public record Moments(double count, double mean, double variance, double skewness, double kurtosis, double logGrowth) {

    /** Days per year used to annualize (crypto trades 24/7, DESIGN.md §3). */
    public static final double PERIODS_PER_YEAR = 365.0;

    /** Relative floor below which a variance is treated as zero (cancellation noise of a flat series). */
    static final double ZERO_VARIANCE = 1e-12;

    /**
     * Moments from power sums {@code n, Σr, Σr², Σr³, Σr⁴} and {@code Σ ln(1+r)}.
     */
    public static Moments ofPowerSums(double n, double s1, double s2, double s3, double s4, double logGrowth) {
        if (n <= 0) return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        double m = s1 / n;
        double e2 = s2 / n, e3 = s3 / n, e4 = s4 / n;
        double m2 = e2 - m * m;
        double var = n >= 2 ? m2 * n / (n - 1) : Double.NaN;
        if (!(m2 > e2 * ZERO_VARIANCE)) {
            return new Moments(n, m, n >= 2 ? 0.0 : Double.NaN, Double.NaN, Double.NaN, logGrowth);
        }
        double m3 = e3 - 3 * m * e2 + 2 * m * m * m;
        double m4 = e4 - 4 * m * e3 + 6 * m * m * e2 - 3 * m * m * m * m;
        return new Moments(n, m, var, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2), logGrowth);
    }

    /** Moments of an array of returns (two passes would be more precise; power sums keep one definition). */
    public static Moments of(double[] r) {
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0, lg = 0;
        for (double x : r) {
            double x2 = x * x;
            s1 += x; s2 += x2; s3 += x2 * x; s4 += x2 * x2; lg += Math.log1p(x);
        }
        return ofPowerSums(r.length, s1, s2, s3, s4, lg);
    }

    /** Sharpe per observation (not annualized): mean / sample std; NaN if undefined (n &lt; 2 or zero variance). */
    public double sharpe() {
        return variance > 0 ? mean / Math.sqrt(variance) : Double.NaN;
    }

    /** Annualized Sharpe: {@link #sharpe()} × √365. */
    public double annualSharpe() { return sharpe() * Math.sqrt(PERIODS_PER_YEAR); }

    /** Compounded return over the observations: exp(Σ ln(1+r)) − 1. */
    public double totalReturn() { return Math.expm1(logGrowth); }

    /**
     * Sharpe per observation from count, Σr and Σr² (the hot-path form used by walk-forward and CSCV).
     *
     * @return mean / sample std, or NaN when n &lt; 2 or the variance is zero
     */
    public static double sharpe(double n, double s1, double s2) {
        if (n < 2) return Double.NaN;
        double m = s1 / n;
        double m2 = s2 / n - m * m;
        if (!(m2 > (s2 / n) * ZERO_VARIANCE)) return Double.NaN;
        return m / Math.sqrt(m2 * n / (n - 1));
    }
}
