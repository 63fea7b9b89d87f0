package vq.optimizer.stats;

import java.util.Arrays;
import vq.columnar.InputException;
import vq.columnar.Intervals;

/**
 * Additive per-segment accumulators of periodic (daily) returns for many parameter sets: the one input
 * every overfitting statistic in this package reads.
 *
 * <p>The time axis is cut into {@code segments} contiguous, disjoint, ordered segments (typically UTC
 * days, or the elementary pieces between all walk-forward / fold / CSCV boundaries). For every segment
 * {@code s} and parameter set {@code p} it holds the power sums of the returns {@code r} observed in that
 * segment: count {@code n}, {@code Σr}, {@code Σr²}, {@code Σr³}, {@code Σr⁴}, and the log growth
 * {@code Σ ln(1+r)}. Power sums add, so the statistics of any union of segments (a training window, a
 * CSCV half, a fold) are exact without the per-bar or per-day series: this is how walk-forward and folds
 * for all parameter sets come out of one screening pass (DESIGN.md §8).
 *
 * <p>Returns are simple fractional returns per observation (0.01 = +1 %), normally the daily returns of
 * DESIGN.md §6–7 (equity marked at 00:00 UTC). Layout: each statistic is a {@code double[segments × sets]}
 * array, row-major by segment ({@code index = s * sets + p}), so summing a range of segments is a
 * unit-stride loop over parameter sets.
 *
 * <p>Segment {@code s} spans {@code [startNanos[s], startNanos[s+1])}; {@code startNanos} has
 * {@code segments + 1} entries (epoch ns UTC) and is strictly increasing.
 */
public final class SegmentReturns {
    private final int segments;
    private final int sets;
    private final long[] startNanos;
    final double[] n;
    final double[] s1;
    final double[] s2;
    final double[] s3;
    final double[] s4;
    final double[] logGrowth;

    /**
     * Empty accumulators.
     *
     * @param startNanos segment boundaries, {@code segments + 1} strictly increasing epoch-ns values
     * @param sets number of parameter sets (≥ 1)
     * @throws InputException if the boundaries are not strictly increasing or sizes are invalid
     */
    public SegmentReturns(long[] startNanos, int sets) {
        if (startNanos.length < 2) throw new InputException("segment boundaries: need at least 2 (one segment), got " + startNanos.length);
        if (sets < 1) throw new InputException("parameter sets: need at least 1, got " + sets);
        for (int i = 1; i < startNanos.length; i++) {
            if (startNanos[i] <= startNanos[i - 1]) {
                throw new InputException("segment boundaries: not strictly increasing at index " + i + " ("
                        + Intervals.iso(startNanos[i - 1]) + " then " + Intervals.iso(startNanos[i]) + ")");
            }
        }
        this.segments = startNanos.length - 1;
        this.sets = sets;
        this.startNanos = startNanos.clone();
        long cells = (long) segments * sets;
        if (cells > Integer.MAX_VALUE - 8) throw new InputException("segments × sets = " + cells + " is too large for one accumulator table");
        int c = (int) cells;
        n = new double[c]; s1 = new double[c]; s2 = new double[c]; s3 = new double[c]; s4 = new double[c]; logGrowth = new double[c];
    }

    /** Daily segment boundaries: {@code days + 1} UTC midnights from {@code firstDayNanos}. */
    public static long[] dailyBoundaries(long firstDayNanos, int days) {
        if (firstDayNanos % Intervals.NANOS_PER_DAY != 0) throw new InputException("first day " + Intervals.iso(firstDayNanos) + " is not a UTC midnight");
        long[] b = new long[days + 1];
        for (int i = 0; i <= days; i++) b[i] = firstDayNanos + i * Intervals.NANOS_PER_DAY;
        return b;
    }

    /**
     * Accumulators from a dense return matrix, one segment per row.
     *
     * @param returns {@code [observation][set]} simple returns; NaN cells are skipped (no observation)
     * @param startNanos {@code observations + 1} boundaries
     */
    public static SegmentReturns ofDaily(double[][] returns, long[] startNanos) {
        if (returns.length + 1 != startNanos.length) {
            throw new InputException("returns have " + returns.length + " rows but " + startNanos.length + " boundaries (need rows + 1)");
        }
        int sets = returns[0].length;
        SegmentReturns r = new SegmentReturns(startNanos, sets);
        for (int t = 0; t < returns.length; t++) {
            if (returns[t].length != sets) throw new InputException("returns row " + t + " has " + returns[t].length + " columns, expected " + sets);
            for (int p = 0; p < sets; p++) if (!Double.isNaN(returns[t][p])) r.add(t, p, returns[t][p]);
        }
        return r;
    }

    /**
     * Adds one return observation of parameter set {@code set} to segment {@code segment}.
     *
     * @throws InputException if {@code r} is not finite or ≤ −1 (a loss of more than everything)
     */
    public void add(int segment, int set, double r) {
        if (!Double.isFinite(r) || r <= -1.0) {
            throw new InputException("return of set " + set + " in segment " + segment + " (" + Intervals.iso(startNanos[segment]) + ") is " + r + ": must be finite and > -1");
        }
        int i = segment * sets + set;
        double r2 = r * r;
        n[i] += 1; s1[i] += r; s2[i] += r2; s3[i] += r2 * r; s4[i] += r2 * r2; logGrowth[i] += Math.log1p(r);
    }

    /** Adds precomputed power sums (as the screening kernel accumulates them) to one cell. */
    public void addSums(int segment, int set, double count, double sum1, double sum2, double sum3, double sum4, double sumLog1p) {
        int i = segment * sets + set;
        n[i] += count; s1[i] += sum1; s2[i] += sum2; s3[i] += sum3; s4[i] += sum4; logGrowth[i] += sumLog1p;
    }

    public int segments() { return segments; }

    public int sets() { return sets; }

    /** Start of segment {@code s}; {@code startNanos(segments())} is the end of the last segment. */
    public long startNanos(int s) { return startNanos[s]; }

    /** Copy of the {@code segments + 1} boundaries. */
    public long[] boundaries() { return startNanos.clone(); }

    /** Index of the segment starting exactly at {@code tsNanos}, or {@code segments()} for the end; −1 if no boundary is there. */
    public int boundaryIndex(long tsNanos) {
        int i = Arrays.binarySearch(startNanos, tsNanos);
        return i >= 0 ? i : -1;
    }

    /** Moments of set {@code set} over segments {@code [from, to)}. */
    public Moments moments(int set, int from, int to) {
        checkRange(from, to);
        double cn = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, cl = 0;
        for (int s = from; s < to; s++) {
            int i = s * sets + set;
            cn += n[i]; c1 += s1[i]; c2 += s2[i]; c3 += s3[i]; c4 += s4[i]; cl += logGrowth[i];
        }
        return Moments.ofPowerSums(cn, c1, c2, c3, c4, cl);
    }

    /** Moments of set {@code set} over a union of segments given as a mask ({@code mask[s]} true = included). */
    public Moments moments(int set, boolean[] mask) {
        if (mask.length != segments) throw new IllegalArgumentException("mask length " + mask.length + " != segments " + segments);
        double cn = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, cl = 0;
        for (int s = 0; s < segments; s++) {
            if (!mask[s]) continue;
            int i = s * sets + set;
            cn += n[i]; c1 += s1[i]; c2 += s2[i]; c3 += s3[i]; c4 += s4[i]; cl += logGrowth[i];
        }
        return Moments.ofPowerSums(cn, c1, c2, c3, c4, cl);
    }

    /**
     * Sums of the first three statistics over {@code [from, to)} for all sets at once (unit-stride, the hot
     * path of walk-forward and CSCV).
     *
     * @param out {@code [3][sets]}: count, Σr, Σr² (overwritten)
     */
    public void sumRange(int from, int to, double[][] out) {
        checkRange(from, to);
        double[] on = out[0], o1 = out[1], o2 = out[2];
        Arrays.fill(on, 0, sets, 0); Arrays.fill(o1, 0, sets, 0); Arrays.fill(o2, 0, sets, 0);
        for (int s = from; s < to; s++) addSegment(s, on, o1, o2);
    }

    /** Adds segment {@code s}'s count, Σr, Σr² of every set into {@code out[3][sets]} (for unions given as masks). */
    public void addSegmentTo(int s, double[][] out) { addSegment(s, out[0], out[1], out[2]); }

    /** Adds segment {@code s}'s count, Σr, Σr² of every set into the three arrays. */
    void addSegment(int s, double[] on, double[] o1, double[] o2) {
        int base = s * sets;
        for (int p = 0; p < sets; p++) {
            on[p] += n[base + p]; o1[p] += s1[base + p]; o2[p] += s2[base + p];
        }
    }

    /** Sum of log growth {@code Σ ln(1+r)} of every set over {@code [from, to)} into {@code out[sets]}. */
    public void logGrowthRange(int from, int to, double[] out) {
        checkRange(from, to);
        Arrays.fill(out, 0, sets, 0);
        for (int s = from; s < to; s++) {
            int base = s * sets;
            for (int p = 0; p < sets; p++) out[p] += logGrowth[base + p];
        }
    }

    /**
     * The same accumulators re-cut at coarser {@code edges} (each new segment the union of the old segments
     * between two edges): exact, since power sums add.
     *
     * @param edges strictly increasing, each one a boundary of this accumulator, first and last equal to its span
     */
    public SegmentReturns coarsen(long[] edges) {
        if (edges[0] != startNanos[0] || edges[edges.length - 1] != startNanos[segments]) {
            throw new InputException("coarsen: new edges must span " + Intervals.iso(startNanos[0]) + " .. " + Intervals.iso(startNanos[segments]));
        }
        SegmentReturns out = new SegmentReturns(edges, sets);
        for (int k = 0; k + 1 < edges.length; k++) {
            int a = boundaryIndex(edges[k]), b = boundaryIndex(edges[k + 1]);
            if (a < 0 || b < 0) throw new InputException("coarsen: edge " + Intervals.iso(a < 0 ? edges[k] : edges[k + 1]) + " is not a boundary of the fine accumulators");
            for (int s = a; s < b; s++) {
                int src = s * sets, dst = k * sets;
                for (int p = 0; p < sets; p++) {
                    out.n[dst + p] += n[src + p]; out.s1[dst + p] += s1[src + p]; out.s2[dst + p] += s2[src + p];
                    out.s3[dst + p] += s3[src + p]; out.s4[dst + p] += s4[src + p]; out.logGrowth[dst + p] += logGrowth[src + p];
                }
            }
        }
        return out;
    }

    /** Log growth of one cell. */
    public double logGrowth(int segment, int set) { return logGrowth[segment * sets + set]; }

    /** Observation count of one cell. */
    public double count(int segment, int set) { return n[segment * sets + set]; }

    private void checkRange(int from, int to) {
        if (from < 0 || to > segments || from >= to) throw new IllegalArgumentException("segment range [" + from + ", " + to + ") outside [0, " + segments + "]");
    }
}
