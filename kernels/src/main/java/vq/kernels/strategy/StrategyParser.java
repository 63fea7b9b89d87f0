package vq.kernels.strategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vq.columnar.InputException;
import vq.columnar.Intervals;
import vq.kernels.strategy.ParameterSpace.Domain;
import vq.kernels.strategy.ParameterSpace.Param;
import vq.kernels.strategy.ParameterSpace.Range;
import vq.kernels.strategy.ParameterSpace.Type;
import vq.kernels.strategy.StrategySpec.FundingAvoid;
import vq.kernels.strategy.StrategySpec.IndicatorSpec;
import vq.kernels.strategy.StrategySpec.Position;
import vq.kernels.strategy.StrategySpec.Session;
import vq.kernels.strategy.StrategySpec.Sides;
import vq.kernels.strategy.StrategySpec.StopKind;
import vq.kernels.strategy.StrategySpec.StopLoss;
import vq.kernels.strategy.StrategySpec.TakeKind;
import vq.kernels.strategy.StrategySpec.TakeProfit;
import vq.kernels.strategy.StrategySpec.TimeFilters;
import vq.kernels.strategy.Yaml.ListNode;
import vq.kernels.strategy.Yaml.MapNode;
import vq.kernels.strategy.Yaml.Node;
import vq.kernels.strategy.Yaml.Scalar;

/**
 * Parses and validates a DSL strategy file into a {@link StrategySpec} (DESIGN.md §5). Every error is a
 * {@link StrategyException} with {@code file:line:column}, what was expected and, for a misspelt name, the
 * nearest valid one. Unknown keys are errors. The format (all keys; only {@code name}, {@code timeframe},
 * {@code indicators} and {@code entry} are required):
 *
 * <pre>
 * name: sma_cross
 * description: text
 * version: 1
 * timeframe: 1m                      # base bars; signals at their close
 * params:                            # named parameters: a number (fixed) or {default, type, sweep, description}
 *   fast: {default: 10, type: int, sweep: {min: 5, max: 100, step: 1}}
 * constraints: ["fast &lt; slow"]       # over parameters and numbers: &lt; &lt;= &gt; &gt;= == !=
 * indicators:
 *   fast_ma: {type: sma, params: {period: $fast}, source: close, timeframe: 1m}
 * entry: {long: [cond, ...], short: ...}   # list = AND; {any: [...]} = OR; {all: [...]} = AND
 * exit:  {long: ..., short: ...}
 * stop_loss: {type: fixed_pct, percent: 2} | {type: atr_fixed|atr_trailing, atr_multiplier: 2, indicator: atr}
 * take_profit: {type: fixed_pct, percent: 3} | {type: atr, atr_multiplier: 3, indicator: atr} | {type: risk_reward, ratio: 2}
 * time_filters: {sessions: [{start: "08:00", end: "20:00", timezone: UTC}], blocked_days: [saturday],
 *                avoid_around_funding: {enabled: true, minutes_before: 5, minutes_after: 5, interval_hours: 8}}
 * position: {side: long|short|both, sizing: {method: fixed_fraction, fraction: 0.1}, leverage: 5, margin_mode: isolated|cross}
 * sweep:                             # by parameter name or dotted path of a numeric setting
 *   rsi.period: [7, 14, 21]                          # list
 *   stop_loss.percent: {min: 1, max: 4, step: 0.5}   # grid
 *   take_profit.ratio: {min: 1, max: 5, distribution: log_uniform, type: float}
 *   fast: {choices: [5, 8, 13]}
 * parameters_schema: {fast: {type: integer, min: 5, max: 100, default: 10, description: text}}
 * </pre>
 */
public final class StrategyParser {
    /**
     * Base-bar fields usable as operands and indicator sources: the bar columns open/high/low/close/volume and
     * the derived hl2 = (h+l)/2, hlc3 = (h+l+c)/3, ohlc4 = (o+h+l+c)/4 (vq.kernels.indicators.Source).
     */
    public static final List<String> PRICE_FIELDS = List.of("open", "high", "low", "close", "volume", "hl2", "hlc3", "ohlc4");

    private static final List<String> TOP = List.of("name", "description", "version", "timeframe", "params", "constraints",
            "indicators", "entry", "exit", "stop_loss", "take_profit", "time_filters", "position", "sweep", "parameters_schema");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HHMM = Pattern.compile("(\\d{2}):(\\d{2})");

    private final IndicatorTypes types;
    private final String file;
    private final List<String> lines;

    // state while parsing
    private final List<Param> params = new ArrayList<>();
    private final Map<String, SweepDef> sweep = new LinkedHashMap<>();
    private final Set<String> sweepUsed = new HashSet<>();
    private final List<String> sweepTargets = new ArrayList<>();
    private final Map<String, Loc> paramLocs = new HashMap<>();
    private Map<String, IndicatorSpec> indicators = new LinkedHashMap<>();

    private record SweepDef(Node node, Loc loc) {}

    private StrategyParser(IndicatorTypes types, String file, String text) {
        this.types = types;
        this.file = file;
        this.lines = text.lines().toList();
    }

    /** Parses a file; its path as given appears in error locations. */
    public static StrategySpec parse(Path path, IndicatorTypes types) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException("strategy file not found: " + path);
        } catch (IOException e) {
            throw new InputException("cannot read strategy file " + path + ": " + e.getMessage(), e);
        }
        return parse(text, path.toString(), types);
    }

    /** Parses YAML text; {@code fileName} is used in locations. */
    public static StrategySpec parse(String text, String fileName, IndicatorTypes types) {
        return new StrategyParser(types, fileName, text).run(Yaml.parse(text, fileName));
    }

    private StrategySpec run(Node rootNode) {
        MapNode root = Yaml.map(rootNode, "a strategy file").only("the strategy", TOP);
        String name = Yaml.string(root.require("the strategy", "name"), "name");
        String description = root.has("description") ? Yaml.string(root.get("description"), "description") : "";
        int version = 1;
        if (root.has("version")) {
            double v = Yaml.number(root.get("version"), "version");
            if (v != Math.rint(v) || v < 1) throw new StrategyException(root.get("version").loc(), "version must be a positive integer, got " + Conditions.num(v));
            version = (int) v;
        }
        Node tfNode = root.require("the strategy", "timeframe");
        String timeframe = interval(tfNode, "timeframe");

        if (root.has("sweep")) readSweep(Yaml.map(root.get("sweep"), "sweep"));
        if (root.has("params")) readParams(Yaml.map(root.get("params"), "params"));
        readIndicators(Yaml.map(root.require("the strategy", "indicators"), "indicators"), timeframe);
        StopLoss sl = root.has("stop_loss") ? readStop(Yaml.map(root.get("stop_loss"), "stop_loss")) : null;
        TakeProfit tp = root.has("take_profit") ? readTake(Yaml.map(root.get("take_profit"), "take_profit"), sl) : null;
        Position position = root.has("position") ? readPosition(Yaml.map(root.get("position"), "position")) : Position.DEFAULT;
        TimeFilters tf = root.has("time_filters") ? readTimeFilters(Yaml.map(root.get("time_filters"), "time_filters")) : TimeFilters.NONE;

        for (Map.Entry<String, SweepDef> e : sweep.entrySet()) {
            if (!sweepUsed.contains(e.getKey())) {
                List<String> cands = new ArrayList<>(sweepTargets);
                params.forEach(p -> cands.add(p.name()));
                throw StrategyException.suggest(e.getValue().loc(), "sweep key '" + e.getKey()
                        + "' is neither a parameter nor a numeric setting (expected a params name or a path such as "
                        + "rsi.period, stop_loss.percent, take_profit.ratio, position.leverage)", Names.nearest(e.getKey(), cands));
            }
        }

        List<ParameterSpace.Constraint> constraints = root.has("constraints")
                ? readConstraints(Yaml.list(root.get("constraints"), "constraints")) : List.of();
        ParameterSpace space = new ParameterSpace(params, constraints);
        if (!space.accepts(space.defaults()))
            throw new StrategyException(root.has("constraints") ? root.get("constraints").loc() : root.loc(),
                    "the default parameters " + space.describe(space.defaults()) + " break the constraint '" + space.broken(space.defaults()).text() + "'");

        Sides entry = readSides(Yaml.map(root.require("the strategy", "entry"), "entry"), "entry");
        Sides exit = root.has("exit") ? readSides(Yaml.map(root.get("exit"), "exit"), "exit") : Sides.NONE;
        checkSides(root, position, entry, exit);
        Map<String, StrategySpec.SchemaEntry> schema = root.has("parameters_schema")
                ? readSchema(Yaml.map(root.get("parameters_schema"), "parameters_schema")) : Map.of();
        return new StrategySpec(name, description, version, timeframe, java.util.Collections.unmodifiableMap(indicators), space,
                entry, exit, sl, tp, tf, position, schema, file);
    }

    // ---------------------------------------------------------------- parameters and sweeps

    private void readSweep(MapNode m) {
        for (String k : m.names()) sweep.put(k, new SweepDef(m.get(k), m.keyLoc(k)));
    }

    private void readParams(MapNode m) {
        for (String name : m.names()) {
            Loc kl = m.keyLoc(name);
            if (!IDENT.matcher(name).matches())
                throw new StrategyException(kl, "parameter name '" + name + "' must be an identifier (letters, digits, _)");
            Node n = m.get(name);
            Double def;
            Type type = null;
            Node sweepNode = null;
            String description = "";
            if (n instanceof Scalar) {
                def = Yaml.number(n, "params." + name);
            } else {
                MapNode pm = Yaml.map(n, "params." + name).only("params." + name, List.of("default", "type", "sweep", "description"));
                def = Yaml.number(pm.require("params." + name, "default"), "params." + name + ".default");
                if (pm.has("type")) type = paramType(pm.get("type"), "params." + name + ".type");
                if (pm.has("sweep")) sweepNode = pm.get("sweep");
                if (pm.has("description")) description = Yaml.string(pm.get("description"), "params." + name + ".description");
            }
            SweepDef top = sweep.get(name);
            if (top != null) {
                if (sweepNode != null)
                    throw new StrategyException(top.loc(), "parameter '" + name + "' is swept twice (also at " + sweepNode.loc() + ")");
                sweepNode = top.node();
                sweepUsed.add(name);
            }
            boolean intLike = type == Type.INT || (type == null && def == Math.rint(def) && isIntLiteral(n));
            DomainDef dd = sweepNode == null ? null : domain(sweepNode, "sweep of '" + name + "'");
            Domain domain = dd == null ? null : dd.domain();
            if (dd != null && dd.type() != null) {
                if (type != null && type != dd.type())
                    throw new StrategyException(sweepNode.loc(), "parameter '" + name + "' is declared " + type.name().toLowerCase(Locale.ROOT)
                            + " but its sweep says type: " + dd.type().name().toLowerCase(Locale.ROOT));
                type = dd.type();
            }
            if (type == null) type = intLike && integralDomain(domain) ? Type.INT : Type.FLOAT;
            addParam(name, type, def, domain, description, kl);
        }
    }

    private static boolean isIntLiteral(Node n) {
        if (n instanceof Scalar s) return s.type() == Yaml.ScalarType.INT;
        if (n instanceof MapNode m && m.get("default") instanceof Scalar s) return s.type() == Yaml.ScalarType.INT;
        return false;
    }

    private static boolean integralDomain(Domain d) {
        if (d == null) return true;
        if (d instanceof ParameterSpace.Values v) {
            for (double x : v.values()) if (x != Math.rint(x)) return false;
            return true;
        }
        Range r = (Range) d;
        return r.gridded() && r.min() == Math.rint(r.min()) && r.step() == Math.rint(r.step());
    }

    private Type paramType(Node n, String what) {
        String t = Yaml.string(n, what);
        return switch (t) {
            case "int", "integer" -> Type.INT;
            case "float", "double" -> Type.FLOAT;
            default -> throw StrategyException.suggest(n.loc(), what + " must be int or float, got '" + t + "'", Names.nearest(t, List.of("int", "float")));
        };
    }

    /** Adds a parameter after checking its default and domain against its type. */
    private int addParam(String name, Type type, double def, Domain domain, String description, Loc loc) {
        if (paramLocs.containsKey(name)) throw new StrategyException(loc, "parameter '" + name + "' is declared twice (first at " + paramLocs.get(name) + ")");
        if (type == Type.INT && def != Math.rint(def))
            throw new StrategyException(loc, "parameter '" + name + "' is an integer but its default is " + Conditions.num(def));
        if (domain instanceof ParameterSpace.Values v && type == Type.INT)
            for (double x : v.values()) if (x != Math.rint(x)) throw new StrategyException(loc, "parameter '" + name + "' is an integer but its sweep has " + Conditions.num(x));
        if (domain instanceof Range r && type == Type.INT && r.gridded() && (r.min() != Math.rint(r.min()) || r.step() != Math.rint(r.step())))
            throw new StrategyException(loc, "parameter '" + name + "' is an integer but its sweep " + r + " is not");
        params.add(new Param(name, type, def, domain, description, loc));
        paramLocs.put(name, loc);
        return params.size() - 1;
    }

    /** A parsed sweep definition; {@code type} is non-null only when the sweep says {@code type: int|float}. */
    private record DomainDef(Domain domain, Type type) {}

    /** Parses a sweep definition: a list, {min,max,step}, {min,max,distribution[,type]} or {choices}. */
    private DomainDef domain(Node n, String what) {
        if (n instanceof ListNode l) return new DomainDef(new ParameterSpace.Values(numbers(l, what), false), null);
        MapNode m = Yaml.map(n, what + " (a list, {min, max, step}, {min, max, distribution} or {choices})");
        if (m.has("choices")) {
            m.only(what, List.of("choices"));
            return new DomainDef(new ParameterSpace.Values(numbers(Yaml.list(m.get("choices"), what + ".choices"), what + ".choices"), true), null);
        }
        m.only(what, List.of("min", "max", "step", "distribution", "type"));
        double min = Yaml.number(m.require(what, "min"), what + ".min");
        double max = Yaml.number(m.require(what, "max"), what + ".max");
        if (min > max) throw new StrategyException(m.get("min").loc(), what + ": min " + Conditions.num(min) + " is greater than max " + Conditions.num(max));
        if (m.has("step")) {
            if (m.has("distribution")) throw new StrategyException(m.keyLoc("distribution"), what + ": give either step (grid) or distribution (random), not both");
            if (m.has("type")) throw new StrategyException(m.keyLoc("type"), what + ": type applies to {min, max, distribution}; a step range takes its type from the parameter");
            double step = Yaml.number(m.get("step"), what + ".step");
            if (step <= 0) throw new StrategyException(m.get("step").loc(), what + ": step must be > 0, got " + Conditions.num(step));
            return new DomainDef(new Range(min, max, step, ParameterSpace.Distribution.UNIFORM), null);
        }
        if (!m.has("distribution"))
            throw new StrategyException(m.loc(), what + " needs step (grid) or distribution: uniform|log_uniform (random)");
        String d = Yaml.string(m.get("distribution"), what + ".distribution");
        ParameterSpace.Distribution dist = switch (d) {
            case "uniform" -> ParameterSpace.Distribution.UNIFORM;
            case "log_uniform" -> ParameterSpace.Distribution.LOG_UNIFORM;
            default -> throw StrategyException.suggest(m.get("distribution").loc(), what + ": distribution must be uniform or log_uniform, got '" + d + "'",
                    Names.nearest(d, List.of("uniform", "log_uniform")));
        };
        if (dist == ParameterSpace.Distribution.LOG_UNIFORM && min <= 0)
            throw new StrategyException(m.get("min").loc(), what + ": log_uniform needs min > 0, got " + Conditions.num(min));
        Range r = new Range(min, max, Double.NaN, dist);
        if (m.has("type")) {
            Type t = paramType(m.get("type"), what + ".type");
            if (t == Type.INT && (min != Math.rint(min) || max != Math.rint(max)))
                throw new StrategyException(m.get("type").loc(), what + ": type int needs whole min and max");
            return new DomainDef(r, t);
        }
        return new DomainDef(r, null);
    }

    private static double[] numbers(ListNode l, String what) {
        if (l.items().isEmpty()) throw new StrategyException(l.loc(), what + " must not be empty");
        double[] out = new double[l.items().size()];
        for (int i = 0; i < out.length; i++) out[i] = Yaml.number(l.items().get(i), what + "[" + i + "]");
        for (int i = 0; i < out.length; i++)
            for (int j = 0; j < i; j++)
                if (out[i] == out[j]) throw new StrategyException(l.items().get(i).loc(), what + " lists " + Conditions.num(out[i]) + " twice");
        return out;
    }

    /**
     * A numeric setting at {@code path}: a number, or {@code "$param"}. When {@code sweep:} names the path,
     * the setting becomes an implicit parameter with the literal as its default.
     */
    private Value value(Node n, String path, double min, double max, boolean integer) {
        sweepTargets.add(path);
        if (n instanceof Scalar s && s.type() == Yaml.ScalarType.STRING && s.text().startsWith("$")) {
            String ref = s.text().substring(1);
            int i = paramIndex(ref, s.loc(), path);
            if (sweep.containsKey(path))
                throw new StrategyException(sweep.get(path).loc(), "sweep key '" + path + "' names a setting that is already $" + ref + "; sweep '" + ref + "' instead");
            Param p = params.get(i);
            if (integer && p.type() != Type.INT)
                throw new StrategyException(s.loc(), path + " needs an integer but parameter '" + ref + "' is a float (declare type: int)");
            checkParamBounds(p, s.loc(), path, min, max);
            return new Value.Ref(ref, i, s.loc());
        }
        Scalar s = Yaml.scalar(n, path);
        if (!s.isNumber())
            throw new StrategyException(s.loc(), path + " must be a number or a $param, got " + s.kind() + " '" + s.text() + "'");
        double v = Yaml.number(s, path);
        checkRange(v, s.loc(), path, min, max, integer);
        SweepDef sd = sweep.get(path);
        if (sd == null) return new Value.Const(v);
        sweepUsed.add(path);
        DomainDef dd = domain(sd.node(), "sweep of '" + path + "'");
        if (integer && dd.type() == Type.FLOAT)
            throw new StrategyException(sd.loc(), path + " needs integers; its sweep says type: float");
        Type type = integer ? Type.INT : dd.type() != null ? dd.type() : Type.FLOAT;
        int i = addParam(path, type, v, dd.domain(), "", sd.loc());
        checkParamBounds(params.get(i), sd.loc(), path, min, max);
        return new Value.Ref(path, i, sd.loc());
    }

    private static void checkRange(double v, Loc loc, String path, double min, double max, boolean integer) {
        if (integer && v != Math.rint(v)) throw new StrategyException(loc, path + " must be a whole number, got " + Conditions.num(v));
        if (v < min || v > max)
            throw new StrategyException(loc, path + " must be in " + range(min, max) + ", got " + Conditions.num(v));
    }

    /** "[lo, hi]", or "(0, hi]" for the positive-only lower bound 1e-9 used by fractions and multipliers. */
    private static String range(double min, double max) {
        return (min == 1e-9 ? "(0" : "[" + Conditions.num(min)) + ", " + Conditions.num(max) + "]";
    }

    /** Checks the default and the extremes of the sweep domain of a parameter used at {@code path}. */
    private static void checkParamBounds(Param p, Loc loc, String path, double min, double max) {
        double lo = p.defaultValue(), hi = p.defaultValue();
        if (p.domain() instanceof ParameterSpace.Values v) for (double x : v.values()) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        if (p.domain() instanceof Range r) { lo = Math.min(lo, r.min()); hi = Math.max(hi, r.gridded() ? r.point(r.points() - 1) : r.max()); }
        if (lo < min || hi > max)
            throw new StrategyException(loc, path + " must be in " + range(min, max)
                    + ", but parameter '" + p.name() + "' ranges over [" + Conditions.num(lo) + ", " + Conditions.num(hi) + "]");
    }

    private int paramIndex(String name, Loc loc, String where) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(name)) return i;
        throw StrategyException.suggest(loc, "unknown parameter '$" + name + "' in " + where
                + (params.isEmpty() ? " (no params: declared)" : " (params: " + String.join(", ", params.stream().map(Param::name).toList()) + ")"),
                Names.nearest(name, params.stream().map(Param::name).toList()));
    }

    private List<ParameterSpace.Constraint> readConstraints(ListNode l) {
        List<ParameterSpace.Constraint> out = new ArrayList<>();
        for (Node n : l.items()) {
            String text = Yaml.string(n, "a constraint");
            Loc at = textStart(n.loc());
            String[] t = text.trim().split("\\s+");
            if (t.length != 3) {
                // allow "fast<slow"
                java.util.regex.Matcher mm = Pattern.compile("^\\s*(\\S+?)\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*$").matcher(text);
                if (!mm.matches()) throw new StrategyException(at, "constraint '" + text + "' must be '<param> <op> <param|number>' with op one of <, <=, >, >=, ==, !=");
                t = new String[] {mm.group(1), mm.group(2), mm.group(3)};
            }
            if (!List.of("<", "<=", ">", ">=", "==", "!=").contains(t[1]))
                throw new StrategyException(at.plus(text.indexOf(t[1])), "unknown constraint operator '" + t[1] + "' (expected <, <=, >, >=, ==, !=)");
            int a = constraintOperand(t[0], at.plus(text.indexOf(t[0])));
            int b = constraintOperand(t[2], at.plus(text.lastIndexOf(t[2])));
            if (a < 0 && b < 0) throw new StrategyException(at, "constraint '" + text + "' compares only numbers");
            out.add(new ParameterSpace.Constraint(a, a < 0 ? Double.parseDouble(t[0]) : 0, t[1], b, b < 0 ? Double.parseDouble(t[2]) : 0, text, at));
        }
        return out;
    }

    private int constraintOperand(String s, Loc loc) {
        try {
            Double.parseDouble(s);
            return -1;
        } catch (NumberFormatException e) {
            String name = s.startsWith("$") ? s.substring(1) : s;
            return paramIndex(name, loc, "a constraint");
        }
    }

    // ---------------------------------------------------------------- indicators

    private void readIndicators(MapNode m, String baseTf) {
        if (m.names().isEmpty()) throw new StrategyException(m.loc(), "indicators must declare at least one indicator");
        for (String name : m.names()) {
            Loc kl = m.keyLoc(name);
            if (!IDENT.matcher(name).matches())
                throw new StrategyException(kl, "indicator name '" + name + "' must be an identifier (letters, digits, _)");
            if (PRICE_FIELDS.contains(name))
                throw new StrategyException(kl, "indicator name '" + name + "' is a price field; choose another name");
            String w = "indicators." + name;
            MapNode im = Yaml.map(m.get(name), w).only(w, List.of("type", "params", "source", "timeframe"));
            Node tn = im.require(w, "type");
            String type = Yaml.string(tn, w + ".type").toLowerCase(Locale.ROOT);
            IndicatorTypes.Info info = types.get(type);
            if (info == null) {
                String near = Names.nearest(type, types.names());
                throw StrategyException.suggest(tn.loc(), "unknown indicator '" + type + "'"
                        + (near == null ? " (known: " + String.join(", ", types.names()) + ")" : ""), near);
            }
            LinkedHashMap<String, Value> ps = new LinkedHashMap<>();
            MapNode pm = im.has("params") ? Yaml.map(im.get("params"), w + ".params") : null;
            if (pm != null) pm.only(w + ".params (parameters of " + type + ")", info.paramNames());
            for (IndicatorTypes.ParamInfo pi : info.params()) {
                String path = name + "." + pi.name();
                Value v;
                if (pm != null && pm.has(pi.name())) {
                    v = value(pm.get(pi.name()), path, pi.min(), pi.max(), pi.integer());
                } else {
                    sweepTargets.add(path);
                    if (sweep.containsKey(path)) {
                        // sweep of a defaulted indicator parameter: the registry default is the default
                        Scalar lit = new Scalar(kl, Conditions.num(pi.defaultValue()), pi.integer() ? Yaml.ScalarType.INT : Yaml.ScalarType.FLOAT);
                        v = value(lit, path, pi.min(), pi.max(), pi.integer());
                    } else {
                        v = new Value.Const(pi.defaultValue());
                    }
                }
                ps.put(pi.name(), v);
            }
            String source = null;
            if (im.has("source")) {
                if (!info.usesSource())
                    throw new StrategyException(im.keyLoc("source"), "indicator '" + type + "' reads fixed bar fields; it takes no source");
                source = Yaml.string(im.get("source"), w + ".source");
                if (!PRICE_FIELDS.contains(source))
                    throw StrategyException.suggest(im.get("source").loc(), "unknown source '" + source + "' (expected one of "
                            + String.join(", ", PRICE_FIELDS) + ")", Names.nearest(source, PRICE_FIELDS));
            } else if (info.usesSource()) {
                source = "close";
            }
            String tf = baseTf;
            if (im.has("timeframe")) {
                tf = interval(im.get("timeframe"), w + ".timeframe");
                long base = Intervals.nanos(baseTf), t = Intervals.nanos(tf);
                if (t < base || t % base != 0)
                    throw new StrategyException(im.get("timeframe").loc(), w + ".timeframe " + tf
                            + " must be a whole multiple of the strategy timeframe " + baseTf + " (no lower timeframes)");
            }
            indicators.put(name, new IndicatorSpec(name, type, java.util.Collections.unmodifiableMap(ps), source, tf, info.outputs(),
                    info.defaultOutput(), kl));
        }
    }

    private String interval(Node n, String what) {
        String s = Yaml.string(n, what);
        long ns;
        try {
            ns = Intervals.nanos(s);
        } catch (InputException e) {
            throw new StrategyException(n.loc(), what + ": unknown interval '" + s + "' (expected e.g. 1m, 5m, 15m, 1h, 4h, 1d)");
        }
        // bars are resampled UTC-aligned from the catalog's bars: the interval must tile a day
        if (ns % Intervals.NANOS_PER_MINUTE != 0 || (Intervals.NANOS_PER_DAY % ns != 0))
            throw new StrategyException(n.loc(), what + ": interval " + s + " does not divide a UTC day (use 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h or 1d)");
        return s;
    }

    // ---------------------------------------------------------------- stops, position, filters

    private StopLoss readStop(MapNode m) {
        Node tn = m.require("stop_loss", "type");
        String t = Yaml.string(tn, "stop_loss.type");
        return switch (t) {
            case "fixed_pct" -> {
                m.only("stop_loss (type fixed_pct)", List.of("type", "percent"));
                Value v = value(m.require("stop_loss", "percent"), "stop_loss.percent", 1e-9, 100, false);
                yield new StopLoss(StopKind.FIXED_PCT, percent(v), null, m.loc());
            }
            case "atr_fixed", "atr_trailing" -> {
                m.only("stop_loss (type " + t + ")", List.of("type", "atr_multiplier", "indicator"));
                Value v = value(m.require("stop_loss", "atr_multiplier"), "stop_loss.atr_multiplier", 1e-9, 1000, false);
                String ind = indicatorRef(m.require("stop_loss", "indicator"), "stop_loss.indicator");
                yield new StopLoss(t.equals("atr_fixed") ? StopKind.ATR_FIXED : StopKind.ATR_TRAILING, v, ind, m.loc());
            }
            default -> throw StrategyException.suggest(tn.loc(), "unknown stop_loss type '" + t + "' (expected fixed_pct, atr_fixed, atr_trailing)",
                    Names.nearest(t, List.of("fixed_pct", "atr_fixed", "atr_trailing")));
        };
    }

    private TakeProfit readTake(MapNode m, StopLoss sl) {
        Node tn = m.require("take_profit", "type");
        String t = Yaml.string(tn, "take_profit.type");
        return switch (t) {
            case "fixed_pct" -> {
                m.only("take_profit (type fixed_pct)", List.of("type", "percent"));
                yield new TakeProfit(TakeKind.FIXED_PCT, percent(value(m.require("take_profit", "percent"), "take_profit.percent", 1e-9, 10_000, false)), null, m.loc());
            }
            case "atr" -> {
                m.only("take_profit (type atr)", List.of("type", "atr_multiplier", "indicator"));
                Value v = value(m.require("take_profit", "atr_multiplier"), "take_profit.atr_multiplier", 1e-9, 1000, false);
                yield new TakeProfit(TakeKind.ATR, v, indicatorRef(m.require("take_profit", "indicator"), "take_profit.indicator"), m.loc());
            }
            case "risk_reward" -> {
                m.only("take_profit (type risk_reward)", List.of("type", "ratio"));
                if (sl == null) throw new StrategyException(tn.loc(), "take_profit type risk_reward needs a stop_loss (the ratio multiplies the stop distance)");
                yield new TakeProfit(TakeKind.RISK_REWARD, value(m.require("take_profit", "ratio"), "take_profit.ratio", 1e-9, 1000, false), null, m.loc());
            }
            default -> throw StrategyException.suggest(tn.loc(), "unknown take_profit type '" + t + "' (expected fixed_pct, atr, risk_reward)",
                    Names.nearest(t, List.of("fixed_pct", "atr", "risk_reward")));
        };
    }

    /** YAML says percent (2 = 2%); the model holds fractions. A $param stays in percent and is scaled at resolve. */
    private static Value percent(Value v) {
        if (v instanceof Value.Const c) return new Value.Const(c.value() / 100.0);
        return new Value.Scaled((Value.Ref) v, 0.01);
    }

    private String indicatorRef(Node n, String what) {
        String s = Yaml.string(n, what);
        String name = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        IndicatorSpec spec = indicators.get(name);
        if (spec == null)
            throw StrategyException.suggest(n.loc(), "unknown indicator '" + s + "' in " + what + " (declared: " + String.join(", ", indicators.keySet()) + ")",
                    Names.nearest(s, indicators.keySet()));
        if (s.contains(".") && !spec.outputs().contains(s.substring(s.indexOf('.') + 1)))
            throw StrategyException.suggest(n.loc(), "indicator '" + name + "' has no field '" + s.substring(s.indexOf('.') + 1) + "' (fields: "
                    + String.join(", ", spec.outputs()) + ")", Names.nearest(s.substring(s.indexOf('.') + 1), spec.outputs()));
        return s;
    }

    private Position readPosition(MapNode m) {
        m.only("position", List.of("side", "sizing", "leverage", "margin_mode"));
        StrategySpec.Side side = Position.DEFAULT.side();
        if (m.has("side")) {
            String s = Yaml.string(m.get("side"), "position.side");
            side = switch (s) {
                case "long" -> StrategySpec.Side.LONG;
                case "short" -> StrategySpec.Side.SHORT;
                case "both" -> StrategySpec.Side.BOTH;
                default -> throw StrategyException.suggest(m.get("side").loc(), "position.side must be long, short or both, got '" + s + "'",
                        Names.nearest(s, List.of("long", "short", "both")));
            };
        }
        StrategySpec.SizingMethod method = Position.DEFAULT.sizing();
        Value fraction = Position.DEFAULT.fraction();
        String sizingIndicator = null;
        if (m.has("sizing")) {
            MapNode sm = Yaml.map(m.get("sizing"), "position.sizing").only("position.sizing", List.of("method", "fraction", "indicator"));
            Node mn = sm.require("position.sizing", "method");
            String ms = Yaml.string(mn, "position.sizing.method");
            List<String> methods = List.of("fixed_fraction", "risk_per_trade", "kelly", "atr");
            if (!methods.contains(ms))
                throw StrategyException.suggest(mn.loc(), "unknown sizing method '" + ms + "' (expected " + String.join(", ", methods) + ")", Names.nearest(ms, methods));
            method = StrategySpec.SizingMethod.valueOf(ms.toUpperCase(Locale.ROOT));
            fraction = value(sm.require("position.sizing", "fraction"), "position.sizing.fraction", 1e-9, 1, false);
            if (method == StrategySpec.SizingMethod.ATR) sizingIndicator = indicatorRef(sm.require("position.sizing (method atr)", "indicator"), "position.sizing.indicator");
            else if (sm.has("indicator")) throw new StrategyException(sm.keyLoc("indicator"), "position.sizing.indicator applies only to method atr");
        }
        Value leverage = m.has("leverage") ? value(m.get("leverage"), "position.leverage", 1, 125, false) : Position.DEFAULT.leverage();
        StrategySpec.MarginMode mode = Position.DEFAULT.marginMode();
        if (m.has("margin_mode")) {
            String s = Yaml.string(m.get("margin_mode"), "position.margin_mode");
            mode = switch (s) {
                case "isolated" -> StrategySpec.MarginMode.ISOLATED;
                case "cross" -> StrategySpec.MarginMode.CROSS;
                default -> throw StrategyException.suggest(m.get("margin_mode").loc(), "position.margin_mode must be isolated or cross, got '" + s + "'",
                        Names.nearest(s, List.of("isolated", "cross")));
            };
        }
        return new Position(side, method, fraction, leverage, mode, sizingIndicator);
    }

    private TimeFilters readTimeFilters(MapNode m) {
        m.only("time_filters", List.of("sessions", "blocked_days", "avoid_around_funding"));
        List<Session> sessions = new ArrayList<>();
        if (m.has("sessions")) {
            for (Node n : Yaml.list(m.get("sessions"), "time_filters.sessions").items()) {
                MapNode sm = Yaml.map(n, "a session").only("a session", List.of("start", "end", "timezone"));
                if (sm.has("timezone")) {
                    String tz = Yaml.string(sm.get("timezone"), "timezone");
                    if (!tz.equals("UTC"))
                        throw new StrategyException(sm.get("timezone").loc(), "sessions are in UTC only; timezone must be UTC, got '" + tz + "'");
                }
                int start = hhmm(sm.require("a session", "start"), false), end = hhmm(sm.require("a session", "end"), true);
                if (start == end) throw new StrategyException(sm.loc(), "session start equals end (an empty session)");
                sessions.add(new Session(start, end));
            }
        }
        Set<DayOfWeek> blocked = EnumSet.noneOf(DayOfWeek.class);
        if (m.has("blocked_days")) {
            List<String> days = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
            for (Node n : Yaml.list(m.get("blocked_days"), "time_filters.blocked_days").items()) {
                String d = Yaml.string(n, "a blocked day").toLowerCase(Locale.ROOT);
                DayOfWeek dow = null;
                for (int i = 0; i < 7; i++) if (days.get(i).equals(d) || (d.length() == 3 && days.get(i).startsWith(d))) dow = DayOfWeek.of(i + 1);
                if (dow == null) throw StrategyException.suggest(n.loc(), "unknown day '" + d + "' (expected monday … sunday)", Names.nearest(d, days));
                blocked.add(dow);
            }
        }
        FundingAvoid fa = null;
        if (m.has("avoid_around_funding")) {
            MapNode fm = Yaml.map(m.get("avoid_around_funding"), "avoid_around_funding")
                    .only("avoid_around_funding", List.of("enabled", "minutes_before", "minutes_after", "interval_hours"));
            boolean enabled = !fm.has("enabled") || Yaml.bool(fm.get("enabled"), "avoid_around_funding.enabled");
            int before = fm.has("minutes_before") ? wholeIn(fm.get("minutes_before"), "minutes_before", 0, 24 * 60) : 0;
            int after = fm.has("minutes_after") ? wholeIn(fm.get("minutes_after"), "minutes_after", 0, 24 * 60) : 0;
            int hours = fm.has("interval_hours") ? wholeIn(fm.get("interval_hours"), "interval_hours", 1, 24) : 8;
            if (24 % hours != 0) throw new StrategyException(fm.get("interval_hours").loc(), "interval_hours must divide 24, got " + hours);
            if (enabled && before == 0 && after == 0)
                throw new StrategyException(fm.loc(), "avoid_around_funding needs minutes_before and/or minutes_after > 0");
            if (enabled) fa = new FundingAvoid(before, after, hours);
        }
        return new TimeFilters(List.copyOf(sessions), java.util.Collections.unmodifiableSet(blocked), fa);
    }

    private static int wholeIn(Node n, String what, int lo, int hi) {
        double v = Yaml.number(n, what);
        checkRange(v, n.loc(), what, lo, hi, true);
        return (int) v;
    }

    private int hhmm(Node n, boolean end) {
        String s = Yaml.string(n, "a session time (quote it: \"08:00\")");
        java.util.regex.Matcher mm = HHMM.matcher(s);
        if (!mm.matches()) throw new StrategyException(n.loc(), "session time must be HH:MM, got '" + s + "'");
        int h = Integer.parseInt(mm.group(1)), mi = Integer.parseInt(mm.group(2));
        if (mi > 59 || h > 24 || (h == 24 && (mi != 0 || !end)))
            throw new StrategyException(n.loc(), "session time out of range: '" + s + "' (00:00 … 23:59, or 24:00 as an end)");
        return h * 60 + mi;
    }

    // ---------------------------------------------------------------- conditions

    private Sides readSides(MapNode m, String what) {
        m.only(what, List.of("long", "short"));
        Condition l = m.has("long") ? condition(m.get("long"), what + ".long") : null;
        Condition s = m.has("short") ? condition(m.get("short"), what + ".short") : null;
        return new Sides(l, s);
    }

    private void checkSides(MapNode root, Position position, Sides entry, Sides exit) {
        if (position.side() == StrategySpec.Side.LONG && entry.shortSide() != null)
            throw new StrategyException(root.keyLoc("entry"), "entry.short is given but position.side is long");
        if (position.side() == StrategySpec.Side.SHORT && entry.longSide() != null)
            throw new StrategyException(root.keyLoc("entry"), "entry.long is given but position.side is short");
        if (entry.longSide() == null && entry.shortSide() == null)
            throw new StrategyException(root.keyLoc("entry"), "entry needs long and/or short conditions");
        if (position.side() != StrategySpec.Side.SHORT && entry.longSide() == null && position.side() == StrategySpec.Side.LONG)
            throw new StrategyException(root.keyLoc("entry"), "position.side is long but entry.long is missing");
        if (position.side() == StrategySpec.Side.SHORT && entry.shortSide() == null)
            throw new StrategyException(root.keyLoc("entry"), "position.side is short but entry.short is missing");
        if (exit.longSide() != null && entry.longSide() == null)
            throw new StrategyException(root.keyLoc("exit"), "exit.long is given but there is no entry.long");
        if (exit.shortSide() != null && entry.shortSide() == null)
            throw new StrategyException(root.keyLoc("exit"), "exit.short is given but there is no entry.short");
    }

    private Condition condition(Node n, String what) {
        if (n instanceof ListNode l) {
            if (l.items().isEmpty()) throw new StrategyException(l.loc(), what + " is an empty list");
            List<Condition> items = new ArrayList<>();
            for (Node c : l.items()) items.add(condition(c, what));
            return new Condition.All(items, l.loc());
        }
        if (n instanceof MapNode m) {
            if (m.names().size() != 1 || !(m.has("any") || m.has("all"))) {
                String k = m.names().isEmpty() ? "" : m.names().iterator().next();
                Loc at = m.names().isEmpty() ? m.loc() : m.keyLoc(k);
                throw StrategyException.suggest(at, "a condition map must be {any: [...]} (OR) or {all: [...]} (AND), got key '" + k + "'",
                        Names.nearest(k, List.of("any", "all")));
            }
            boolean any = m.has("any");
            ListNode l = Yaml.list(m.get(any ? "any" : "all"), what + (any ? ".any" : ".all"));
            if (l.items().isEmpty()) throw new StrategyException(l.loc(), what + (any ? ".any" : ".all") + " is an empty list");
            List<Condition> items = new ArrayList<>();
            for (Node c : l.items()) items.add(condition(c, what));
            return any ? new Condition.Any(items, m.loc()) : new Condition.All(items, m.loc());
        }
        Scalar s = Yaml.scalar(n, what);
        if (s.type() != Yaml.ScalarType.STRING)
            throw new StrategyException(s.loc(), what + ": expected a condition such as 'rsi < 30', got " + s.kind() + " '" + s.text() + "'");
        return Conditions.parse(s.text(), textStart(s.loc()), this::operand);
    }

    /** The column of a scalar's first character: Jackson points at the opening quote of a quoted scalar. */
    private Loc textStart(Loc l) {
        if (l.line() >= 1 && l.line() <= lines.size()) {
            String line = lines.get(l.line() - 1);
            int c = l.column() - 1;
            if (c >= 0 && c < line.length() && (line.charAt(c) == '"' || line.charAt(c) == '\'')) return l.plus(1);
        }
        return l;
    }

    private Operand operand(String token, Loc loc) {
        if (token.startsWith("$")) {
            String name = token.substring(1);
            int i = paramIndex(name, loc, "a condition");
            return new Operand.Param(name, i);
        }
        if (PRICE_FIELDS.contains(token)) return new Operand.Price(token);
        int dot = token.indexOf('.');
        String name = dot < 0 ? token : token.substring(0, dot);
        IndicatorSpec spec = indicators.get(name);
        if (spec == null) {
            List<String> cands = new ArrayList<>(indicators.keySet());
            cands.addAll(PRICE_FIELDS);
            String near = params.stream().anyMatch(p -> p.name().equals(name)) ? "$" + name : Names.nearest(name, cands);
            throw StrategyException.suggest(loc, "unknown indicator '" + token + "'"
                    + (near == null ? " (declared indicators: " + String.join(", ", indicators.keySet()) + "; price fields: " + String.join(", ", PRICE_FIELDS) + "; parameters need $)" : ""),
                    near);
        }
        if (dot < 0) return new Operand.Ind(name, spec.defaultOutput());
        String field = token.substring(dot + 1);
        if (!spec.outputs().contains(field))
            throw StrategyException.suggest(loc.plus(dot + 1), "indicator '" + name + "' (" + spec.type() + ") has no field '" + field + "' (fields: "
                    + String.join(", ", spec.outputs()) + ")", Names.nearest(field, spec.outputs()));
        return new Operand.Ind(name, field);
    }

    // ---------------------------------------------------------------- parameters_schema

    private Map<String, StrategySpec.SchemaEntry> readSchema(MapNode m) {
        Map<String, StrategySpec.SchemaEntry> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(params.stream().map(Param::name).toList());
        keys.addAll(sweepTargets);
        keys.add("time_filters.sessions");
        keys.add("time_filters.blocked_days");
        List<String> typesList = List.of("integer", "float", "boolean", "string", "choice", "session_list", "day_list");
        for (String k : m.names()) {
            if (!keys.contains(k))
                throw StrategyException.suggest(m.keyLoc(k), "parameters_schema key '" + k + "' names no parameter or setting", Names.nearest(k, keys));
            String w = "parameters_schema." + k;
            MapNode e = Yaml.map(m.get(k), w).only(w, List.of("type", "min", "max", "step", "default", "description", "choices"));
            Node tn = e.require(w, "type");
            String t = Yaml.string(tn, w + ".type");
            if (!typesList.contains(t))
                throw StrategyException.suggest(tn.loc(), "unknown schema type '" + t + "' (expected " + String.join(", ", typesList) + ")", Names.nearest(t, typesList));
            Double min = e.has("min") ? Yaml.number(e.get("min"), w + ".min") : null;
            Double max = e.has("max") ? Yaml.number(e.get("max"), w + ".max") : null;
            Double step = e.has("step") ? Yaml.number(e.get("step"), w + ".step") : null;
            if (min != null && max != null && min > max) throw new StrategyException(e.get("min").loc(), w + ": min > max");
            Object def = e.has("default") ? plain(e.get("default")) : null;
            String desc = e.has("description") ? Yaml.string(e.get("description"), w + ".description") : "";
            out.put(k, new StrategySpec.SchemaEntry(k, t, min, max, step, def, desc));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A YAML subtree as plain Java values (String, Double, Boolean, List, Map) for schema defaults. */
    private static Object plain(Node n) {
        return switch (n) {
            case Scalar s -> switch (s.type()) {
                case INT, FLOAT -> Double.parseDouble(s.text());
                case BOOL -> Boolean.parseBoolean(s.text());
                case NULL -> null;
                case STRING -> s.text();
            };
            case ListNode l -> l.items().stream().map(StrategyParser::plain).toList();
            case MapNode m -> {
                Map<String, Object> o = new LinkedHashMap<>();
                m.values().forEach((k, v) -> o.put(k, plain(v)));
                yield o;
            }
        };
    }
}
