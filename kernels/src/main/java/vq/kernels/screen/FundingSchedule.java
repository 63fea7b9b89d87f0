package vq.kernels.screen;

import java.util.Arrays;

/**
 * Funding events aligned to bars (DESIGN.md §6 "Funding"), shared by the screening kernel and the event
 * simulator so that both charge funding at the very same bars and prices.
 *
 * <p>Alignment rule: a funding event at time {@code T} (epoch ns; Binance stamps carry 0–15 ms of jitter)
 * is charged at the <em>open</em> of the first bar {@code i} with {@code tsNanos[i] + interval > T}, i.e. the
 * bar containing {@code T}, or the first bar after a data gap containing {@code T}; it is charged before any
 * fill at that open. Events before the first bar's open or at/after the last bar's close are ignored. When
 * several events fall on one bar (a gap of more than one funding interval) their rates are added.
 * The price is {@code mark_price(T)} = the mark-price bar open at that bar's open time when mark bars are
 * given and have that timestamp, else the bar open.
 *
 * <p>Payment (DESIGN.md §6): a position of signed quantity {@code q} (long &gt; 0) pays
 * {@code q × mark × rate} (a negative payment is a receipt).
 *
 * <p>Shapes: {@code rate[i]} and {@code mark[i]} per bar; {@code rate[i]} is NaN on bars without an event.
 */
public final class FundingSchedule {
    /** Default funding interval of Binance USDⓈ-M perpetuals: 8 h, at 00:00, 08:00, 16:00 UTC. */
    public static final long EIGHT_HOURS_NANOS = 8L * 3600 * 1_000_000_000L;

    private final double[] rate;
    private final double[] mark;
    private final int events;
    private final String description;

    private FundingSchedule(double[] rate, double[] mark, int events, String description) {
        this.rate = rate;
        this.mark = mark;
        this.events = events;
        this.description = description;
    }

    /** No funding at all. */
    public static FundingSchedule none(BarSeries bars) {
        double[] r = new double[bars.size()];
        Arrays.fill(r, Double.NaN);
        return new FundingSchedule(r, new double[bars.size()], 0, "none");
    }

    /**
     * Real funding events.
     *
     * @param fundingTsNanos funding times (epoch ns), strictly increasing
     * @param fundingRate    rate per event, fraction (0.0001 = 1 bp; positive: longs pay)
     * @param markTsNanos    mark-price bar open times, strictly increasing, or null
     * @param markOpen       mark-price bar opens (same length as {@code markTsNanos}), or null
     * @throws IllegalArgumentException on length mismatch, non-increasing times or a non-finite rate (naming the row)
     */
    public static FundingSchedule of(BarSeries bars, long[] fundingTsNanos, double[] fundingRate,
                                     long[] markTsNanos, double[] markOpen, String description) {
        if (fundingTsNanos.length != fundingRate.length)
            throw new IllegalArgumentException("funding: ts and rate differ in length");
        if ((markTsNanos == null) != (markOpen == null) || (markTsNanos != null && markTsNanos.length != markOpen.length))
            throw new IllegalArgumentException("mark bars: ts and open differ in length");
        int n = bars.size();
        long[] ts = bars.tsNanos();
        long iv = bars.intervalNanos();
        double[] r = new double[n];
        Arrays.fill(r, Double.NaN);
        double[] m = new double[n];
        int bar = 0, count = 0, mk = 0;
        for (int k = 0; k < fundingTsNanos.length; k++) {
            long t = fundingTsNanos[k];
            if (k > 0 && t <= fundingTsNanos[k - 1])
                throw new IllegalArgumentException("funding row " + k + ": time not after the previous one");
            if (!Double.isFinite(fundingRate[k])) throw new IllegalArgumentException("funding row " + k + ": non-finite rate");
            if (t < ts[0] || t >= ts[n - 1] + iv) continue;
            while (ts[bar] + iv <= t) bar++;
            if (Double.isNaN(r[bar])) {
                r[bar] = fundingRate[k];
                double price = bars.open()[bar];
                if (markTsNanos != null) {
                    while (mk < markTsNanos.length && markTsNanos[mk] < ts[bar]) mk++;
                    if (mk < markTsNanos.length && markTsNanos[mk] == ts[bar]) price = markOpen[mk];
                }
                m[bar] = price;
            } else {
                r[bar] += fundingRate[k];
            }
            count++;
        }
        return new FundingSchedule(r, m, count, description);
    }

    /**
     * A constant rate charged every {@code periodNanos} at multiples of the period since the epoch (UTC),
     * used when the catalog has no funding dataset; the output says so.
     */
    public static FundingSchedule constant(BarSeries bars, double ratePerEvent, long periodNanos) {
        if (!Double.isFinite(ratePerEvent)) throw new IllegalArgumentException("constant funding rate must be finite");
        if (periodNanos <= 0) throw new IllegalArgumentException("funding period must be positive");
        long first = Math.floorDiv(bars.tsNanos()[0] + periodNanos - 1, periodNanos) * periodNanos;
        long end = bars.tsNanos()[bars.size() - 1] + bars.intervalNanos();
        int k = (int) Math.max(0, (end - first + periodNanos - 1) / periodNanos);
        long[] t = new long[k];
        double[] rr = new double[k];
        for (int i = 0; i < k; i++) {
            t[i] = first + i * periodNanos;
            rr[i] = ratePerEvent;
        }
        return of(bars, t, rr, null, null, "constant " + ratePerEvent + " every " + (periodNanos / 3_600_000_000_000L) + "h (no funding data)");
    }

    /** Summed funding rate charged at bar {@code i}'s open, NaN when none. */
    public double rate(int i) { return rate[i]; }

    /** Mark price used for bar {@code i}'s funding (meaningful only when {@link #rate} is not NaN). */
    public double mark(int i) { return mark[i]; }

    /** Per-bar rates (NaN = no event); do not modify. */
    double[] rates() { return rate; }

    double[] marks() { return mark; }

    /** Number of funding events charged (events outside the bars are not counted). */
    public int events() { return events; }

    /** Where the rates came from, for the output ("catalog binance/futures-um/BTCUSDT/funding", "constant ..."). */
    public String description() { return description; }
}
