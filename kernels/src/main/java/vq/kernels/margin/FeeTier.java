package vq.kernels.margin;

/**
 * One fee tier of a venue.
 *
 * @param tier     tier name as the venue calls it (e.g. {@code VIP0})
 * @param makerBps maker fee in basis points of notional (1 bp = 0.0001); may be negative for rebates
 * @param takerBps taker fee in basis points of notional, ≥ 0
 */
public record FeeTier(String tier, double makerBps, double takerBps) {

    /** @return maker fee as a fraction of notional */
    public double makerRate() { return makerBps * 1e-4; }

    /** @return taker fee as a fraction of notional */
    public double takerRate() { return takerBps * 1e-4; }
}
