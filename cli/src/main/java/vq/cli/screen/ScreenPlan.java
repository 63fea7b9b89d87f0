package vq.cli.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vq.columnar.InputException;
import vq.kernels.strategy.Loc;
import vq.kernels.strategy.ParameterSpace;

/**
 * What a screen runs, resolved from the command line and optionally an experiment YAML in the shape of
 * ../shared/seeds/000 §5 ({@code experiment_name}, {@code strategy}, {@code data}, {@code optimization},
 * {@code parameters}, {@code constraints}). Command-line options win over the file.
 */
public final class ScreenPlan {
    String name;
    Path strategyFile;
    String configText;           // the YAML the user gave (strategy or experiment)
    Path experimentFile;          // null when a strategy file was given directly
    List<String> symbols = new ArrayList<>();
    String from, to;
    String method = "grid";
    Integer samples;
    long seed = 42;
    Integer threads;
    double leverage = Double.NaN;
    double minTrades = Double.NaN, maxDrawdown = Double.NaN, minProfitFactor = Double.NaN;
    JsonNode parameterOverrides;  // experiment `parameters:` or null

    /** A plan for a strategy file without an experiment YAML. */
    public static ScreenPlan of(Path strategyFile, List<String> symbols, String from, String to, String method, Integer samples, long seed) {
        ScreenPlan p = new ScreenPlan();
        p.strategyFile = strategyFile;
        try {
            p.configText = Files.readString(strategyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read " + strategyFile + ": " + e.getMessage(), e);
        }
        p.symbols = new ArrayList<>(symbols);
        p.from = from;
        p.to = to;
        p.method = method;
        p.samples = samples;
        p.seed = seed;
        return p;
    }

    /** Parameter sets chosen by an optimizer ({@code vq optimize}); null = from the strategy's sweep by {@code method}. */
    double[][] explicitSets;

    /** Screens exactly {@code sets} (in the strategy's parameter order), recorded under {@code method} (tpe, nsga2). */
    public ScreenPlan withSets(double[][] sets, String method) {
        this.explicitSets = sets;
        this.method = method;
        return this;
    }

    /**
     * Sets the hard constraints recorded in {@code sweep_results.passes_constraints}; a NaN argument leaves that
     * constraint as it was (NaN = none).
     */
    public ScreenPlan withConstraints(double minTrades, double maxDrawdown, double minProfitFactor) {
        if (!Double.isNaN(minTrades)) this.minTrades = minTrades;
        if (!Double.isNaN(maxDrawdown)) this.maxDrawdown = maxDrawdown;
        if (!Double.isNaN(minProfitFactor)) this.minProfitFactor = minProfitFactor;
        return this;
    }

    /** The parameter space after the experiment's overrides. */
    public vq.kernels.strategy.ParameterSpace space(vq.kernels.strategy.StrategySpec spec) { return applyOverrides(spec.parameters()); }

    /** The strategy file this plan screens. */
    public Path strategyFile() { return strategyFile; }

    /**
     * Pins a plan to what a stored experiment screened (for a replay with analysis windows, {@code vq filter}):
     * symbols, days, method, samples and seed.
     */
    public ScreenPlan pin(List<String> symbols, String from, String to, String method, Integer samples, long seed) {
        this.symbols = new ArrayList<>(symbols);
        this.from = from;
        this.to = to;
        this.method = method;
        this.samples = samples;
        this.seed = seed;
        return this;
    }

    /** Reads {@code file}: an experiment YAML when it has experiment_name/optimization/strategy-as-reference, else a strategy. */
    public static ScreenPlan read(Path file) {
        ScreenPlan p = new ScreenPlan();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException("file not found: " + file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        p.configText = text;
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new InputException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        boolean experiment = root != null && root.isObject()
                && (root.has("experiment_name") || root.has("optimization") || (root.has("strategy") && root.get("strategy").isTextual() && !root.has("entry")));
        if (!experiment) {
            p.strategyFile = file;
            return p;
        }
        p.experimentFile = file;
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!List.of("experiment_name", "strategy", "data", "optimization", "parameters", "constraints", "leverage", "symbols", "from", "to").contains(k))
                throw new InputException(file + ": unknown key '" + k + "' (expected experiment_name, strategy, data, optimization, parameters, constraints, leverage, symbols, from, to)");
        }
        p.name = text(root, "experiment_name", file);
        String strategy = text(root, "strategy", file);
        if (strategy == null) throw new InputException(file + ": 'strategy' is required (a strategy YAML path or a name under configs/strategies/)");
        Path s = Path.of(strategy);
        Path base = file.toAbsolutePath().getParent();
        List<Path> candidates = List.of(base.resolve(s), s, base.resolve("configs/strategies/" + strategy + ".yaml"),
                Path.of("configs/strategies/" + strategy + ".yaml"), Path.of("configs/strategies/" + strategy.toLowerCase(Locale.ROOT) + ".yaml"));
        p.strategyFile = candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new InputException(file + ": strategy '" + strategy + "' not found (tried " + candidates + ")"));
        JsonNode data = root.get("data");
        if (data != null) {
            if (data.has("path") || data.has("format"))
                throw new InputException(file + ": data.path/format: vq screens data from the workspace catalog; import files with `vq data import` and name symbols in data.symbols");
            symbolsFrom(data.get("symbols"), p.symbols);
            p.from = text(data, "from", file);
            p.to = text(data, "to", file);
        }
        symbolsFrom(root.get("symbols"), p.symbols);
        if (root.has("from")) p.from = text(root, "from", file);
        if (root.has("to")) p.to = text(root, "to", file);
        JsonNode opt = root.get("optimization");
        if (opt != null) {
            String m = text(opt, "method", file);
            if (m != null) p.method = m;
            if (opt.has("samples")) p.samples = integer(opt, "samples", file);
            if (opt.has("seed")) p.seed = integer(opt, "seed", file);
            if (opt.has("parallel_workers")) p.threads = integer(opt, "parallel_workers", file);
        }
        if (root.has("leverage")) p.leverage = number(root, "leverage", file);
        JsonNode c = root.get("constraints");
        if (c != null) {
            if (c.has("min_trades")) p.minTrades = number(c, "min_trades", file);
            if (c.has("max_drawdown")) p.maxDrawdown = number(c, "max_drawdown", file);
            if (c.has("min_profit_factor")) p.minProfitFactor = number(c, "min_profit_factor", file);
        }
        p.parameterOverrides = root.get("parameters");
        return p;
    }

    private static void symbolsFrom(JsonNode n, List<String> out) {
        if (n == null) return;
        out.clear();
        if (n.isArray()) n.forEach(x -> out.add(x.asText().trim().toUpperCase(Locale.ROOT)));
        else Arrays.stream(n.asText().split(",")).map(x -> x.trim().toUpperCase(Locale.ROOT)).filter(x -> !x.isEmpty()).forEach(out::add);
    }

    private static String text(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isValueNode()) throw new InputException(file + ": '" + key + "' must be a value");
        return v.asText();
    }

    private static double number(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) throw new InputException(file + ": '" + key + "' must be a number, got " + v);
        return v.asDouble();
    }

    private static int integer(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (!v.canConvertToInt()) throw new InputException(file + ": '" + key + "' must be an integer, got " + v);
        return v.asInt();
    }

    /** The strategy's parameter space with the experiment's {@code parameters:} domains applied. */
    ParameterSpace applyOverrides(ParameterSpace space) {
        if (parameterOverrides == null || parameterOverrides.isNull()) return space;
        if (!parameterOverrides.isObject()) throw new InputException(experimentFile + ": 'parameters' must be a mapping name -> domain");
        List<ParameterSpace.Param> params = new ArrayList<>(space.params());
        for (Iterator<Map.Entry<String, JsonNode>> it = parameterOverrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int i = space.index(e.getKey());
            if (i < 0) throw new InputException(experimentFile + ": parameters." + e.getKey() + " is not a parameter of the strategy " + space.names());
            ParameterSpace.Param old = params.get(i);
            JsonNode d = e.getValue();
            String where = experimentFile + ": parameters." + e.getKey();
            ParameterSpace.Type type = old.type();
            if (d.has("type")) {
                String t = d.get("type").asText();
                type = switch (t) {
                    case "int" -> ParameterSpace.Type.INT;
                    case "float" -> ParameterSpace.Type.FLOAT;
                    default -> throw new InputException(where + ".type must be int or float, got '" + t + "'");
                };
            }
            ParameterSpace.Domain domain;
            if (d.isArray() || d.has("values")) {
                JsonNode vs = d.isArray() ? d : d.get("values");
                double[] v = new double[vs.size()];
                for (int k = 0; k < v.length; k++) v[k] = vs.get(k).asDouble();
                domain = new ParameterSpace.Values(v, false);
            } else {
                if (!d.has("min") || !d.has("max")) throw new InputException(where + " needs min and max (or values)");
                double min = d.get("min").asDouble(), max = d.get("max").asDouble();
                if (!(max > min)) throw new InputException(where + ": max must exceed min");
                double step = d.has("step") ? d.get("step").asDouble() : Double.NaN;
                String dist = d.has("distribution") ? d.get("distribution").asText() : "uniform";
                ParameterSpace.Distribution di = switch (dist) {
                    case "uniform" -> ParameterSpace.Distribution.UNIFORM;
                    case "log_uniform" -> ParameterSpace.Distribution.LOG_UNIFORM;
                    default -> throw new InputException(where + ".distribution must be uniform or log_uniform, got '" + dist + "'");
                };
                if (di == ParameterSpace.Distribution.LOG_UNIFORM && !(min > 0)) throw new InputException(where + ": log_uniform needs min > 0");
                domain = new ParameterSpace.Range(min, max, step, di);
            }
            params.set(i, new ParameterSpace.Param(old.name(), type, old.defaultValue(), domain, old.description(),
                    new Loc(experimentFile.getFileName().toString(), 0, 0)));
        }
        return new ParameterSpace(params, space.constraints());
    }

    /** Start of {@code from} (YYYY-MM or YYYY-MM-DD, UTC), epoch ns; Long.MIN_VALUE when absent. */
    public static long fromNanos(String from) {
        if (from == null) return Long.MIN_VALUE;
        return parse(from, false, "--from");
    }

    /** End (exclusive) of {@code to}: the day/month after it (inclusive bound), epoch ns; Long.MAX_VALUE when absent. */
    public static long toNanos(String to) {
        if (to == null) return Long.MAX_VALUE;
        return parse(to, true, "--to");
    }

    private static long parse(String s, boolean end, String what) {
        try {
            if (s.length() == 7) {
                YearMonth m = YearMonth.parse(s);
                LocalDate d = end ? m.plusMonths(1).atDay(1) : m.atDay(1);
                return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
            }
            LocalDate d = LocalDate.parse(s);
            if (end) d = d.plusDays(1);
            return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InputException(what + " '" + s + "' is not a date (YYYY-MM-DD or YYYY-MM, UTC; --to is inclusive)");
        }
    }
}
