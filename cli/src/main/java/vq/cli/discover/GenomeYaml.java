package vq.cli.discover;

import java.util.List;
import vq.kernels.strategy.IndicatorTypes;

/**
 * Renders a {@link Genome} as ordinary DSL YAML (docs/strategy-dsl.md): one indicator per gene ({@code e1..e5} for
 * entry, {@code x1, x2} for exit), entry conditions per side (AND; the short side mirrored), exit conditions per side (OR), fixed-percent stop loss
 * and take profit, both sides, fixed-fraction sizing. The text is parsed by the real {@code StrategyParser}.
 */
public final class GenomeYaml {
    private GenomeYaml() {}

    /**
     * @param name      strategy name (a DSL identifier)
     * @param timeframe bar interval, e.g. {@code 1m}
     * @param comment   first-line comment (no newlines), or null
     */
    public static String render(Genome g, IndicatorTypes types, String name, String timeframe, String comment) {
        StringBuilder sb = new StringBuilder();
        if (comment != null) sb.append("# ").append(comment.replace('\n', ' ')).append('\n');
        sb.append("name: ").append(name).append('\n');
        sb.append("description: \"Discovered by vq discover: ").append(g.describe().replace("\"", "'")).append("\"\n");
        sb.append("version: 1\ntimeframe: ").append(timeframe).append("\n\nindicators:\n");
        indicators(sb, g.entry(), "e", types);
        indicators(sb, g.exit(), "x", types);
        sb.append("\nentry:\n");
        conditions(sb, g.entry(), "e", "long", false);
        conditions(sb, g.entry(), "e", "short", true);
        if (!g.exit().isEmpty()) {
            sb.append("exit:\n");
            anyOf(sb, g.exit(), "x", "long", false);
            anyOf(sb, g.exit(), "x", "short", true);
        }
        sb.append("\nstop_loss: {type: fixed_pct, percent: ").append(Genome.fmt(g.stopPct())).append("}\n");
        sb.append("take_profit: {type: fixed_pct, percent: ").append(Genome.fmt(g.takePct())).append("}\n\n");
        sb.append("position: {side: both, sizing: {method: fixed_fraction, fraction: 0.1}, leverage: 2, margin_mode: isolated}\n");
        return sb.toString();
    }

    static void indicators(StringBuilder sb, List<Genome.Gene> genes, String prefix, IndicatorTypes types) {
        for (int i = 0; i < genes.size(); i++) {
            Genome.Gene gene = genes.get(i);
            IndicatorTypes.Info info = types.get(gene.type());
            sb.append("  ").append(prefix).append(i + 1).append(": {type: ").append(gene.type()).append(", params: {");
            for (int k = 0; k < gene.params().length; k++)
                sb.append(k == 0 ? "" : ", ").append(info.params().get(k).name()).append(": ").append(Genome.fmt(gene.params()[k]));
            sb.append("}}\n");
        }
    }

    /** Exit conditions: one of them is enough ({@code {any: [...]}}). */
    static void anyOf(StringBuilder sb, List<Genome.Gene> genes, String prefix, String side, boolean shortSide) {
        if (genes.size() == 1) {
            conditions(sb, genes, prefix, side, shortSide);
            return;
        }
        sb.append("  ").append(side).append(":\n    - {any: [");
        for (int i = 0; i < genes.size(); i++) sb.append(i == 0 ? "" : ", ").append(genes.get(i).condition(prefix + (i + 1), shortSide));
        sb.append("]}\n");
    }

    static void conditions(StringBuilder sb, List<Genome.Gene> genes, String prefix, String side, boolean shortSide) {
        sb.append("  ").append(side).append(":\n");
        for (int i = 0; i < genes.size(); i++) {
            Genome.Gene gene = genes.get(i);
            String ref = prefix + (i + 1);
            sb.append("    - ").append(gene.condition(ref, shortSide)).append('\n');
        }
    }
}
