package vq.sim.strategy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vq.columnar.InputException;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.Signals;
import vq.kernels.strategy.StrategySpec;
import vq.sim.MarginMode;
import vq.sim.market.FeedInputs;
import vq.sim.market.SymbolFeed;
import vq.sim.sizing.Sizing;

/**
 * Binds a compiled DSL strategy to feeds and one parameter set, producing the {@link SignalStrategy} the
 * simulator runs — with the DSL's own mask code, so the signal bits are exactly those the screen reads —
 * and the run settings the strategy declares ({@code position}: leverage, sizing, margin mode).
 */
public final class DslStrategies {
    private DslStrategies() {}

    /**
     * @param strategy   the strategy to run
     * @param params     parameter values in {@code parameters()} order
     * @param leverage   {@code position.leverage}
     * @param fraction   {@code position.sizing.fraction}
     * @param marginMode {@code position.margin_mode}
     * @param sizing     {@code position.sizing} as a {@link Sizing}
     * @param exits      stop-loss/take-profit kinds and amounts
     */
    public record Bound(SignalStrategy strategy, double[] params, double leverage, double fraction, MarginMode marginMode,
                        Sizing sizing, SignalStrategy.Exits exits) {}

    /**
     * Parameter values: the defaults, overridden by {@code overrides} (name → value).
     *
     * @throws InputException naming an unknown parameter and the known ones
     */
    public static double[] params(CompiledStrategy cs, Map<String, Double> overrides) {
        ParameterSpace ps = cs.parameters();
        double[] v = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) v[i] = ps.params().get(i).defaultValue();
        for (var e : overrides.entrySet()) {
            int i = ps.index(e.getKey());
            if (i < 0) throw new InputException("--params: strategy " + cs.spec().name() + " has no parameter '" + e.getKey() + "' (known: " + ps.names() + ")");
            v[i] = e.getValue();
        }
        return v;
    }

    /** Parses {@code k=v,k=v} (or a JSON object {@code {"k": v}}) into a map; {@link InputException} on bad text. */
    public static Map<String, Double> parseParams(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return m;
        String t = text.trim();
        if (t.startsWith("{")) t = t.substring(1, t.length() - 1).replace("\"", "").replace(':', '=');
        for (String kv : t.split(",")) {
            if (kv.isBlank()) continue;
            String[] p = kv.split("=", 2);
            if (p.length != 2) throw new InputException("--params: expected name=value, got '" + kv.trim() + "'");
            try {
                m.put(p[0].trim(), Double.parseDouble(p[1].trim()));
            } catch (NumberFormatException e) {
                throw new InputException("--params: value of " + p[0].trim() + " is not a number: '" + p[1].trim() + "'");
            }
        }
        return m;
    }

    /** Where a feed's DSL inputs (bars and indicators) come from; closed after use when AutoCloseable. */
    @FunctionalInterface
    public interface InputsFactory {
        vq.kernels.strategy.MarketInputs open(int feedIndex, SymbolFeed feed, String timeframe);
    }

    /**
     * Binds {@code cs} with {@code params} on every feed (base timeframe = the strategy's), computing
     * indicators from the feed's own bars ({@link FeedInputs}: base timeframe only).
     */
    public static Bound bind(CompiledStrategy cs, double[] params, SymbolFeed[] feeds) {
        return bind(cs, params, feeds, (i, f, tf) -> new FeedInputs(f, tf));
    }

    /**
     * As {@link #bind(CompiledStrategy, double[], SymbolFeed[])} with inputs from {@code inputs} — e.g. the
     * catalog's shared indicator cache ({@code vq.kernels.strategy.IndicatorInputs}, multi-timeframe), the
     * same inputs {@code vq screen} uses. The inputs must have exactly the feed's bars.
     *
     * @throws InputException when an input's row count differs from its feed's
     */
    public static Bound bind(CompiledStrategy cs, double[] params, SymbolFeed[] feeds, InputsFactory inputs) {
        SignalStrategy.Signals[] sig = new SignalStrategy.Signals[feeds.length];
        CompiledStrategy.Risk risk = null;
        for (int s = 0; s < feeds.length; s++) {
            vq.kernels.strategy.MarketInputs in = inputs.open(s, feeds[s], cs.spec().timeframe());
            try {
                if (in.rows() != feeds[s].bars())
                    throw new InputException(feeds[s].symbol() + ": strategy inputs have " + in.rows() + " bars, the feed " + feeds[s].bars());
                CompiledStrategy.Bound b = cs.on(in).bind(params);
                int n = feeds[s].bars();
                Signals out = new Signals(Math.max(n, 1));
                b.signals(0, n, out);
                CompiledStrategy.Risk r = b.risk();
                risk = r;
                sig[s] = new SignalStrategy.Signals(out.entryLong.clone(), out.exitLong.clone(), out.entryShort.clone(), out.exitShort.clone(),
                        copy(r.stopSeries(), n), copy(r.takeSeries(), n));
            } finally {
                if (in instanceof AutoCloseable c) {
                    try { c.close(); } catch (Exception e) { throw new IllegalStateException(e); }
                }
            }
        }
        SignalStrategy.StopKind sk = risk.stopKind() == null ? SignalStrategy.StopKind.NONE : switch (risk.stopKind()) {
            case FIXED_PCT -> SignalStrategy.StopKind.FIXED_PCT;
            case ATR_FIXED -> SignalStrategy.StopKind.ATR_FIXED;
            case ATR_TRAILING -> SignalStrategy.StopKind.ATR_TRAILING;
        };
        SignalStrategy.TakeKind tk = risk.takeKind() == null ? SignalStrategy.TakeKind.NONE : switch (risk.takeKind()) {
            case FIXED_PCT -> SignalStrategy.TakeKind.FIXED_PCT;
            case ATR -> SignalStrategy.TakeKind.ATR;
            case RISK_REWARD -> SignalStrategy.TakeKind.RISK_REWARD;
        };
        SignalStrategy.Exits exits = new SignalStrategy.Exits(sk, risk.stopAmount(), tk, risk.takeAmount());
        Sizing sizing = switch (risk.sizing()) {
            case FIXED_FRACTION -> Sizing.marginFraction(risk.fraction());
            case RISK_PER_TRADE -> new Sizing(Sizing.Method.FIXED_FRACTIONAL, 1.0, risk.fraction(), Double.NaN, 0, Double.NaN, 1.0, Double.NaN);
            case KELLY -> new Sizing(Sizing.Method.KELLY, 0.1, Double.NaN, risk.fraction(), 20, Double.NaN, 1.0, Double.NaN);
            case ATR -> new Sizing(Sizing.Method.ATR, 1.0, risk.fraction(), Double.NaN, 0, 1.0, 1.0, Double.NaN);
        };
        MarginMode mm = risk.marginMode() == StrategySpec.MarginMode.CROSS ? MarginMode.CROSS : MarginMode.ISOLATED;
        return new Bound(new SignalStrategy(sig, exits), params.clone(), risk.leverage(), risk.fraction(), mm, sizing, exits);
    }

    private static double[] copy(MemorySegment seg, int n) {
        if (seg == null) return null;
        double[] a = new double[n];
        MemorySegment.copy(seg, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, a, 0, n);
        return a;
    }

    /** {@code {"fast": 10, "slow": 50}} in parameter order. */
    public static String paramsJson(CompiledStrategy cs, double[] params) {
        List<String> parts = new ArrayList<>();
        var ps = cs.parameters().params();
        for (int i = 0; i < ps.size(); i++) {
            double v = params[i];
            String num = ps.get(i).type() == ParameterSpace.Type.INT && v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
            parts.add("\"" + ps.get(i).name() + "\": " + num);
        }
        return "{" + String.join(", ", parts) + "}";
    }

    static String lower(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT); }
}
