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
        }
    }

    @Test
    void sameSeedSameSearchAndFewerGenesWinTies() {
        // an evaluator that is a pure function of the YAML text: the search must then be a pure function of the seed
        Discovery.Evaluator ev = yamls -> {
            double[][] out = new double[yamls.size()][];
            for (int i = 0; i < out.length; i++) {
                double[] m = new double[Metric.COUNT];
                int h = yamls.get(i).replaceAll("(?m)^(#|name:|description:).*$", "").hashCode();
                m[Metric.TRADES.ordinal()] = 20 + Math.floorMod(h, 50);
                m[Metric.SHARPE.ordinal()] = Math.floorMod(h >> 8, 400) / 100.0 - 2;
                m[Metric.MAX_DRAWDOWN.ordinal()] = Math.floorMod(h >> 4, 30) / 100.0;
                m[Metric.PROFIT_FACTOR.ordinal()] = Math.floorMod(h >> 12, 200) / 100.0;
                out[i] = m;
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
        double[] m = ev.evaluate(List.of("x"))[0];
        assertTrue(Discovery.score(m, g1, c) > Discovery.score(m, g2, c));
    }

    static List<String> describe(List<Discovery.Trial> ts) {
        return ts.stream().map(t -> t.genome().describe() + " " + t.score()).toList();
    }
}
