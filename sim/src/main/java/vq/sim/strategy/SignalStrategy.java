package vq.sim.strategy;

import vq.sim.order.Orders;

/**
 * Runs pre-computed signal masks — what a compiled DSL strategy produces, the very same bits the SIMD
 * screen reads — through the event-driven engine with the DESIGN.md §6 order logic:
 *
 * <ul>
 *   <li>at the close of bar {@code i}: a long position exits on {@code exitLong[i]} or
 *       {@code enterShort[i]}, a short one on {@code exitShort[i]} or {@code enterLong[i]} (market,
 *       reduce-only, reason {@code signal});</li>
 *   <li>when flat at that close: {@code enterLong[i]} alone opens a long, {@code enterShort[i]} alone a
 *       short (both at once is ambiguous and opens nothing); a long exiting on {@code enterShort[i]}
 *       reverses into a short (a short on {@code enterLong[i]} into a long) at the same open; no pyramiding;</li>
 *   <li>entries carry an OCO bracket set from the fill price: stop-loss {@code fixed_pct}, {@code atr_fixed}
 *       (ATR of the signal bar) or {@code atr_trailing} (the stop trails the best close since entry by
 *       k × ATR, moved at each close), take-profit {@code fixed_pct}, {@code atr} or {@code risk_reward};</li>
 *   <li>sizes come from the run's {@link vq.sim.sizing.Sizing} (margin fraction in screening).</li>
 * </ul>
 *
 * <p>Shapes: per symbol, bitsets of {@code ceil(bars/64)} words (bit {@code i & 63} of word {@code i >> 6} is
 * bar {@code i}); {@code atr} per bar (NaN in warm-up) or null when no ATR rule is used.
 */
public final class SignalStrategy implements SimStrategy {

    /** Signal bitsets and the ATR series of one symbol. */
    public record Signals(long[] enterLong, long[] exitLong, long[] enterShort, long[] exitShort, double[] atr, double[] takeAtr) {
        /** Signals whose stop and take-profit read the same ATR series (or none). */
        public Signals(long[] enterLong, long[] exitLong, long[] enterShort, long[] exitShort, double[] atr) {
            this(enterLong, exitLong, enterShort, exitShort, atr, atr);
        }

        public static long[] bits(boolean[] b) {
            long[] w = new long[(b.length + 63) >>> 6];
            for (int i = 0; i < b.length; i++) if (b[i]) w[i >>> 6] |= 1L << (i & 63);
            return w;
        }
    }

    public enum StopKind { NONE, FIXED_PCT, ATR_FIXED, ATR_TRAILING }

    public enum TakeKind { NONE, FIXED_PCT, ATR, RISK_REWARD }

    /**
     * @param stop       stop-loss kind
     * @param stopAmount fraction of price (FIXED_PCT) or ATR multiple
     * @param take       take-profit kind
     * @param takeAmount fraction of price, ATR multiple, or multiple of the stop distance
     */
    public record Exits(StopKind stop, double stopAmount, TakeKind take, double takeAmount) {
        public static final Exits NONE = new Exits(StopKind.NONE, Double.NaN, TakeKind.NONE, Double.NaN);
    }

    private final Signals[] signals;
    private final Exits exits;
    private final double[] best;

    public SignalStrategy(Signals[] signals, Exits exits) {
        this.signals = signals.clone();
        this.exits = exits;
        this.best = new double[signals.length];
    }

    private static boolean bit(long[] w, int i) {
        return w != null && (i >>> 6) < w.length && (w[i >>> 6] & (1L << (i & 63))) != 0;
    }

    @Override
    public void onBar(SimContext ctx, int s, int i) {
        Signals g = signals[s];
        boolean el = bit(g.enterLong(), i), xl = bit(g.exitLong(), i), es = bit(g.enterShort(), i), xs = bit(g.exitShort(), i);
        double pos = ctx.position(s);
        double close = ctx.feed(s).close()[i];
        boolean exiting = false;
        if (pos > 0 && (xl || es)) {
            ctx.logSignal(s, xl ? "exit_long" : "enter_short", i);
            ctx.order().symbol(s).sell().market().qty(pos).reduceOnly().reason(Orders.R_SIGNAL).submit();
            exiting = true;
        } else if (pos < 0 && (xs || el)) {
            ctx.logSignal(s, xs ? "exit_short" : "enter_long", i);
            ctx.order().symbol(s).buy().market().qty(-pos).reduceOnly().reason(Orders.R_SIGNAL).submit();
            exiting = true;
        }
        // flat: enter on exactly one entry signal; on a signal exit, reverse into the opposite entry signal
        int enter = 0;
        if (pos == 0) enter = el == es ? 0 : (el ? 1 : -1);
        else if (exiting) enter = pos > 0 ? (es ? -1 : 0) : (el ? 1 : 0);
        if (enter != 0) {
            {
                int side = enter;
                ctx.logSignal(s, side > 0 ? "enter_long" : "enter_short", i);
                var r = ctx.order().symbol(s).side(side).market().reason(Orders.R_ENTRY);
                double a = g.atr() == null ? Double.NaN : g.atr()[i];
                switch (exits.stop()) {
                    case FIXED_PCT -> r.stopPct(exits.stopAmount());
                    case ATR_FIXED, ATR_TRAILING -> { if (Double.isFinite(a)) r.stopDistance(exits.stopAmount() * a); }
                    default -> { }
                }
                double ta = g.takeAtr() == null ? Double.NaN : g.takeAtr()[i];
                switch (exits.take()) {
                    case FIXED_PCT -> r.takePct(exits.takeAmount());
                    case ATR -> { if (Double.isFinite(ta)) r.takeDistance(exits.takeAmount() * ta); }
                    case RISK_REWARD -> r.riskReward(exits.takeAmount());
                    default -> { }
                }
                r.submit();
                best[s] = close;
            }
        } else if (!exiting && pos != 0 && exits.stop() == StopKind.ATR_TRAILING) {
            int stop = ctx.protectiveStop(s);
            double a = g.atr() == null ? Double.NaN : g.atr()[i];
            if (stop >= 0 && Double.isFinite(a)) {
                best[s] = pos > 0 ? Math.max(best[s], close) : Math.min(best[s], close);
                double level = best[s] - Math.signum(pos) * exits.stopAmount() * a;
                double cur = ctx.orders().stopPx[stop];
                if (pos > 0 ? level > cur : level < cur) ctx.modify(stop, Double.NaN, Double.NaN, level);
            }
        }
    }
}
