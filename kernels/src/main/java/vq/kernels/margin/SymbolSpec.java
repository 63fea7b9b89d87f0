package vq.kernels.margin;

/**
 * Per-symbol venue parameters.
 *
 * @param symbol                      venue symbol, e.g. {@code BTCUSDT}
 * @param tickSize                    price increment, USDT
 * @param stepSize                    quantity increment, base units
 * @param liquidationClearanceFeeRate clearance fee on liquidated notional, fraction
 * @param brackets                    maintenance-margin brackets
 */
public record SymbolSpec(String symbol, double tickSize, double stepSize, double liquidationClearanceFeeRate,
                         MarginBrackets brackets) {}
