package vq.kernels.margin;

/**
 * Binance USDⓈ-M liquidation price, one-way position mode, isolated and cross margin.
 *
 * <p>Formula (Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93), one-way mode ("BOTH"
 * position):
 * <pre>
 *   LP = (WB − TMM₁ + UPNL₁ + cum_B − Side_B × Pos_B × EP_B) / (Pos_B × MMR_B − Side_B × Pos_B)
 * </pre>
 * where WB is the wallet balance (cross: the cross wallet balance; isolated: the isolated wallet
 * balance of the position, i.e. its margin), TMM₁ and UPNL₁ are the maintenance margin and unrealized
 * PnL of all <em>other</em> cross positions (both 0 in isolated mode), cum_B and MMR_B are the
 * maintenance amount and rate of the position's bracket, Side_B is +1 long / −1 short, Pos_B the
 * absolute size (base units) and EP_B the entry price. Binance notes that when the notional at the
 * resulting price ({@code Pos × LP}) lies in another bracket than the one assumed, the price must be
 * recomputed with that bracket's MMR and cum; {@link #price} does exactly that, scanning brackets
 * until the result is consistent. Because {@code cum} makes the maintenance margin continuous in the
 * notional, exactly one bracket is consistent.
 *
 * <p>Liquidation itself happens when the <em>mark price</em> reaches LP (Binance, "Liquidation
 * Protocols", https://www.binance.com/en/support/faq/360033525271). Fees, funding and clearance fees
 * are not part of the formula; callers account for them through WB.
 *
 * <p>All methods are static, allocation-free and deterministic.
 */
public final class Liquidation {

    private Liquidation() {}

    /**
     * The raw formula with an explicit bracket (no consistency check).
     *
     * @param walletBalance        WB, USDT
     * @param otherMaintenance     TMM₁, USDT (0 for isolated)
     * @param otherUnrealizedPnl   UPNL₁, USDT (0 for isolated)
     * @param maintenanceAmount    cum_B, USDT
     * @param side                 +1 long, −1 short
     * @param qty                  |position| in base units, &gt; 0
     * @param entryPrice           EP, USDT per base unit
     * @param maintenanceMarginRate MMR_B, fraction
     * @return the liquidation price, USDT; may be ≤ 0 for a long that cannot be liquidated
     */
    public static double formula(double walletBalance, double otherMaintenance, double otherUnrealizedPnl,
                                 double maintenanceAmount, int side, double qty, double entryPrice,
                                 double maintenanceMarginRate) {
        double num = walletBalance - otherMaintenance + otherUnrealizedPnl + maintenanceAmount - side * qty * entryPrice;
        double den = qty * maintenanceMarginRate - side * qty;
        return num / den;
    }

    /**
     * Liquidation price with the bracket chosen at the liquidation price itself (Binance's note).
     *
     * @param brackets           the symbol's maintenance-margin brackets
     * @param walletBalance      WB (isolated margin of the position, or cross wallet balance), USDT
     * @param otherMaintenance   TMM₁ (0 for isolated), USDT
     * @param otherUnrealizedPnl UPNL₁ (0 for isolated), USDT
     * @param side               +1 long, −1 short
     * @param qty                |position|, base units, &gt; 0
     * @param entryPrice         entry price, USDT
     * @return the liquidation price in USDT, or 0.0 when a long cannot be liquidated at any positive
     *         price (Binance shows "--"); a short always has a finite positive price
     * @throws IllegalArgumentException if {@code side} is not ±1 or {@code qty}/{@code entryPrice} are not positive
     */
    public static double price(MarginBrackets brackets, double walletBalance, double otherMaintenance,
                               double otherUnrealizedPnl, int side, double qty, double entryPrice) {
        if (side != 1 && side != -1) throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        if (!(qty > 0) || !(entryPrice > 0)) throw new IllegalArgumentException("qty and entryPrice must be > 0, got qty=" + qty + " entryPrice=" + entryPrice);
        int n = brackets.size();
        double fallback = Double.NaN;
        for (int i = 0; i < n; i++) {
            double lp = formula(walletBalance, otherMaintenance, otherUnrealizedPnl, brackets.cum(i), side, qty,
                    entryPrice, brackets.mmr(i));
            double notional = qty * lp;
            if (i == 0 && notional < brackets.cap(0)) return Math.max(lp, 0.0);
            if (notional >= brackets.floor(i) && (notional < brackets.cap(i) || i == n - 1)) return Math.max(lp, 0.0);
            if (i == 0) fallback = lp;
        }
        // Unreachable for a valid (continuous) table; keep a defined answer: the bracket-1 price.
        return Math.max(fallback, 0.0);
    }

    /**
     * Isolated margin: {@code price(brackets, isolatedMargin, 0, 0, side, qty, entryPrice)}.
     *
     * @param isolatedMargin isolated wallet balance of the position (initial margin plus added margin
     *                       minus fees/funding charged to it), USDT
     * @return liquidation price in USDT (0.0 for a long that cannot be liquidated)
     */
    public static double isolated(MarginBrackets brackets, double isolatedMargin, int side, double qty, double entryPrice) {
        return price(brackets, isolatedMargin, 0.0, 0.0, side, qty, entryPrice);
    }

    /**
     * Isolated position opened with a leverage {@code L}: margin = {@code qty × entryPrice / L}.
     *
     * @param leverage initial leverage, ≥ 1
     * @return liquidation price in USDT (0.0 for a long that cannot be liquidated, e.g. 1× long)
     */
    public static double isolatedAtLeverage(MarginBrackets brackets, double leverage, int side, double qty, double entryPrice) {
        return isolated(brackets, qty * entryPrice / leverage, side, qty, entryPrice);
    }

    /**
     * Cross margin: the same formula with the cross wallet balance and the other cross positions'
     * maintenance margin and unrealized PnL.
     *
     * @return liquidation price in USDT (0.0 for a long that cannot be liquidated)
     */
    public static double cross(MarginBrackets brackets, double crossWalletBalance, double otherMaintenance,
                               double otherUnrealizedPnl, int side, double qty, double entryPrice) {
        return price(brackets, crossWalletBalance, otherMaintenance, otherUnrealizedPnl, side, qty, entryPrice);
    }

    /**
     * Liquidation clearance fee charged by Binance on a forced liquidation: {@code qty × price × rate}
     * on the liquidated amount (Binance, "Liquidation Protocols"). In isolated mode the total loss of
     * the position is capped by its margin (the insurance fund absorbs the rest); callers apply the cap.
     *
     * @param qty   liquidated quantity, base units
     * @param price liquidation price, USDT
     * @param rate  clearance fee rate, fraction
     * @return the fee, USDT, ≥ 0
     */
    public static double clearanceFee(double qty, double price, double rate) {
        return Math.abs(qty) * price * rate;
    }
}
