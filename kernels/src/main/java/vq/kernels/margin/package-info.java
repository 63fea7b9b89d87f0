/**
 * Scalar margin mathematics for Binance USDⓈ-M linear perpetuals, shared by the SIMD screen and the
 * event-driven simulator: tiered maintenance-margin brackets ({@link vq.kernels.margin.MarginBrackets}),
 * the published liquidation-price formula for one-way mode in isolated and cross margin
 * ({@link vq.kernels.margin.Liquidation}), and the venue table (fees by tier, clearance fee, brackets per
 * symbol) read from {@code configs/venues/*.yaml} ({@link vq.kernels.margin.VenueSpec}).
 *
 * <p>Sources: Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93 ; Binance, "Leverage and Margin
 * of USDⓈ-M Futures", https://www.binance.com/en/support/faq/360033162192 ; Binance, "Liquidation
 * Protocols", https://www.binance.com/en/support/faq/360033525271 .
 *
 * <p>Units: prices and notionals in the quote currency (USDT), quantities in the base asset, rates as
 * fractions. Everything here is allocation-free after construction and safe to call from hot loops.
 */
package vq.kernels.margin;
