package vq.kernels.strategy;

import java.lang.foreign.MemorySegment;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.strategy.SignalKernel.Input;
import vq.kernels.strategy.StrategySpec.IndicatorSpec;

/**
 * A DSL strategy ready to evaluate, shared by the screening kernel and the event simulator (DESIGN.md §2, §6).
 * Three levels, each cheap to build from the previous one:
 *
 * <pre>
 * CompiledStrategy cs = CompiledStrategy.of(spec);          // once per strategy
 * CompiledStrategy.Market m = cs.on(inputs);                // once per symbol (bars + indicator cache)
 * CompiledStrategy.Bound b = m.bind(params);                // once per parameter set (double[] in parameters() order)
 * Signals s = new Signals(4096);
 * for (int from = 0; from &lt; m.rows(); from += 4096)
 *     b.signals(from, Math.min(m.rows(), from + 4096), s);  // entry/exit masks per side, bit k = bar from+k
 * b.risk();                                                 // stop/take-profit/sizing resolved for this set
 * </pre>
 *
 * Memory: a {@code Bound} holds references to shared series and O(conditions × block/64) scratch words; it
 * never allocates O(bars). {@code Market} holds the time-filter mask (bars/8 bytes). Thread-safety:
 * {@code CompiledStrategy}, {@code Market} and {@code Bound} may be shared by threads (a Bound's scratch is
 * thread-local); a {@link Signals} belongs to one thread.
 */
public final class CompiledStrategy {
    private final StrategySpec spec;
    private final List<Leaf> leaves = new ArrayList<>();

    /** A comparison of the strategy (a leaf of a condition tree), numbered in file order. */
    public record Leaf(int id, String side, Condition condition) {
        /** {@code entry.long: rsi < $oversold at strategy.yaml:12:7}. */
        @Override public String toString() { return side + ": " + condition + " at " + condition.loc(); }
    }

    private CompiledStrategy(StrategySpec spec) {
        this.spec = spec;
        collect("entry.long", spec.entry().longSide());
        collect("exit.long", spec.exit().longSide());
        collect("entry.short", spec.entry().shortSide());
        collect("exit.short", spec.exit().shortSide());
    }

    public static CompiledStrategy of(StrategySpec spec) { return new CompiledStrategy(spec); }

    private void collect(String side, Condition c) {
        if (c == null) return;
        switch (c) {
            case Condition.All a -> a.items().forEach(x -> collect(side, x));
            case Condition.Any a -> a.items().forEach(x -> collect(side, x));
            default -> leaves.add(new Leaf(leaves.size(), side, c));
        }
    }

    public StrategySpec spec() { return spec; }

    public ParameterSpace parameters() { return spec.parameters(); }

    /** Every comparison, in file order (entry.long, exit.long, entry.short, exit.short). */
    public List<Leaf> leaves() { return List.copyOf(leaves); }

    /**
     * The indicator computations one parameter set needs: name → resolved numeric parameters in
     * {@code spec.indicators().get(name).params()} order. Sets that map to equal arrays share a series in the
     * cache, so a screen can count distinct computations with this before running.
     */
    public Map<String, double[]> indicatorParams(double[] params) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (IndicatorSpec is : spec.indicators().values()) out.put(is.name(), resolve(is, params));
        return out;
    }

    static double[] resolve(IndicatorSpec is, double[] params) {
        double[] v = new double[is.params().size()];
        int k = 0;
        for (Value val : is.params().values()) v[k++] = val.resolve(params);
        return v;
    }

    /** Prepares evaluation on one symbol's data: computes the time-filter mask once. */
    public Market on(MarketInputs inputs) { return new Market(inputs); }

    /** One symbol's data with the strategy's time-filter mask. Immutable; shared by threads. */
    public final class Market {
        private final MarketInputs in;
        private final long[] timeMask; // null = no filters

        Market(MarketInputs in) {
            this.in = in;
            long base = Intervals.nanos(spec.timeframe());
            if (in.intervalNanos() != base)
                throw new InputException("strategy " + spec.name() + " runs on " + spec.timeframe() + " bars, but the data has "
                        + in.intervalNanos() / 1_000_000_000L + " s bars");
            this.timeMask = spec.timeFilters().empty() ? null : timeFilterMask(spec.timeFilters(), in, 0, in.rows());
        }

        public MarketInputs inputs() { return in; }

        /** Number of base bars. */
        public int rows() { return in.rows(); }

        /**
         * Time filters as a bar mask over all bars (bit i = entries allowed at bar i's close), or null when the
         * strategy has no time filters (everything allowed). Already applied to the entry masks of
         * {@link Bound#signals}.
         */
        public long[] timeMask() { return timeMask == null ? null : timeMask.clone(); }

        /** Binds one parameter set ({@code params.length == parameters().size()}). */
        public Bound bind(double[] params) {
            if (params.length != spec.parameters().size())
                throw new IllegalArgumentException("parameter set has " + params.length + " values, the strategy has " + spec.parameters().size()
                        + " parameters " + spec.parameters().names());
            return new Bound(this, params.clone());
        }
    }

    /** Signal evaluation for one parameter set on one symbol. Thread-safe (scratch buffers are thread-local). */
    public final class Bound {
        private final Market market;
        private final double[] params;
        private final Map<String, Input> series = new LinkedHashMap<>();
        private final Node entryLong, exitLong, entryShort, exitShort;
        /** same[j] = i < j when mask j has the same condition as mask i (e.g. sma_cross: exit.short = entry.long), else -1. */
        private final int[] same = {-1, -1, -1, -1};
        /**
         * pair[j] = k > j when masks j and k are {@code x crosses_above y} and {@code x crosses_below y} of the same
         * operands (e.g. sma_cross: entry.long and exit.long): both come from one pass over x and y. Else -1.
         */
        private final int[] pair = {-1, -1, -1, -1};
        private final Node[] leafNodes;
        private final Risk risk;
        private final ThreadLocal<long[][]> scratch = ThreadLocal.withInitial(() -> new long[0][]);

        Bound(Market market, double[] params) {
            this.market = market;
            this.params = params;
            this.leafNodes = new Node[leaves.size()];
            int[] next = {0};
            this.entryLong = compile(spec.entry().longSide(), next);
            this.exitLong = compile(spec.exit().longSide(), next);
            this.entryShort = compile(spec.entry().shortSide(), next);
            this.exitShort = compile(spec.exit().shortSide(), next);
            this.risk = resolveRisk();
            Condition[] cs = {spec.entry().longSide(), spec.exit().longSide(), spec.entry().shortSide(), spec.exit().shortSide()};
            for (int j = 1; j < 4; j++)
                for (int i = 0; i < j && same[j] < 0; i++)
                    if (cs[i] != null && cs[j] != null && cs[i].toString().equals(cs[j].toString())) same[j] = i;
            Node[] nodes = {entryLong, exitLong, entryShort, exitShort};
            for (int j = 0; j < 4; j++)
                for (int k = j + 1; k < 4 && pair[j] < 0; k++)
                    if (same[j] < 0 && same[k] < 0 && pair[k] < 0 && oppositeCrossings(nodes[j], nodes[k])) { pair[j] = k; pair[k] = j; }
        }

        private static boolean oppositeCrossings(Node x, Node y) {
            return x instanceof Node.Cmp c && y instanceof Node.Cmp d && c.a().equals(d.a()) && c.b().equals(d.b())
                    && (c.op() == Condition.Op.CROSSES_ABOVE && d.op() == Condition.Op.CROSSES_BELOW
                        || c.op() == Condition.Op.CROSSES_BELOW && d.op() == Condition.Op.CROSSES_ABOVE);
        }

        /**
         * When all four masks of this set come from one crossing pair ({@code x crosses_above y} and
         * {@code x crosses_below y} of the same operands; the other masks copies of them or empty) and the strategy
         * has no time filters: the operands and, per mask (entry.long, exit.long, entry.short, exit.short), which
         * crossing it is. Such masks can be evaluated for many sets per pass over a few bars
         * ({@link SignalKernel#crossBoth}) with the very same bits as {@link #signals}. Else null.
         */
        public CrossingPair crossingPair() {
            if (market.timeMask != null) return null;
            Node[] nodes = {entryLong, exitLong, entryShort, exitShort};
            int[] kinds = {-1, -1, -1, -1};
            Node.Cmp up = null;
            for (int j = 0; j < 4; j++) {
                if (pair[j] > j) {
                    if (up != null) return null; // two pairs
                    boolean above = ((Node.Cmp) nodes[j]).op() == Condition.Op.CROSSES_ABOVE;
                    up = (Node.Cmp) nodes[above ? j : pair[j]];
                    kinds[j] = above ? CrossingPair.ABOVE : CrossingPair.BELOW;
                    kinds[pair[j]] = above ? CrossingPair.BELOW : CrossingPair.ABOVE;
                }
            }
            if (up == null) return null;
            for (int j = 0; j < 4; j++) {
                if (kinds[j] >= 0) continue;
                if (nodes[j] == null) kinds[j] = CrossingPair.EMPTY;
                else if (same[j] >= 0 && kinds[same[j]] > 0) kinds[j] = kinds[same[j]];
                else return null;
            }
            return new CrossingPair(up.a(), up.b(), kinds);
        }

        public double[] params() { return params.clone(); }

        public Market market() { return market; }

        /** The stop/take-profit/sizing settings resolved for this parameter set. */
        public Risk risk() { return risk; }

        /**
         * Evaluates all four masks over bars [from, to) into {@code out} ({@code to - from <= out.capacity()}).
         * Entry masks are ANDed with the time-filter mask.
         */
        public void signals(int from, int to, Signals out) {
            int n = to - from;
            if (n > out.capacity()) throw new IllegalArgumentException("block of " + n + " bars exceeds Signals capacity " + out.capacity());
            signals(from, to, out.entryLong, out.exitLong, out.entryShort, out.exitShort, 0);
            out.from = from;
            out.to = to;
        }

        /**
         * The same into caller arrays (e.g. a screen's per-set slices): bit k of bar {@code from + k} goes to
         * word {@code off + (k >>> 6)} of each array; exactly {@code ceil((to-from)/64)} words from {@code off}
         * are written (bits past {@code to} cleared). Thread-safe: a Bound may be shared by threads.
         */
        public void signals(int from, int to, long[] entryLongOut, long[] exitLongOut, long[] entryShortOut, long[] exitShortOut, int off) {
            if (from < 0 || to > market.rows() || from > to)
                throw new IndexOutOfBoundsException("bars [" + from + ", " + to + ") outside [0, " + market.rows() + ")");
            int n = to - from;
            long[][] outs = {entryLongOut, exitLongOut, entryShortOut, exitShortOut};
            Node[] nodes = {entryLong, exitLong, entryShort, exitShort};
            for (int j = 0; j < 4; j++) {
                if (same[j] >= 0) System.arraycopy(outs[same[j]], off, outs[j], off, SignalKernel.words(n));
                else if (pair[j] > j) {
                    Node.Cmp c = (Node.Cmp) nodes[j];
                    boolean up = c.op() == Condition.Op.CROSSES_ABOVE;
                    SignalKernel.crossBoth(c.a(), c.b(), from, to, up ? outs[j] : outs[pair[j]], up ? outs[pair[j]] : outs[j], off);
                } else if (pair[j] < 0) eval(nodes[j], from, to, outs[j], off, 0);
            }
            if (market.timeMask != null) {
                andShifted(entryLongOut, off, market.timeMask, from, n);
                andShifted(entryShortOut, off, market.timeMask, from, n);
            }
        }

        /** Evaluates one leaf comparison ({@link #leaves()} id) over [from, to) into {@code out} (bit k = bar from+k). */
        public void leaf(int id, int from, int to, long[] out) {
            eval(leafNodes[id], from, to, out, 0, 0);
        }

        /**
         * The series an operand name reads ({@code rsi}, {@code macd.signal}, {@code close}) for this set, as
         * used by the conditions; null when no condition uses it.
         */
        public MemorySegment series(String operand) {
            Input i = series.get(operand);
            return i == null ? null : i.series();
        }

        /** Names of the series the conditions read (indicator outputs and price fields), in first-use order. */
        public List<String> seriesNames() { return List.copyOf(series.keySet()); }

        private Node compile(Condition c, int[] next) {
            if (c == null) return null;
            return switch (c) {
                // a one-item list is its item (the same bits, and crossing pairs stay recognisable)
                case Condition.All a when a.items().size() == 1 -> compile(a.items().getFirst(), next);
                case Condition.Any a when a.items().size() == 1 -> compile(a.items().getFirst(), next);
                case Condition.All a -> new Node.And(a.items().stream().map(x -> compile(x, next)).toArray(Node[]::new));
                case Condition.Any a -> new Node.Or(a.items().stream().map(x -> compile(x, next)).toArray(Node[]::new));
                case Condition.Compare cmp -> {
                    Node n = new Node.Cmp(input(cmp.a()), cmp.op(), input(cmp.b()));
                    leafNodes[next[0]++] = n;
                    yield n;
                }
                case Condition.Between b -> {
                    Node n = new Node.Btw(input(b.x()), input(b.lo()), input(b.hi()));
                    leafNodes[next[0]++] = n;
                    yield n;
                }
            };
        }

        private Input input(Operand o) {
            return switch (o) {
                case Operand.Num n -> Input.of(n.value());
                case Operand.Param p -> Input.of(params[p.index()]);
                case Operand.Price p -> series.computeIfAbsent(p.field(), k -> Input.of(market.in.price(k)));
                case Operand.Ind ind -> series.computeIfAbsent(ind.name() + "." + ind.field(), k -> Input.of(indicatorSeries(ind.name(), ind.field())));
            };
        }

        private MemorySegment indicatorSeries(String name, String field) {
            IndicatorSpec is = spec.indicators().get(name);
            MemorySegment s = market.in.indicator(is, resolve(is, params), field);
            long need = (long) market.rows() * Double.BYTES;
            if (s.byteSize() < need)
                throw new IllegalStateException("indicator " + name + "." + field + " has " + s.byteSize() / 8 + " values for " + market.rows() + " bars");
            return s;
        }

        /** A reference {@code name} or {@code name.field} (stop/take-profit/sizing indicator) as a series. */
        private MemorySegment ref(String r) {
            if (r == null) return null;
            int dot = r.indexOf('.');
            String name = dot < 0 ? r : r.substring(0, dot);
            String field = dot < 0 ? spec.indicators().get(name).defaultOutput() : r.substring(dot + 1);
            return indicatorSeries(name, field);
        }

        private Risk resolveRisk() {
            StrategySpec.StopLoss sl = spec.stopLoss();
            StrategySpec.TakeProfit tp = spec.takeProfit();
            StrategySpec.Position p = spec.position();
            return new Risk(sl == null ? null : sl.kind(), sl == null ? Double.NaN : sl.amount().resolve(params),
                    sl == null ? null : ref(sl.indicator()),
                    tp == null ? null : tp.kind(), tp == null ? Double.NaN : tp.amount().resolve(params),
                    tp == null ? null : ref(tp.indicator()),
                    p.side(), p.sizing(), p.fraction().resolve(params), p.leverage().resolve(params), p.marginMode(),
                    ref(p.sizingIndicator()));
        }

        private long[] scratch(int depth, int words) {
            long[][] s = scratch.get();
            if (s.length <= depth) {
                s = java.util.Arrays.copyOf(s, depth + 1);
                scratch.set(s);
            }
            if (s[depth] == null || s[depth].length < words) s[depth] = new long[words];
            return s[depth];
        }

        private void eval(Node node, int from, int to, long[] out, int off, int depth) {
            int n = to - from;
            if (node == null) {
                SignalKernel.clear(out, off, n);
                return;
            }
            switch (node) {
                case Node.Cmp c -> {
                    switch (c.op()) {
                        case GT -> SignalKernel.compare(c.a(), SignalKernel.Cmp.GT, c.b(), from, to, out, off);
                        case LT -> SignalKernel.compare(c.a(), SignalKernel.Cmp.LT, c.b(), from, to, out, off);
                        case GE -> SignalKernel.compare(c.a(), SignalKernel.Cmp.GE, c.b(), from, to, out, off);
                        case LE -> SignalKernel.compare(c.a(), SignalKernel.Cmp.LE, c.b(), from, to, out, off);
                        case CROSSES_ABOVE -> SignalKernel.cross(c.a(), true, c.b(), from, to, out, off);
                        case CROSSES_BELOW -> SignalKernel.cross(c.a(), false, c.b(), from, to, out, off);
                    }
                }
                case Node.Btw b -> SignalKernel.between(b.x(), b.lo(), b.hi(), from, to, out, off);
                case Node.And a -> {
                    eval(a.items()[0], from, to, out, off, depth + 1);
                    long[] tmp = scratch(depth, SignalKernel.words(n));
                    for (int k = 1; k < a.items().length; k++) {
                        eval(a.items()[k], from, to, tmp, 0, depth + 1);
                        SignalKernel.and(out, off, tmp, n);
                    }
                }
                case Node.Or o -> {
                    eval(o.items()[0], from, to, out, off, depth + 1);
                    long[] tmp = scratch(depth, SignalKernel.words(n));
                    for (int k = 1; k < o.items().length; k++) {
                        eval(o.items()[k], from, to, tmp, 0, depth + 1);
                        SignalKernel.or(out, off, tmp, n);
                    }
                }
            }
        }
    }

    /**
     * One set's masks as a single crossing pair ({@link Bound#crossingPair}): {@code kinds[j]} for mask j (entry.long,
     * exit.long, entry.short, exit.short) is {@link #ABOVE} ({@code x crosses_above y}), {@link #BELOW} or
     * {@link #EMPTY} (no condition: all zero).
     */
    public record CrossingPair(Input x, Input y, int[] kinds) {
        public static final int EMPTY = 0, ABOVE = 1, BELOW = 2;

        public CrossingPair {
            kinds = kinds.clone();
        }

        /** The first mask (0–3) of the given kind, or -1. */
        public int first(int kind) {
            for (int j = 0; j < 4; j++) if (kinds[j] == kind) return j;
            return -1;
        }

        public int kind(int mask) { return kinds[mask]; }

        @Override public int[] kinds() { return kinds.clone(); }
    }

    /** A condition tree with its operands bound to series/constants. */
    private sealed interface Node {
        record Cmp(Input a, Condition.Op op, Input b) implements Node {}

        record Btw(Input x, Input lo, Input hi) implements Node {}

        record And(Node[] items) implements Node {}

        record Or(Node[] items) implements Node {}
    }

    /**
     * Risk and sizing settings of one parameter set (DESIGN.md §6).
     *
     * @param stopKind     null = no stop-loss
     * @param stopAmount   FIXED_PCT: distance as a fraction of the fill price (0.02 = 2%); ATR kinds: ATR multiple
     * @param stopSeries   ATR kinds: the ATR series (base bars; read it at the signal bar), else null
     * @param takeKind     null = no take-profit
     * @param takeAmount   FIXED_PCT: fraction of the fill price; ATR: ATR multiple; RISK_REWARD: multiple of the stop distance
     * @param takeSeries   ATR: the ATR series, else null
     * @param fraction     sizing fraction of equity (0, 1]
     * @param leverage     ≥ 1
     * @param sizingSeries sizing method ATR: the ATR series, else null
     */
    public record Risk(StrategySpec.StopKind stopKind, double stopAmount, MemorySegment stopSeries,
                       StrategySpec.TakeKind takeKind, double takeAmount, MemorySegment takeSeries,
                       StrategySpec.Side side, StrategySpec.SizingMethod sizing, double fraction, double leverage,
                       StrategySpec.MarginMode marginMode, MemorySegment sizingSeries) {}

    // ------------------------------------------------------------------ time filters

    private static void andShifted(long[] out, int off, long[] mask, int from, int n) {
        // out bit k &= mask bit (from + k)
        int words = SignalKernel.words(n);
        int shift = from & 63, base = from >>> 6;
        for (int w = 0; w < words; w++) {
            long lo = mask[base + w] >>> shift;
            long hi = shift == 0 || base + w + 1 >= mask.length ? 0 : mask[base + w + 1] << (64 - shift);
            out[off + w] &= lo | hi;
        }
    }

    /**
     * Bit k = bar {@code from + k} may open a position: its close time {@code ts + interval} (= the entry fill
     * time) lies in an allowed session (minute of the UTC day), not on a blocked UTC day, and not within
     * {@code [T - minutes_before, T + minutes_after]} of a funding time T (multiples of interval_hours from
     * 00:00 UTC).
     */
    public static long[] timeFilterMask(StrategySpec.TimeFilters f, MarketInputs in, int from, int to) {
        long[] out = new long[SignalKernel.words(to - from)];
        long interval = in.intervalNanos();
        for (int i = from; i < to; i++) if (allowed(f, in.ts(i) + interval)) SignalKernel.set(out, 0, i - from);
        return out;
    }

    /** Whether an entry filling at {@code tNanos} passes the filters. */
    public static boolean allowed(StrategySpec.TimeFilters f, long tNanos) {
        long day = Math.floorDiv(tNanos, Intervals.NANOS_PER_DAY);
        long inDay = tNanos - day * Intervals.NANOS_PER_DAY;
        if (!f.sessions().isEmpty()) {
            int minute = (int) (inDay / Intervals.NANOS_PER_MINUTE);
            boolean any = false;
            for (StrategySpec.Session s : f.sessions()) any |= s.contains(minute);
            if (!any) return false;
        }
        if (!f.blockedDays().isEmpty()) {
            // 1970-01-01 was a Thursday
            DayOfWeek dow = DayOfWeek.THURSDAY.plus(Math.floorMod(day, 7));
            if (f.blockedDays().contains(dow)) return false;
        }
        StrategySpec.FundingAvoid fa = f.funding();
        if (fa != null) {
            long period = fa.intervalHours() * Intervals.NANOS_PER_HOUR;
            long since = Math.floorMod(tNanos, period); // time since the last funding time
            if (since <= fa.minutesAfter() * Intervals.NANOS_PER_MINUTE) return false;
            if (period - since <= fa.minutesBefore() * Intervals.NANOS_PER_MINUTE) return false;
        }
        return true;
    }
}
