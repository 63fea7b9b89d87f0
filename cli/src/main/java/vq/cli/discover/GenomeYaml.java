package vq.cli.discover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vq.kernels.strategy.IndicatorTypes;

/**
 * Renders a {@link Genome} as ordinary DSL YAML (docs/strategy-dsl.md): one indicator per gene ({@code e1..e5} for
 * entry, {@code x1, x2} for exit), entry conditions per side (AND; the short side mirrored), exit conditions per side
 * (OR), fixed-percent stop loss and take profit, both sides, fixed-fraction sizing. The text is parsed by the real
 * {@code StrategyParser}.
 *
 * <p>{@link #template} writes the same strategy with every number (indicator parameters, thresholds, stop and take
 * percents) as a {@code $param}: genomes that differ only in numbers share one template and are screened as one
 * multi-set SIMD pass.
 */
public final class GenomeYaml {
    private GenomeYaml() {}

    /**
     * A parameterized strategy and the values of one genome, by parameter name (percents in percent). {@code key}
     * is the text with the parameters' defaults left as placeholders: genomes with equal keys differ only in numbers.
     */
    public record Template(String key, Map<String, Double> values) {
        /** The DSL text with {@code defaults} as the parameters' defaults (any one genome's values of this key). */
        public String yaml(Map<String, Double> defaults) {
            String y = key;
            for (Map.Entry<String, Double> e : defaults.entrySet()) y = y.replace(HOLE + e.getKey() + HOLE, Genome.fmt(e.getValue()));
            return y;
        }

        /** The DSL text with this genome's values as the defaults. */
        public String yaml() { return yaml(values); }
    }

    static final String HOLE = "\u0000";

    /**
     * @param name      strategy name (a DSL identifier)
     * @param timeframe bar interval, e.g. {@code 1m}
     * @param comment   first-line comment (no newlines), or null
     */
    public static String render(Genome g, IndicatorTypes types, String name, String timeframe, String comment) {
        return write(g, types, name, timeframe, comment, null);
    }

    /** The parameterized form of {@code g} (see the class comment); equal templates differ only in numbers. */
    public static Template template(Genome g, IndicatorTypes types, String name, String timeframe) {
        Map<String, Double> values = new LinkedHashMap<>();
        String yaml = write(g, types, name, timeframe, null, values);
        return new Template(yaml, values);
    }

    static String write(Genome g, IndicatorTypes types, String name, String timeframe, String comment, Map<String, Double> values) {
        StringBuilder body = new StringBuilder();
        body.append("indicators:\n");
        indicators(body, g.entry(), "e", types, values);
        indicators(body, g.exit(), "x", types, values);
        body.append("\nentry:\n");
        conditions(body, g.entry(), "e", "long", false, values);
        conditions(body, g.entry(), "e", "short", true, values);
        if (!g.exit().isEmpty()) {
            body.append("exit:\n");
            anyOf(body, g.exit(), "x", "long", false, values);
            anyOf(body, g.exit(), "x", "short", true, values);
        }
        body.append("\nstop_loss: {type: fixed_pct, percent: ").append(num("sl_pct", g.stopPct(), values)).append("}\n");
        body.append("take_profit: {type: fixed_pct, percent: ").append(num("tp_pct", g.takePct(), values)).append("}\n\n");
        body.append("position: {side: both, sizing: {method: fixed_fraction, fraction: 0.1}, leverage: 2, margin_mode: isolated}\n");

        StringBuilder sb = new StringBuilder();
        if (comment != null) sb.append("# ").append(comment.replace('\n', ' ')).append('\n');
        sb.append("name: ").append(name).append('\n');
        sb.append("description: \"Discovered by vq discover")
                .append(values == null ? ": " + g.describe().replace("\"", "'") : " (template)").append("\"\n");
        sb.append("version: 1\ntimeframe: ").append(timeframe).append("\n\n");
        if (values != null) {
            sb.append("params:\n");
            for (Map.Entry<String, Double> e : values.entrySet())
                sb.append("  ").append(e.getKey()).append(": {default: ").append(HOLE).append(e.getKey()).append(HOLE)
                        .append(isInt(e.getKey(), g, types) ? ", type: int" : "").append("}\n");
            sb.append('\n');
        }
        return sb.append(body).toString();
    }

    /** Whether a template parameter is an integer indicator parameter. */
    static boolean isInt(String param, Genome g, IndicatorTypes types) {
        int us = param.indexOf('_');
        if (us < 0 || param.endsWith("_t") || param.endsWith("_ts") || param.startsWith("sl_") || param.startsWith("tp_")) return false;
        String ref = param.substring(0, us);
        List<Genome.Gene> genes = ref.charAt(0) == 'e' ? g.entry() : g.exit();
        Genome.Gene gene = genes.get(Integer.parseInt(ref.substring(1)) - 1);
        IndicatorTypes.ParamInfo pi = types.get(gene.type()).param(param.substring(us + 1));
        return pi != null && pi.integer();
    }

    static String num(String name, double v, Map<String, Double> values) {
        if (values == null) return Genome.fmt(v);
        values.put(name, v);
        return "$" + name;
    }

    static void indicators(StringBuilder sb, List<Genome.Gene> genes, String prefix, IndicatorTypes types, Map<String, Double> values) {
        for (int i = 0; i < genes.size(); i++) {
            Genome.Gene gene = genes.get(i);
            IndicatorTypes.Info info = types.get(gene.type());
            String ref = prefix + (i + 1);
            sb.append("  ").append(ref).append(": {type: ").append(gene.type()).append(", params: {");
            for (int k = 0; k < gene.params().length; k++) {
                String pn = info.params().get(k).name();
                sb.append(k == 0 ? "" : ", ").append(pn).append(": ").append(num(ref + "_" + pn, gene.params()[k], values));
            }
            sb.append("}}\n");
        }
    }

    /** Exit conditions: one of them is enough ({@code {any: [...]}}). */
    static void anyOf(StringBuilder sb, List<Genome.Gene> genes, String prefix, String side, boolean shortSide, Map<String, Double> values) {
        if (genes.size() == 1) {
            conditions(sb, genes, prefix, side, shortSide, values);
            return;
        }
        sb.append("  ").append(side).append(":\n    - {any: [");
        for (int i = 0; i < genes.size(); i++) sb.append(i == 0 ? "" : ", ").append(genes.get(i).condition(prefix + (i + 1), shortSide, values));
        sb.append("]}\n");
    }

    static void conditions(StringBuilder sb, List<Genome.Gene> genes, String prefix, String side, boolean shortSide, Map<String, Double> values) {
        sb.append("  ").append(side).append(":\n");
        for (int i = 0; i < genes.size(); i++)
            sb.append("    - ").append(genes.get(i).condition(prefix + (i + 1), shortSide, values)).append('\n');
    }
}
