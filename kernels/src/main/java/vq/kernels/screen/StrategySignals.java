package vq.kernels.screen;

import java.lang.foreign.MemorySegment;
import vq.columnar.InputException;
import vq.kernels.strategy.CompiledStrategy;
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

    public StrategySignals(CompiledStrategy.Market market, double[][] sets) {
        this.market = market;
        this.sets = sets;
        this.bound = new CompiledStrategy.Bound[sets.length];
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

    @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
        for (int s = setFrom; s < setTo; s++)
            bound(s).signals(barFrom, barTo, out.enterLong, out.exitLong, out.enterShort, out.exitShort, (s - setFrom) * out.words);
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
