package vq.cli.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vq.kernels.strategy.IndicatorTypes;

/**
 * A discovered strategy's genome: 1..{@code genesMax} entry genes (AND), 0..2 exit genes (OR), a stop
 * loss and a take profit, both in percent of the entry price. The short side mirrors the long side (operators
 * flipped, thresholds reflected about the middle of their range), so a genome is rendered as a two-sided DSL strategy.
 *
 * @param entry       entry genes, 1..genesMax
 * @param exit        exit genes, 0..2
 * @param stopPct     stop loss in percent of the entry price (0.5..5)
 * @param takePct     take profit in percent of the entry price (0.5..10)
 */
public record Genome(List<Gene> entry, List<Gene> exit, double stopPct, double takePct) {
    public static final double STOP_MIN = 0.5, STOP_MAX = 5, TAKE_MIN = 0.5, TAKE_MAX = 10;

    /** Drops repeated genes (a repeated condition adds complexity and nothing else); keeps the first occurrence. */
    public Genome {
        if (entry.isEmpty()) throw new IllegalArgumentException("a genome needs at least one entry gene");
        entry = List.copyOf(new java.util.LinkedHashSet<>(entry));
        exit = List.copyOf(new java.util.LinkedHashSet<>(exit));
    }

    /** Entry plus exit genes: the complexity the penalty counts. */
    public int genes() { return entry.size() + exit.size(); }

    /**
     * One condition: an indicator of a registry type with its parameters, one of its outputs, an operator and
     * (for a bounded oscillator) a threshold or (for a price-scale line) the bar's close as the second operand.
     *
     * @param type      registry type name (lower case)
     * @param params    parameter values in {@link IndicatorTypes.Info#params()} order, within the registry's bounds
     * @param output    output field (a name of {@link IndicatorTypes.Info#outputs()})
     * @param op        0: {@code >}, 1: {@code <}, 2: {@code crosses_above}, 3: {@code crosses_below}
     * @param threshold the constant compared with (ignored for {@link Scale#PRICE} genes, which compare with close)
     */
    public record Gene(String type, double[] params, String output, int op, double threshold) {
        static final String[] OPS = {">", "<", "crosses_above", "crosses_below"};

        Scale scale() { return Scales.of(type, output); }

        /**
         * The condition of one side with {@code ref} as the indicator's DSL name. With {@code params} non-null the
         * threshold is written as {@code $<ref>_t} (long side and non-directional) or {@code $<ref>_ts} (mirrored short
         * side) and its value put into {@code params}; otherwise it is written as a number.
         */
        String condition(String ref, boolean shortSide, java.util.Map<String, Double> params) {
            Scale s = scale();
            boolean mirror = shortSide && s.directional();
            int o = mirror ? op ^ 1 : op;
            String left = output.equals(type) ? ref : ref + "." + output;
            if (s.price()) return "close " + OPS[o] + " " + left;
            double t = mirror ? s.lo() + s.hi() - threshold : threshold;
            if (params == null) return left + " " + OPS[o] + " " + fmt(t);
            String name = ref + (mirror ? "_ts" : "_t");
            params.put(name, t);
            return left + " " + OPS[o] + " $" + name;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Gene g && type.equals(g.type) && java.util.Arrays.equals(params, g.params) && output.equals(g.output)
                    && op == g.op && Double.compare(threshold, g.threshold) == 0;
        }

        @Override public int hashCode() {
            return java.util.Objects.hash(type, java.util.Arrays.hashCode(params), output, op, threshold);
        }

        /** A short text such as {@code rsi(14).rsi < 30}. */
        String describe() {
            StringBuilder sb = new StringBuilder(type).append('(');
            for (int i = 0; i < params.length; i++) sb.append(i == 0 ? "" : ",").append(fmt(params[i]));
            sb.append(").").append(output);
            return scale().price() ? "close " + OPS[op] + " " + sb : sb + " " + OPS[op] + " " + fmt(threshold);
        }
    }

    /**
     * The value range a (type, output) is compared in. {@code price()}: same scale as the bar's close, compared with
     * it; otherwise thresholds are drawn from {@code [lo, hi]} on a grid of {@code step}. {@code directional}: the short
     * side mirrors the condition (operator flipped, threshold reflected to {@code lo + hi - t}); a non-directional
     * gauge (ADX, band width) keeps the same condition on both sides.
     */
    public record Scale(boolean price, double lo, double hi, double step, boolean directional) {}

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A one-line summary, e.g. {@code entry[rsi(14).rsi < 30 & ...] exit[...] sl 2% tp 4%}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("entry[");
        for (int i = 0; i < entry.size(); i++) sb.append(i == 0 ? "" : " & ").append(entry.get(i).describe());
        sb.append("]");
        if (!exit.isEmpty()) {
            sb.append(" exit[");
            for (int i = 0; i < exit.size(); i++) sb.append(i == 0 ? "" : " & ").append(exit.get(i).describe());
            sb.append("]");
        }
        return sb.append(" sl ").append(fmt(stopPct)).append("% tp ").append(fmt(takePct)).append('%').toString();
    }

    /** Random genomes and genes over the indicator registry's types with a known {@link Scale}. */
    public static final class Factory {
        final IndicatorTypes types;
        final List<String[]> choices = new ArrayList<>(); // {type, output}
        final int genesMax;

        public Factory(IndicatorTypes types, int genesMax) {
            if (genesMax < 1 || genesMax > 5) throw new vq.columnar.InputException("--genes-max must be 1..5, got " + genesMax);
            this.types = types;
            this.genesMax = genesMax;
            for (String n : types.names()) {
                IndicatorTypes.Info info = types.get(n);
                for (String out : info.outputs()) if (Scales.of(n, out) != null) choices.add(new String[] {n, out});
            }
            if (choices.isEmpty()) throw new IllegalStateException("no indicator type of the registry has a known value scale");
        }

        public Genome random(SplittableRandom r) {
            int n = 1 + r.nextInt(genesMax);
            List<Gene> en = new ArrayList<>();
            for (int i = 0; i < n; i++) en.add(gene(r));
            List<Gene> ex = new ArrayList<>();
            int m = r.nextInt(3);
            for (int i = 0; i < m; i++) ex.add(gene(r));
            return new Genome(en, ex, round(STOP_MIN + r.nextDouble() * (STOP_MAX - STOP_MIN), 0.1),
                    round(TAKE_MIN + r.nextDouble() * (TAKE_MAX - TAKE_MIN), 0.1));
        }

        public Gene gene(SplittableRandom r) {
            String[] c = choices.get(r.nextInt(choices.size()));
            IndicatorTypes.Info info = types.get(c[0]);
            double[] p = new double[info.params().size()];
            for (int k = 0; k < p.length; k++) p[k] = param(info.params().get(k), r);
            Scale s = Scales.of(c[0], c[1]);
            double t = s.price() ? 0 : round(s.lo() + r.nextDouble() * (s.hi() - s.lo()), s.step());
            return repair(new Gene(c[0], p, c[1], r.nextInt(4), t));
        }

        /** A parameter value within the registry's bounds, capped at a search range (periods up to 4× default, at least 50). */
        static double param(IndicatorTypes.ParamInfo pi, SplittableRandom r) {
            double lo = Math.max(pi.min(), pi.integer() ? 2 : pi.min());
            if (pi.name().equals("displacement")) lo = pi.min();
            double hi = Math.min(pi.max(), Math.max(50, 4 * pi.defaultValue()));
            if (lo > hi) lo = hi = Math.max(pi.min(), Math.min(pi.max(), pi.defaultValue()));
            double v = lo + r.nextDouble() * (hi - lo);
            return pi.integer() ? Math.round(v) : round(v, 0.1);
        }

        /** Mutates one part of {@code g}: a parameter, the operator, the threshold, or the whole gene. */
        Gene mutate(Gene g, SplittableRandom r) {
            IndicatorTypes.Info info = types.get(g.type());
            int what = r.nextInt(4);
            if (what == 0 && g.params().length > 0) {
                double[] p = g.params().clone();
                int k = r.nextInt(p.length);
                p[k] = param(info.params().get(k), r);
                return repair(new Gene(g.type(), p, g.output(), g.op(), g.threshold()));
            }
            if (what == 1) return new Gene(g.type(), g.params(), g.output(), r.nextInt(4), g.threshold());
            if (what == 2 && !g.scale().price()) {
                Scale s = g.scale();
                double t = Math.max(s.lo(), Math.min(s.hi(), round(g.threshold() + (r.nextDouble() - 0.5) * 0.4 * (s.hi() - s.lo()), s.step())));
                return new Gene(g.type(), g.params(), g.output(), g.op(), t);
            }
            return gene(r);
        }

        /** Keeps multi-period types valid: macd fast &lt; slow. */
        Gene repair(Gene g) {
            IndicatorTypes.Info info = types.get(g.type());
            if (g.type().equals("macd")) {
                int f = info.paramNames().indexOf("fast"), s = info.paramNames().indexOf("slow");
                double[] p = g.params().clone();
                if (p[f] >= p[s]) {
                    double a = Math.min(p[f], p[s]), b = Math.max(p[f], p[s]);
                    if (a == b) b = a + 1;
                    p[f] = a;
                    p[s] = b;
                }
                return new Gene(g.type(), p, g.output(), g.op(), g.threshold());
            }
            return g;
        }

        /** Mutates {@code g}: one gene changed, a gene added or removed (within 1..genesMax entry, 0..2 exit), or SL/TP moved. */
        public Genome mutate(Genome g, SplittableRandom r) {
            List<Gene> en = new ArrayList<>(g.entry()), ex = new ArrayList<>(g.exit());
            double sl = g.stopPct(), tp = g.takePct();
            switch (r.nextInt(6)) {
                case 0 -> { int i = r.nextInt(en.size()); en.set(i, mutate(en.get(i), r)); }
                case 1 -> { if (en.size() < genesMax) en.add(gene(r)); else en.set(r.nextInt(en.size()), gene(r)); }
                case 2 -> { if (en.size() > 1) en.remove(r.nextInt(en.size())); else en.set(0, mutate(en.get(0), r)); }
                case 3 -> {
                    if (!ex.isEmpty() && r.nextBoolean()) ex.remove(r.nextInt(ex.size()));
                    else if (ex.size() < 2) ex.add(gene(r));
                    else ex.set(r.nextInt(ex.size()), mutate(ex.get(r.nextInt(ex.size())), r));
                }
                case 4 -> sl = clamp(round(sl * Math.exp((r.nextDouble() - 0.5) * 0.8), 0.1), STOP_MIN, STOP_MAX);
                default -> tp = clamp(round(tp * Math.exp((r.nextDouble() - 0.5) * 0.8), 0.1), TAKE_MIN, TAKE_MAX);
            }
            return new Genome(en, ex, sl, tp);
        }

        /** Uniform crossover of the gene lists (each slot from either parent), SL and TP from either parent. */
        public Genome crossover(Genome a, Genome b, SplittableRandom r) {
            return new Genome(mix(a.entry(), b.entry(), 1, genesMax, r), mix(a.exit(), b.exit(), 0, 2, r),
                    r.nextBoolean() ? a.stopPct() : b.stopPct(), r.nextBoolean() ? a.takePct() : b.takePct());
        }

        static List<Gene> mix(List<Gene> a, List<Gene> b, int min, int max, SplittableRandom r) {
            int n = r.nextBoolean() ? a.size() : b.size();
            n = Math.max(min, Math.min(max, n));
            List<Gene> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Gene fromA = i < a.size() ? a.get(i) : null, fromB = i < b.size() ? b.get(i) : null;
                Gene g = fromA == null ? fromB : fromB == null ? fromA : r.nextBoolean() ? fromA : fromB;
                if (g != null) out.add(g);
            }
            if (out.size() < min) out.add((a.isEmpty() ? b : a).get(0));
            return out;
        }
    }

    static double round(double v, double step) { return Math.round(v / step) * step == 0 ? 0 : Double.parseDouble(fmt(Math.round(v / step) * step)); }

    static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }
}
