package vq.sim;

/**
 * Realistic-fidelity slippage for taker fills on bars: {@code slip = spread/2 + k · σ · √(qty / ADV)},
 * as a fraction of price (issue #5; the square-root impact law, e.g. Almgren et al. 2005, "Direct
 * estimation of equity market impact"). {@code σ} is the standard deviation of 1-bar log returns over
 * the last {@code window} bars, ADV the average per-bar volume over the same window (base units; the
 * impact term is dropped when volume is unknown). On quotes the spread term is replaced by the actual
 * bid/ask.
 *
 * @param halfSpreadBps half the typical bid/ask spread, basis points (BTCUSDT perp ≈ 0.1 tick ≈ 0.015 bp)
 * @param k             impact coefficient (dimensionless), ≥ 0
 * @param window        bars in the σ/ADV window, ≥ 2
 */
public record SlippageModel(double halfSpreadBps, double k, int window) {
    public SlippageModel {
        if (!(halfSpreadBps >= 0) || !(k >= 0) || window < 2)
            throw new IllegalArgumentException("slippage: half_spread_bps >= 0, k >= 0, window >= 2 required");
    }

    /** Zero slippage (screening). */
    public static final SlippageModel NONE = new SlippageModel(0, 0, 2);
}
