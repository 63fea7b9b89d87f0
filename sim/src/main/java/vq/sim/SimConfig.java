package vq.sim;

import java.util.Objects;
import vq.kernels.margin.FeeTier;
import vq.kernels.margin.VenueSpec;
import vq.sim.risk.RiskLimits;
import vq.sim.sizing.Sizing;

/**
 * Everything a run needs besides data and strategy.
 *
 * @param fidelity         execution model
 * @param latency          order latency (ignored in screening fidelity)
 * @param marginMode       isolated or cross
 * @param leverage         leverage applied to every symbol (×, ≥ 1; capped by the bracket's maximum)
 * @param initialEquity    starting wallet balance, USDT
 * @param venue            fee tiers and margin brackets
 * @param feeTier          fee tier used for maker/taker fees
 * @param slippage         realistic slippage parameters
 * @param limitFillProbability realistic: probability that a resting limit whose price is touched (not
 *                         crossed) by a bar fills (seeded draw); 1 = always
 * @param seed             seed of every random draw in the run
 * @param sizing           position sizing
 * @param risk             strategy/portfolio risk limits
 */
public record SimConfig(Fidelity fidelity, Latency latency, MarginMode marginMode, double leverage, double initialEquity,
                        VenueSpec venue, FeeTier feeTier, SlippageModel slippage, double limitFillProbability, long seed,
                        Sizing sizing, RiskLimits risk) {
    public SimConfig {
        Objects.requireNonNull(fidelity);
        Objects.requireNonNull(latency);
        Objects.requireNonNull(marginMode);
        Objects.requireNonNull(venue);
        Objects.requireNonNull(feeTier);
        Objects.requireNonNull(slippage);
        Objects.requireNonNull(sizing);
        Objects.requireNonNull(risk);
        if (!(leverage >= 1 && leverage <= 125)) throw new IllegalArgumentException("leverage must be in [1, 125], got " + leverage);
        if (!(initialEquity > 0) || !Double.isFinite(initialEquity)) throw new IllegalArgumentException("initial equity must be > 0, got " + initialEquity);
        if (!(limitFillProbability >= 0 && limitFillProbability <= 1)) throw new IllegalArgumentException("limit fill probability must be in [0,1]");
    }

    /** Screening fidelity with DESIGN.md §6 defaults: isolated, VIP0 fees, margin fraction sizing. */
    public static SimConfig screening(VenueSpec venue, double leverage, double fraction, double initialEquity) {
        return new SimConfig(Fidelity.SCREENING, Latency.NONE, MarginMode.ISOLATED, leverage, initialEquity, venue,
                venue.defaultFeeTier(), SlippageModel.NONE, 1.0, 0L, Sizing.marginFraction(fraction), RiskLimits.NONE);
    }

    public SimConfig withFidelity(Fidelity f) { return new SimConfig(f, latency, marginMode, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, seed, sizing, risk); }
    public SimConfig withLatency(Latency l) { return new SimConfig(fidelity, l, marginMode, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, seed, sizing, risk); }
    public SimConfig withMarginMode(MarginMode m) { return new SimConfig(fidelity, latency, m, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, seed, sizing, risk); }
    public SimConfig withSlippage(SlippageModel s) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, feeTier, s, limitFillProbability, seed, sizing, risk); }
    public SimConfig withLimitFillProbability(double p) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, feeTier, slippage, p, seed, sizing, risk); }
    public SimConfig withSeed(long s) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, s, sizing, risk); }
    public SimConfig withSizing(Sizing s) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, seed, s, risk); }
    public SimConfig withRisk(RiskLimits r) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, feeTier, slippage, limitFillProbability, seed, sizing, r); }
    public SimConfig withFeeTier(FeeTier f) { return new SimConfig(fidelity, latency, marginMode, leverage, initialEquity, venue, f, slippage, limitFillProbability, seed, sizing, risk); }
}
