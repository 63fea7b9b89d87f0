package vq.kernels.indicators;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One indicator type of the catalogue ({@link Indicators}): YAML name, parameters with defaults and valid ranges,
 * output fields, inputs and warm-up. Instances are immutable and thread-safe.
 *
 * <p><b>Warm-up.</b> {@link #warmup(Params, String)} is the index of the first valid (non-NaN) value of an output on a
 * series that starts at index 0; it equals TA-Lib's {@code TA_XXX_Lookback} for indicators TA-Lib has. Outputs before
 * it are NaN. Warm-up counts bars of the indicator's own timeframe.
 *
 * <p><b>Outputs.</b> Single-output indicators have one field named like the type ({@code rsi}); multi-output ones list
 * their fields ({@code macd, signal, hist}); {@link #defaultOutput()} is what a bare reference ({@code macd}) means.
 */
public final class IndicatorType {
    /** Computes all outputs of one indicator over a whole series. */
    @FunctionalInterface
    interface Kernel {
        /**
         * @param bars   input series (n = bars.rows())
         * @param p      validated parameters
         * @param source price input for types that take one (else ignored)
         * @param out    one segment of at least n doubles per output field, in {@link #outputs()} order; every element
         *               [0, n) is written (NaN before the warm-up)
         */
        void compute(BarSeries bars, Params p, Source source, MemorySegment[] out);
    }

    /** Warm-up of each output, in output order. */
    @FunctionalInterface
    interface Warmup {
        int[] of(Params p);
    }

    private final String name;
    private final String title;
    private final String description;
    private final List<ParamSpec> params;
    private final List<String> outputs;
    private final String defaultOutput;
    private final List<Source> fixedInputs;
    private final Source defaultSource;
    private final Warmup warmup;
    private final Kernel kernel;
    private final Params defaults;

    IndicatorType(String name, String title, String description, List<ParamSpec> params, List<String> outputs,
                  String defaultOutput, List<Source> fixedInputs, Source defaultSource, Warmup warmup, Kernel kernel) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.params = List.copyOf(params);
        this.outputs = List.copyOf(outputs);
        this.defaultOutput = defaultOutput;
        this.fixedInputs = List.copyOf(fixedInputs);
        this.defaultSource = defaultSource;
        this.warmup = warmup;
        this.kernel = kernel;
        if (!this.outputs.contains(defaultOutput)) throw new IllegalArgumentException(name + ": default output " + defaultOutput);
        double[] d = new double[params.size()];
        for (int i = 0; i < d.length; i++) d[i] = params.get(i).defaultValue();
        this.defaults = new Params(this, d);
    }

    /** YAML name, lower case: {@code sma}, {@code bbands}, ... */
    public String name() { return name; }

    /** Human name, e.g. "Relative Strength Index (Wilder)". */
    public String title() { return title; }

    /** Formula and conventions in one paragraph. */
    public String description() { return description; }

    public List<ParamSpec> params() { return params; }

    /** Output field names in storage order; single-output types have one field named like the type. */
    public List<String> outputs() { return outputs; }

    public String defaultOutput() { return defaultOutput; }

    public boolean hasOutput(String field) { return outputs.contains(field); }

    /** Whether the type reads a configurable {@code source} (sma, ema, rsi, ...); else {@link #inputs} is fixed. */
    public boolean takesSource() { return defaultSource != null; }

    /** Default {@code source} ({@code close}), or null when the type takes none. */
    public Source defaultSource() { return defaultSource; }

    /**
     * Bar inputs read for the given source: {@code [source]} for source-taking types (a derived source such as hlc3
     * reads its columns), else the fixed list (e.g. atr: high, low, close; obv: close, volume).
     */
    public List<Source> inputs(Source source) {
        if (defaultSource == null) return fixedInputs;
        Source s = source == null ? defaultSource : source;
        java.util.ArrayList<Source> l = new java.util.ArrayList<>(List.of(s));
        for (Source f : fixedInputs) if (!l.contains(f)) l.add(f);
        return List.copyOf(l);
    }

    /** Parameter spec by name, or null. */
    public ParamSpec param(String name) {
        for (ParamSpec p : params) if (p.name().equals(name)) return p;
        return null;
    }

    int paramIndex(String pname) {
        for (int i = 0; i < params.size(); i++) if (params.get(i).name().equals(pname)) return i;
        throw new IllegalArgumentException(name + " has no parameter '" + pname + "' (parameters: " + paramNames() + ")");
    }

    private String paramNames() {
        return String.join(", ", params.stream().map(ParamSpec::name).toList());
    }

    /** All defaults. */
    public Params defaults() { return defaults; }

    /**
     * Validates {@code given} (names must be parameters of this type; missing ones take defaults) and returns the
     * resolved parameters. {@link IllegalArgumentException} on an unknown name or out-of-range value, naming both.
     */
    public Params params(Map<String, ? extends Number> given) {
        double[] v = new double[params.size()];
        for (int i = 0; i < v.length; i++) v[i] = params.get(i).defaultValue();
        for (Map.Entry<String, ? extends Number> e : given.entrySet()) {
            ParamSpec spec = param(e.getKey());
            if (spec == null)
                throw new IllegalArgumentException(name + " has no parameter '" + e.getKey() + "' (parameters: " + paramNames() + ")");
            Objects.requireNonNull(e.getValue(), () -> name + ": " + e.getKey() + " is null");
            v[paramIndex(e.getKey())] = spec.validate(name, e.getValue().doubleValue());
        }
        check(v);
        return new Params(this, v);
    }

    /** Resolves {@code name=value} pairs: {@code params("period", 14)}. */
    public Params params(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        java.util.LinkedHashMap<String, Number> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) m.put((String) nameValuePairs[i], (Number) nameValuePairs[i + 1]);
        return params(m);
    }

    /** Cross-parameter checks (none so far: TA-Lib swaps MACD fast/slow itself). */
    private void check(double[] v) {}

    /** First valid index of every output (see class doc). */
    public int warmup(Params p, String output) {
        requireOwn(p);
        int i = outputs.indexOf(output);
        if (i < 0) throw new IllegalArgumentException(name + " has no output '" + output + "' (outputs: " + String.join(", ", outputs) + ")");
        return warmup.of(p)[i];
    }

    /** Largest warm-up over all outputs: from this index on every field is valid. */
    public int warmup(Params p) {
        requireOwn(p);
        int m = 0;
        for (int w : warmup.of(p)) m = Math.max(m, w);
        return m;
    }

    /**
     * Computes all outputs over the whole series into caller-owned buffers (one per output, at least
     * {@code bars.rows()} doubles each, native memory). Deterministic: the same inputs give bit-identical outputs.
     */
    public void compute(BarSeries bars, Params p, Source source, MemorySegment... out) {
        requireOwn(p);
        if (out.length != outputs.size())
            throw new IllegalArgumentException(name + ": " + outputs.size() + " output buffers expected, got " + out.length);
        long need = bars.rows() * Double.BYTES;
        for (MemorySegment o : out)
            if (o.byteSize() < need) throw new IllegalArgumentException(name + ": output buffer of " + o.byteSize() + " bytes < " + need);
        kernel.compute(bars, p, source == null ? defaultSource : source, out);
    }

    /** Computes into fresh buffers allocated in {@code arena}. */
    public IndicatorValues compute(BarSeries bars, Params p, Source source, java.lang.foreign.Arena arena) {
        MemorySegment[] out = new MemorySegment[outputs.size()];
        for (int i = 0; i < out.length; i++) out[i] = arena.allocate(Math.max(8, bars.rows() * Double.BYTES), 64);
        compute(bars, p, source, out);
        int[] w = warmup.of(p);
        return new IndicatorValues(this, p, takesSource() ? (source == null ? defaultSource : source) : null, bars.rows(), out, w);
    }

    private void requireOwn(Params p) {
        if (p.type() != this) throw new IllegalArgumentException("parameters " + p + " are not for " + name);
    }

    @Override public String toString() { return name; }
}
