package vq.kernels.screen;

/**
 * Per-segment accumulators of a screen with {@link Windows} (one value per parameter set and elementary segment
 * between consecutive window edges; attribution rules in {@link Windows}). The sums add across segments, so any
 * union of segments (a training window, a fold, a CSCV half) is exact; the daily-return power sums and
 * {@code Σ ln(1+r)} are what {@code vq.optimizer.stats.SegmentReturns#addSums} takes.
 */
public enum SegmentField {
    /** Equity at the segment's start edge (USDT). */
    START_EQUITY,
    /** Equity at the segment's end edge (USDT). */
    END_EQUITY,
    TRADES, WINS, GROSS_PROFIT, GROSS_LOSS,
    /** Number of daily returns. */
    DAYS, SUM_R, SUM_R2, SUM_DOWN2, BARS_IN_POSITION, FEES, FUNDING, SUM_R3, SUM_R4,
    /** Σ ln(1 + r) over the daily returns. */
    LOG_GROWTH;

    public static final int COUNT = values().length;
}
