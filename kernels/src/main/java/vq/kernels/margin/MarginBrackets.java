package vq.kernels.margin;

import java.util.Arrays;

/**
 * The tiered maintenance-margin table of one symbol ("leverage and margin tiers"): for each bracket
 * {@code i} a notional range {@code [floor_i, cap_i)}, a maximum initial leverage, a maintenance margin
 * rate {@code mmr_i} and a maintenance amount {@code cum_i} (Binance's {@code cum}).
 *
 * <p>Binance defines the maintenance margin of a position of notional {@code N} (USDT, at the mark price)
 * as {@code MM = N × mmr_b − cum_b} where {@code b} is the bracket containing {@code N}, and the
 * maintenance amount as {@code cum_n = floor_n × (mmr_n − mmr_{n−1}) + cum_{n−1}}, which makes {@code MM}
 * continuous in {@code N} (Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts",
 * https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93, sections "Maintenance Amount"
 * and "Maintenance Margin"). The constructor checks that rule, so a mistyped table fails loudly.
 *
 * <p>Brackets are contiguous and sorted; a notional at or above the last cap uses the last bracket
 * (Binance rejects such orders; the simulator's risk layer is what prevents them). Immutable and
 * thread-safe; lookups are a short linear scan without allocation.
 */
public final class MarginBrackets {

    private final String symbol;
    private final double[] floor;
    private final double[] cap;
    private final double[] maxLeverage;
    private final double[] mmr;
    private final double[] cum;

    /**
     * @param symbol      symbol, for error messages
     * @param floor       notional floor of each bracket (USDT), ascending, {@code floor[0] = 0}
     * @param cap         notional cap of each bracket (USDT), {@code cap[i] = floor[i+1]}
     * @param maxLeverage maximum initial leverage of each bracket (×)
     * @param mmr         maintenance margin rate of each bracket (fraction), non-decreasing
     * @param cum         maintenance amount of each bracket (USDT)
     * @throws IllegalArgumentException naming the symbol and bracket (1-based) when the table is not
     *                                  contiguous, not monotone, or {@code cum} breaks Binance's rule
     *                                  (tolerance 1e-6 USDT)
     */
    public MarginBrackets(String symbol, double[] floor, double[] cap, double[] maxLeverage, double[] mmr, double[] cum) {
        int n = floor.length;
        if (n == 0 || cap.length != n || maxLeverage.length != n || mmr.length != n || cum.length != n) {
            throw new IllegalArgumentException(symbol + ": bracket arrays must be non-empty and of equal length");
        }
        if (floor[0] != 0.0) throw new IllegalArgumentException(symbol + ": bracket 1 notional_floor must be 0, got " + floor[0]);
        for (int i = 0; i < n; i++) {
            if (!(cap[i] > floor[i])) throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " notional_cap " + cap[i] + " must exceed notional_floor " + floor[i]);
            if (!(mmr[i] > 0 && mmr[i] < 1)) throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " maint_margin_rate must be in (0,1), got " + mmr[i]);
            if (!(maxLeverage[i] >= 1)) throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " max_leverage must be >= 1, got " + maxLeverage[i]);
            if (i > 0) {
                if (floor[i] != cap[i - 1]) throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " notional_floor " + floor[i] + " must equal bracket " + i + " notional_cap " + cap[i - 1]);
                if (mmr[i] < mmr[i - 1]) throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " maint_margin_rate decreases");
                double expected = floor[i] * (mmr[i] - mmr[i - 1]) + cum[i - 1];
                if (Math.abs(expected - cum[i]) > 1e-6 * Math.max(1.0, Math.abs(expected))) {
                    throw new IllegalArgumentException(symbol + ": bracket " + (i + 1) + " maint_amount " + cum[i]
                            + " breaks cum_n = floor_n*(mmr_n - mmr_n-1) + cum_n-1 = " + expected);
                }
            } else if (cum[0] != 0.0) {
                throw new IllegalArgumentException(symbol + ": bracket 1 maint_amount must be 0, got " + cum[0]);
            }
        }
        this.symbol = symbol;
        this.floor = floor.clone();
        this.cap = cap.clone();
        this.maxLeverage = maxLeverage.clone();
        this.mmr = mmr.clone();
        this.cum = cum.clone();
    }

    /** @return the symbol this table belongs to */
    public String symbol() { return symbol; }

    /** @return number of brackets */
    public int size() { return floor.length; }

    /**
     * @param notional position notional in USDT (absolute value is used)
     * @return 0-based bracket index whose {@code [floor, cap)} contains {@code |notional|}; the last
     *         bracket for notionals at or beyond the last cap
     */
    public int bracketOf(double notional) {
        double a = Math.abs(notional);
        int last = floor.length - 1;
        for (int i = 0; i < last; i++) {
            if (a < cap[i]) return i;
        }
        return last;
    }

    /** @return notional floor (USDT) of bracket {@code i} (0-based) */
    public double floor(int i) { return floor[i]; }
    /** @return notional cap (USDT) of bracket {@code i} */
    public double cap(int i) { return cap[i]; }
    /** @return maintenance margin rate (fraction) of bracket {@code i} */
    public double mmr(int i) { return mmr[i]; }
    /** @return maintenance amount {@code cum} (USDT) of bracket {@code i} */
    public double cum(int i) { return cum[i]; }
    /** @return maximum initial leverage of bracket {@code i} */
    public double maxLeverage(int i) { return maxLeverage[i]; }

    /**
     * Maintenance margin {@code MM = |N| × mmr_b − cum_b} (Binance's formula).
     *
     * @param notional position notional at the mark price, USDT
     * @return maintenance margin in USDT, ≥ 0
     */
    public double maintenanceMargin(double notional) {
        double a = Math.abs(notional);
        int b = bracketOf(a);
        return a * mmr[b] - cum[b];
    }

    /**
     * @param notional position notional in USDT
     * @return the highest initial leverage Binance allows for a position of that notional
     */
    public double maxLeverageFor(double notional) { return maxLeverage[bracketOf(notional)]; }

    /**
     * Binance's "maximum position at current leverage": the largest position notional a symbol accepts at
     * initial leverage {@code leverage}, the cap of the last bracket whose maximum leverage is at least
     * {@code leverage} (brackets list notional caps rising and maximum leverage falling; Binance rejects an
     * order that would take the position beyond it, API error −2027 "Exceeded the maximum allowable position
     * at current leverage", https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code).
     *
     * @param leverage initial leverage, ≥ 1
     * @return maximum position notional in USDT; 0 when {@code leverage} exceeds every bracket's maximum
     */
    public double maxNotionalAt(double leverage) {
        double best = 0;
        for (int i = 0; i < maxLeverage.length; i++) if (maxLeverage[i] >= leverage) best = Math.max(best, cap[i]);
        return best;
    }

    @Override
    public String toString() {
        return "MarginBrackets[" + symbol + ", " + floor.length + " brackets, mmr=" + Arrays.toString(mmr) + "]";
    }
}
