package vq.kernels.screen;

import java.util.Objects;
import vq.kernels.margin.MarginBrackets;

/**
 * Run-wide execution constants of a screen (same for every parameter set of one symbol).
 *
 * @param initialEquity       starting wallet balance, USDT, &gt; 0
 * @param takerFee            taker fee rate, fraction of notional (Binance VIP0: 0.0005)
 * @param makerFee            maker fee rate, fraction of notional (Binance VIP0: 0.0002)
 * @param clearanceFeeRate    liquidation clearance fee rate, fraction of the liquidated notional
 * @param brackets            the symbol's tiered maintenance-margin table (vq.kernels.margin)
 * @param sides               sides the strategy may trade
 */
public record ExecutionSpec(double initialEquity, double takerFee, double makerFee, double clearanceFeeRate,
                            MarginBrackets brackets, Sides sides) {
    public ExecutionSpec {
        Objects.requireNonNull(brackets, "brackets");
        Objects.requireNonNull(sides, "sides");
        if (!(initialEquity > 0) || !Double.isFinite(initialEquity))
            throw new IllegalArgumentException("initial equity must be positive, got " + initialEquity);
        if (!(takerFee >= 0 && takerFee < 0.1)) throw new IllegalArgumentException("taker fee must be in [0, 0.1), got " + takerFee);
        if (!(makerFee > -0.1 && makerFee < 0.1)) throw new IllegalArgumentException("maker fee must be in (-0.1, 0.1), got " + makerFee);
        if (!(clearanceFeeRate >= 0 && clearanceFeeRate < 1))
            throw new IllegalArgumentException("clearance fee rate must be in [0, 1), got " + clearanceFeeRate);
    }
}
