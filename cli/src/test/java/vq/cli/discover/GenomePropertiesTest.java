package vq.cli.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import vq.kernels.screen.Metric;
import vq.kernels.strategy.CompiledStrategy;
import vq.kernels.strategy.RegistryTypes;
import vq.kernels.strategy.StrategyParser;
import vq.kernels.strategy.StrategySpec;

/** Random genomes (and their crossovers and mutations) render to DSL that the real parser accepts; the search is seeded. */
class GenomePropertiesTest {
    static StrategySpec parse(Genome g) {
        String yaml = GenomeYaml.render(g, RegistryTypes.DEFAULT, "discovered_t", "1m", "property test");
        StrategySpec s = StrategyParser.parse(yaml, "genome.yaml", RegistryTypes.DEFAULT);
        CompiledStrategy.of(s); // compiles too
        return s;
    }

    @Property(tries = 300)
    void everyGenomeRendersToValidDsl(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int genesMax) {
        Genome.Factory f = new Genome.Factory(RegistryTypes.DEFAULT, genesMax);
        SplittableRandom r = new SplittableRandom(seed);
        Genome a = f.random(r), b = f.random(r);
        for (Genome g : List.of(a, b, f.crossover(a, b, r), f.mutate(a, r), f.mutate(f.mutate(b, r), r))) {
            assertTrue(g.entry().size() >= 1 && g.entry().size() <= genesMax, g.describe());
            assertTrue(g.exit().size() <= 2, g.describe());
            assertTrue(g.stopPct() >= Genome.STOP_MIN && g.stopPct() <= Genome.STOP_MAX && g.takePct() >= Genome.TAKE_MIN && g.takePct() <= Genome.TAKE_MAX);
            StrategySpec s = parse(g);
            assertEquals(g.genes(), s.indicators().size(), g.describe());
            // the parameterized form parses too and declares exactly the genome's numbers
            GenomeYaml.Template t = GenomeYaml.template(g, RegistryTypes.DEFAULT, "discovered_t", "1m");
            StrategySpec ts = StrategyParser.parse(t.yaml(), "template.yaml", RegistryTypes.DEFAULT);
            CompiledStrategy.of(ts);
            assertEquals(new java.util.TreeSet<>(t.values().keySet()), new java.util.TreeSet<>(ts.parameters().names()), t.yaml());
            double[] set = ts.parameters().names().stream().mapToDouble(n -> t.values().get(n)).toArray();
            assertTrue(ts.parameters().accepts(set), t.yaml());
            // numbers are not structure: another stop loss shares the template, another operator does not
            Genome otherStop = new Genome(g.entry(), g.exit(), g.stopPct() == Genome.STOP_MIN ? Genome.STOP_MAX : Genome.STOP_MIN, g.takePct());
            assertEquals(t.key(), GenomeYaml.template(otherStop, RegistryTypes.DEFAULT, "discovered_t", "1m").key());
            Genome.Gene e0 = g.entry().get(0);
            List<Genome.Gene> flipped = new ArrayList<>(g.entry());
            flipped.set(0, new Genome.Gene(e0.type(), e0.params(), e0.output(), e0.op() ^ 1, e0.threshold()));
            Genome otherOp = new Genome(flipped, g.exit(), g.stopPct(), g.takePct());
            if (otherOp.entry().size() == g.entry().size())
                assertTrue(!t.key().equals(GenomeYaml.template(otherOp, RegistryTypes.DEFAULT, "discovered_t", "1m").key()));
        }
    }

    @Test
    void sameSeedSameSearchAndFewerGenesWinTies() {
        // an evaluator that is a pure function of the YAML text: the search must then be a pure function of the seed
        Discovery.Evaluator ev = batches -> {
            List<double[][][]> out = new ArrayList<>();
            for (Discovery.Batch batch : batches) {
                double[][][] r = new double[batch.sets().size()][][];
                for (int i = 0; i < r.length; i++) r[i] = new double[][] {fake((batch.yaml() + batch.sets().get(i)).hashCode())};
                out.add(r);
            }
            return out;
        };
        Discovery.Config c = Discovery.Config.of(12, 5, 4, 99);
        Discovery.Result a = Discovery.run(c, RegistryTypes.DEFAULT, "1m", ev, s -> {});
        Discovery.Result b = Discovery.run(c, RegistryTypes.DEFAULT, "1m", ev, s -> {});
        assertEquals(describe(a.ranking()), describe(b.ranking()));
        Discovery.Result other = Discovery.run(Discovery.Config.of(12, 5, 4, 100), RegistryTypes.DEFAULT, "1m", ev, s -> {});
        assertTrue(!describe(a.ranking()).equals(describe(other.ranking())), "another seed searches elsewhere");
        // elitism: the best score never gets worse from one generation to the next
        double best = Double.NEGATIVE_INFINITY;
        for (int gen = 0; gen <= c.generations(); gen++) {
            final int g = gen;
            double genBest = a.trials().stream().filter(t -> t.generation() <= g).mapToDouble(Discovery.Trial::score).max().orElseThrow();
            assertTrue(genBest >= best);
            best = genBest;
        }
        // complexity penalty: same metrics, one gene more → lower score
        Genome.Factory f = new Genome.Factory(RegistryTypes.DEFAULT, 5);
        SplittableRandom r = new SplittableRandom(1);
        Genome g1 = f.random(r);
        List<Genome.Gene> more = new ArrayList<>(g1.entry());
        Genome.Gene extra;
        do extra = f.gene(r); while (more.contains(extra));
        more.add(extra);
        Genome g2 = new Genome(more, g1.exit(), g1.stopPct(), g1.takePct());
        double[] m = fake(7);
        assertTrue(Discovery.score(m, g1, c) > Discovery.score(m, g2, c));
    }

    static double[] fake(int h) {
        double[] m = new double[Metric.COUNT];
        m[Metric.TRADES.ordinal()] = 20 + Math.floorMod(h, 50);
        m[Metric.SHARPE.ordinal()] = Math.floorMod(h >> 8, 400) / 100.0 - 2;
        m[Metric.MAX_DRAWDOWN.ordinal()] = Math.floorMod(h >> 4, 30) / 100.0;
        m[Metric.PROFIT_FACTOR.ordinal()] = Math.floorMod(h >> 12, 200) / 100.0;
        return m;
    }

    static List<String> describe(List<Discovery.Trial> ts) {
        return ts.stream().map(t -> t.genome().describe() + " " + t.score()).toList();
    }
}
