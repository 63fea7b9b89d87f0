package vq.kernels.screen;

import java.lang.foreign.MemorySegment;
import vq.columnar.InputException;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.SignalKernel;
import vq.kernels.strategy.StrategySpec;

/**
 * A compiled DSL strategy on one symbol as a {@link SignalSource}: set {@code s} is bound to
 * {@code sets[s]} (values in {@code parameters()} order). The strategy's own mask code produces the bits,
 * so the screen and the event simulator see the very same signals (DESIGN.md §2).
 *
 * <p>Thread-safety: a {@link CompiledStrategy.Bound} belongs to one thread; bindings are created lazily per
 * set and only touched by the thread that owns that set's range (ranges are disjoint and fixed per run).
 * Memory: one binding per set (references to shared cached series plus scratch of a few block words).
 */
public final class StrategySignals implements SignalSource {
    private final CompiledStrategy.Market market;
    private final double[][] sets;
    private final CompiledStrategy.Bound[] bound;
    /** Per set, lazily: its crossing pair, or noPair when it has none (each entry touched by one thread only). */
    private final CompiledStrategy.CrossingPair[] pairs;
    private final boolean[] noPair;

    public StrategySignals(CompiledStrategy.Market market, double[][] sets) {
        this.market = market;
        this.sets = sets;
        this.bound = new CompiledStrategy.Bound[sets.length];
        this.pairs = new CompiledStrategy.CrossingPair[sets.length];
        this.noPair = new boolean[sets.length];
    }

    /** As {@link #StrategySignals(CompiledStrategy.Market, double[][])}; {@code blockBars} is no longer needed (kept for callers). */
    public StrategySignals(CompiledStrategy.Market market, double[][] sets, int blockBars) {
        this(market, sets);
    }

    @Override public int parameterSets() { return sets.length; }

    private CompiledStrategy.Bound bound(int s) {
        CompiledStrategy.Bound b = bound[s];
        if (b == null) bound[s] = b = market.bind(sets[s]);
        return b;
    }

    /**
     * Bars per pass of the crossing-pair path: every set of the range is evaluated over one chunk before the next,
     * so the chunk's rows of the series the sets share (sma_cross: 156 SMA windows × 512 bars × 8 bytes = 0.6 MB)
     * come from L2 for every set instead of each set streaming its whole block from L3. A multiple of 64.
     */
    static final int CHUNK = 512;

    @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
        long[][] outs = {out.enterLong, out.exitLong, out.enterShort, out.exitShort};
        if (!crossingPairs(setFrom, setTo)) {
            for (int s = setFrom; s < setTo; s++)
                bound(s).signals(barFrom, barTo, outs[0], outs[1], outs[2], outs[3], (s - setFrom) * out.words);
            return;
        }
        // every set is one crossing pair: both crossings in one pass, chunk by chunk over all sets (a crossing at a
        // chunk's first bar reads the bar before it, so the bits are those of the whole block), then the copies
        for (int c = barFrom; c < barTo; c += CHUNK) {
            int e = Math.min(barTo, c + CHUNK), w = (c - barFrom) >>> 6;
            for (int s = setFrom; s < setTo; s++) {
                CompiledStrategy.CrossingPair p = pairs[s];
                SignalKernel.crossBoth(p.x(), p.y(), c, e, outs[p.first(CompiledStrategy.CrossingPair.ABOVE)],
                        outs[p.first(CompiledStrategy.CrossingPair.BELOW)], (s - setFrom) * out.words + w);
            }
        }
        int words = SignalKernel.words(barTo - barFrom);
        for (int s = setFrom; s < setTo; s++) {
            CompiledStrategy.CrossingPair p = pairs[s];
            int off = (s - setFrom) * out.words;
            for (int j = 0; j < 4; j++) {
                int kind = p.kind(j), src = p.first(kind);
                if (kind == CompiledStrategy.CrossingPair.EMPTY) java.util.Arrays.fill(outs[j], off, off + words, 0L);
                else if (src != j) System.arraycopy(outs[src], off, outs[j], off, words);
            }
        }
    }

    /** Whether every set of {@code [from, to)} is a crossing pair ({@link CompiledStrategy.Bound#crossingPair}); fills {@link #pairs}. */
    private boolean crossingPairs(int from, int to) {
        for (int s = from; s < to; s++) {
            if (pairs[s] == null) {
                if (noPair[s]) return false;
                pairs[s] = bound(s).crossingPair();
                if (pairs[s] == null) { noPair[s] = true; return false; }
            }
        }
        return true;
    }

    /**
     * Sizing and exits of every set from the strategy's {@code stop_loss}, {@code take_profit} and
     * {@code position} (resolved per set), with optional overrides (NaN = keep the strategy's value).
     *
     * @throws InputException for settings the screen cannot model exactly: cross margin, trailing ATR stops,
     *                        sizing other than fixed fraction (validate them with the event simulator)
     */
    public static LaneParams laneParams(CompiledStrategy.Market market, double[][] sets, double leverageOverride,
                                        double fractionOverride) {
        int n = sets.length;
        double[] lev = new double[n], frac = new double[n], sp = nan(n), tpp = nan(n), sa = nan(n), ta = nan(n), rr = nan(n);
        MemorySegment[] ss = new MemorySegment[n], ts = new MemorySegment[n];
        for (int s = 0; s < n; s++) {
            CompiledStrategy.Risk r = market.bind(sets[s]).risk();
            if (r.marginMode() == StrategySpec.MarginMode.CROSS)
                throw new InputException("position.margin_mode: cross is not modelled by the screen (isolated only); validate cross margin with the simulator");
            if (r.sizing() != StrategySpec.SizingMethod.FIXED_FRACTION)
                throw new InputException("position.sizing: " + r.sizing() + " is not modelled by the screen (fixed_fraction only)");
            lev[s] = Double.isNaN(leverageOverride) ? r.leverage() : leverageOverride;
            frac[s] = Double.isNaN(fractionOverride) ? r.fraction() : fractionOverride;
            if (r.stopKind() != null) {
                switch (r.stopKind()) {
                    case FIXED_PCT -> sp[s] = r.stopAmount();
                    case ATR_FIXED -> { sa[s] = r.stopAmount(); ss[s] = r.stopSeries(); }
                    default -> throw new InputException("stop_loss: " + r.stopKind() + " is not modelled by the screen (fixed_pct and atr_fixed are)");
                }
            }
            if (r.takeKind() != null) {
                switch (r.takeKind()) {
                    case FIXED_PCT -> tpp[s] = r.takeAmount();
                    case ATR -> { ta[s] = r.takeAmount(); ts[s] = r.takeSeries(); }
                    case RISK_REWARD -> rr[s] = r.takeAmount();
                }
            }
        }
        return new LaneParams(lev, frac, sp, tpp, sa, ta, rr, ss, ts);
    }

    /** The sides the strategy trades ({@code position.side}). */
    public static Sides sides(CompiledStrategy.Market market, double[] anySet) {
        return switch (market.bind(anySet).risk().side()) {
            case LONG -> Sides.LONG;
            case SHORT -> Sides.SHORT;
            case BOTH -> Sides.BOTH;
        };
    }

    private static double[] nan(int n) { return LaneParams.fill(n, Double.NaN); }
}
