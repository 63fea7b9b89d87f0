package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import vq.columnar.Intervals;

/**
 * The lookahead check (DESIGN.md §5): evaluates a strategy on the full data, then again on data truncated at
 * K random (seeded) base-bar boundaries, recomputing every indicator from the truncated data, and proves that
 * every signal before each cut is unchanged. Causal code gives identical signals; code that reads the future
 * (an indicator peeking at the next bar, a higher-timeframe value shown before its bar closed) changes the
 * signals or series just before the cut.
 *
 * <p>For every cut and parameter set it compares the four signal masks on {@code [0, cut)} (as RoaringBitmaps:
 * signals are sparse) and every series the conditions read (indicator outputs, price fields; NaN equals NaN,
 * other values must agree to 1e-12 relative). A finding names the first offending condition (the leaf whose
 * mask differs first) and the first offending series.
 */
public final class LookaheadCheck {
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final double REL_TOL = 1e-12;

    private LookaheadCheck() {}

    /**
     * One difference found.
     *
     * @param cut      bars kept in the truncated run (bars [0, cut))
     * @param set      the parameter set
     * @param kind     "signal" (a mask differs) or "series" (an operand's values differ)
     * @param what     the condition ({@code entry.long: rsi < $oversold at f.yaml:12:7}) or series ({@code rsi.rsi})
     * @param bar      first bar index that differs
     * @param tsNanos  open time of that bar
     * @param detail   values full vs truncated
     */
    public record Finding(int cut, double[] set, String kind, String what, int bar, long tsNanos, String detail) {
        @Override public String toString() {
            return kind + " " + what + " differs at bar " + bar + " (" + Intervals.iso(tsNanos) + ") with data cut at bar " + cut + ": " + detail;
        }
    }

    /**
     * Result.
     *
     * @param cuts          the cut points (bars kept), ascending
     * @param barsCompared  Σ over cuts and sets of bars compared
     */
    public record Report(List<Integer> cuts, int sets, long barsCompared, List<Finding> findings) {
        public boolean passed() { return findings.isEmpty(); }
    }

    /**
     * Random cut points: {@code k} distinct values in {@code [lo, rows)} with lo = max(1, rows/10), seeded.
     * Fewer when the range is smaller than k.
     */
    public static List<Integer> cuts(int rows, int k, long seed) {
        int lo = Math.max(1, rows / 10);
        if (rows - lo <= 0) return List.of();
        SplittableRandom r = new SplittableRandom(seed);
        TreeSet<Integer> s = new TreeSet<>();
        int want = Math.min(k, rows - lo);
        while (s.size() < want) s.add(lo + r.nextInt(rows - lo));
        return List.copyOf(s);
    }

    /**
     * Runs the check.
     *
     * @param full      inputs over all bars
     * @param truncated inputs recomputed from data that ends before bar {@code cut} (rows() must equal cut);
     *                  closed after use when they are {@link AutoCloseable}
     * @param sets      parameter sets to check (e.g. defaults plus a few random ones)
     * @param cuts      cut points from {@link #cuts}
     * @param maxFindings stop after this many findings
     */
    public static Report run(CompiledStrategy cs, MarketInputs full, IntFunction<MarketInputs> truncated, double[][] sets,
                             List<Integer> cuts, int maxFindings) {
        CompiledStrategy.Market fm = cs.on(full);
        int n = fm.rows();
        List<Finding> findings = new ArrayList<>();
        long compared = 0;
        CompiledStrategy.Bound[] fb = new CompiledStrategy.Bound[sets.length];
        RoaringBitmap[][] fullMasks = new RoaringBitmap[sets.length][];
        for (int s = 0; s < sets.length; s++) {
            fb[s] = fm.bind(sets[s]);
            fullMasks[s] = masks(fb[s], n);
        }
        outer:
        for (int cut : cuts) {
            if (cut <= 0 || cut > n) throw new IllegalArgumentException("cut " + cut + " outside (0, " + n + "]");
            MarketInputs tin = truncated.apply(cut);
            try {
            if (tin.rows() != cut)
                throw new IllegalStateException("truncated inputs have " + tin.rows() + " bars, expected " + cut);
            CompiledStrategy.Market tm = cs.on(tin);
            for (int s = 0; s < sets.length; s++) {
                CompiledStrategy.Bound tb = tm.bind(sets[s]);
                compared += cut;
                RoaringBitmap[] tmasks = masks(tb, cut);
                int firstSignal = Integer.MAX_VALUE;
                for (int k = 0; k < 4; k++) {
                    RoaringBitmap f = fullMasks[s][k].clone();
                    f.remove(cut, (long) n);
                    RoaringBitmap x = RoaringBitmap.xor(f, tmasks[k]);
                    if (!x.isEmpty()) firstSignal = Math.min(firstSignal, x.first());
                }
                Finding series = firstSeriesDifference(cs, fb[s], tb, cut, sets[s], full);
                if (firstSignal != Integer.MAX_VALUE) {
                    findings.add(leafFinding(cs, fb[s], tb, cut, sets[s], firstSignal, full));
                    if (series != null) findings.add(series);
                } else if (series != null) {
                    findings.add(series);
                }
                if (findings.size() >= maxFindings) break outer;
            }
            } finally {
                if (tin instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("closing truncated inputs: " + e.getMessage(), e);
                    }
                }
            }
        }
        return new Report(cuts, sets.length, compared, findings);
    }

    private static RoaringBitmap[] masks(CompiledStrategy.Bound b, int rows) {
        Signals sig = new Signals(Math.max(64, rows));
        b.signals(0, rows, sig);
        return new RoaringBitmap[] {sig.toRoaring(sig.entryLong), sig.toRoaring(sig.exitLong), sig.toRoaring(sig.entryShort), sig.toRoaring(sig.exitShort)};
    }

    /** The leaf condition whose mask differs first (at or before {@code bar}). */
    private static Finding leafFinding(CompiledStrategy cs, CompiledStrategy.Bound fb, CompiledStrategy.Bound tb, int cut, double[] set,
                                       int bar, MarketInputs full) {
        long[] a = new long[SignalKernel.words(cut)], b = new long[a.length];
        int best = Integer.MAX_VALUE;
        CompiledStrategy.Leaf bestLeaf = null;
        for (CompiledStrategy.Leaf leaf : cs.leaves()) {
            fb.leaf(leaf.id(), 0, cut, a);
            tb.leaf(leaf.id(), 0, cut, b);
            for (int w = 0; w < a.length; w++) {
                long x = a[w] ^ b[w];
                if (x != 0) {
                    int i = w * 64 + Long.numberOfTrailingZeros(x);
                    if (i < best) { best = i; bestLeaf = leaf; }
                    break;
                }
            }
        }
        if (bestLeaf == null)
            return new Finding(cut, set.clone(), "signal", "time filters or mask combination", bar, full.ts(bar), "masks differ but no single condition does");
        fb.leaf(bestLeaf.id(), 0, cut, a);
        tb.leaf(bestLeaf.id(), 0, cut, b);
        boolean fv = SignalKernel.get(a, best), tv = SignalKernel.get(b, best);
        return new Finding(cut, set.clone(), "signal", bestLeaf.toString(), best, full.ts(best), "full data " + fv + ", truncated " + tv);
    }

    private static Finding firstSeriesDifference(CompiledStrategy cs, CompiledStrategy.Bound fb, CompiledStrategy.Bound tb, int cut,
                                                 double[] set, MarketInputs full) {
        Finding best = null;
        for (String name : fb.seriesNames()) {
            MemorySegment x = fb.series(name), y = tb.series(name);
            if (y == null) continue;
            for (int i = 0; i < cut; i++) {
                double u = x.getAtIndex(D, i), v = y.getAtIndex(D, i);
                if (same(u, v)) continue;
                if (best == null || i < best.bar())
                    best = new Finding(cut, set.clone(), "series", name, i, full.ts(i), "full data " + u + ", truncated " + v);
                break;
            }
        }
        return best;
    }

    static boolean same(double u, double v) {
        if (Double.isNaN(u) || Double.isNaN(v)) return Double.isNaN(u) && Double.isNaN(v);
        return u == v || Math.abs(u - v) <= REL_TOL * Math.max(Math.abs(u), Math.abs(v));
    }
}
