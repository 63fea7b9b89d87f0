package vq.kernels.strategy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated DSL strategy (DESIGN.md §5): the one model both engines share. Built by
 * {@link StrategyParser}; immutable. Every numeric setting that may be swept is a {@link Value} (a constant
 * or a {@code $param} reference into {@link #parameters()}).
 *
 * @param name        strategy name
 * @param description free text ("" when absent)
 * @param version     integer version of the file (default 1)
 * @param timeframe   base bar interval ({@code 1m}, {@code 5m}, ...): signals are evaluated at these bars' close
 * @param indicators  declared indicators by name, in file order
 * @param parameters  the parameter space ({@code params:} plus {@code sweep:} entries and constraints)
 * @param entry       entry conditions per side (null side = no entries on that side)
 * @param exit        exit conditions per side (null side = exits only by stop/take-profit/end of data)
 * @param stopLoss    null when absent
 * @param takeProfit  null when absent
 * @param timeFilters never null (empty filters allow everything)
 * @param position    never null (defaults: both sides, fixed_fraction 1.0, leverage 1, isolated)
 * @param schema      {@code parameters_schema:} entries for forms (may be empty)
 * @param file        the file name used in locations
 */
public record StrategySpec(String name, String description, int version, String timeframe,
                           Map<String, IndicatorSpec> indicators, ParameterSpace parameters,
                           Sides entry, Sides exit, StopLoss stopLoss, TakeProfit takeProfit,
                           TimeFilters timeFilters, Position position, Map<String, SchemaEntry> schema, String file) {

    /**
     * A declared indicator.
     *
     * @param name      the name conditions use
     * @param type      registry name of the indicator type (lower case, e.g. {@code rsi})
     * @param params    numeric parameters by registry parameter name (all of them, defaults filled in)
     * @param source    input bar field for single-input indicators ({@code close} by default), or null
     *                  when the indicator reads fixed fields (ATR reads high/low/close)
     * @param timeframe bar interval the indicator is computed on (the base timeframe unless given)
     * @param outputs   output field names in registry order
     * @param defaultOutput the output a bare reference to the indicator means ({@code macd} → {@code macd.macd})
     */
    public record IndicatorSpec(String name, String type, Map<String, Value> params, String source, String timeframe,
                                List<String> outputs, String defaultOutput, Loc loc) {}

    /** Conditions for the long and the short side; either may be null. */
    public record Sides(Condition longSide, Condition shortSide) {
        public static final Sides NONE = new Sides(null, null);
    }

    /** Stop-loss kinds (DESIGN.md §6: set from the fill price, live from the bar after entry). */
    public enum StopKind {
        /** {@code amount} = distance as a fraction of the fill price (YAML {@code percent: 2} → 0.02). */
        FIXED_PCT,
        /** {@code amount} = ATR multiple, ATR read at the signal bar; the level stays fixed. */
        ATR_FIXED,
        /** {@code amount} = ATR multiple; the level trails the best close since entry by amount × ATR. */
        ATR_TRAILING
    }

    /**
     * Stop-loss.
     *
     * @param amount    fraction of price for FIXED_PCT (YAML gives percent), ATR multiple otherwise
     * @param indicator name of the declared indicator whose value is the ATR (null for FIXED_PCT)
     */
    public record StopLoss(StopKind kind, Value amount, String indicator, Loc loc) {}

    /** Take-profit kinds. */
    public enum TakeKind {
        /** {@code amount} = distance as a fraction of the fill price (YAML gives percent). */
        FIXED_PCT,
        /** {@code amount} = ATR multiple at the signal bar. */
        ATR,
        /** {@code amount} = multiple of the stop distance (needs a stop_loss). */
        RISK_REWARD
    }

    /** Take-profit; {@code indicator} only for ATR. */
    public record TakeProfit(TakeKind kind, Value amount, String indicator, Loc loc) {}

    /**
     * Entry time filters, evaluated at the signal bar's close time (= the entry fill time, the next bar's
     * open). Exits are never filtered.
     *
     * @param sessions    allowed UTC windows; empty = all day
     * @param blockedDays UTC days of week on which entries are blocked
     * @param funding     null = no funding avoidance
     */
    public record TimeFilters(List<Session> sessions, Set<DayOfWeek> blockedDays, FundingAvoid funding) {
        public static final TimeFilters NONE = new TimeFilters(List.of(), Set.of(), null);

        public boolean empty() { return sessions.isEmpty() && blockedDays.isEmpty() && funding == null; }
    }

    /**
     * An allowed UTC window {@code [start, end)} in minutes of the day (0..1440); {@code end < start} wraps
     * past midnight (22:00–02:00).
     */
    public record Session(int startMinute, int endMinute) {
        public boolean contains(int minuteOfDay) {
            return startMinute <= endMinute ? minuteOfDay >= startMinute && minuteOfDay < endMinute
                    : minuteOfDay >= startMinute || minuteOfDay < endMinute;
        }
    }

    /**
     * No entries whose fill time t satisfies {@code T - before <= t <= T + after} for a funding time T.
     * Funding times are every {@code intervalHours} hours from 00:00 UTC (Binance: 8 → 00, 08, 16 UTC).
     */
    public record FundingAvoid(int minutesBefore, int minutesAfter, int intervalHours) {}

    /** Which sides the strategy may trade. */
    public enum Side { LONG, SHORT, BOTH }

    /** Margin modes (DESIGN.md §6: screening uses isolated). */
    public enum MarginMode { ISOLATED, CROSS }

    /** Sizing methods (screening supports FIXED_FRACTION; sim implements the others). */
    public enum SizingMethod {
        /** margin = fraction × equity; notional = margin × leverage (DESIGN.md §6). */
        FIXED_FRACTION,
        /** risk fraction × equity lost if the stop is hit (needs a stop_loss). */
        RISK_PER_TRADE,
        /** fractional Kelly from the run's own past trades; fraction = Kelly multiplier. */
        KELLY,
        /** notional so that fraction × equity equals one ATR move; needs {@code indicator}. */
        ATR
    }

    /**
     * Position settings.
     *
     * @param fraction fraction of equity (0..1], meaning per {@link SizingMethod}
     * @param leverage ≥ 1
     */
    public record Position(Side side, SizingMethod sizing, Value fraction, Value leverage, MarginMode marginMode,
                           String sizingIndicator) {
        public static final Position DEFAULT = new Position(Side.BOTH, SizingMethod.FIXED_FRACTION,
                new Value.Const(1.0), new Value.Const(1.0), MarginMode.ISOLATED, null);
    }

    /** A {@code parameters_schema} entry for UI forms (type: integer, float, session_list, string, ...). */
    public record SchemaEntry(String key, String type, Double min, Double max, Double step, Object defaultValue,
                              String description) {}
}
