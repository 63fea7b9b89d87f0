package vq.cli.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vq.kernels.strategy.ParameterSpace;
import vq.kernels.strategy.Strategies;
import vq.optimizer.sampling.TpeSampler;

/** The DSL parameter space seen by the samplers: TPE proposals decode to points of the strategy's own grid. */
class CodecTest {

    @Test
    void tpeProposalsAreGridPointsOfTheStrategy() {
        Path file = Path.of(System.getProperty("user.dir")).getParent().resolve("configs/strategies/sma_cross.yaml");
        ParameterSpace space = Strategies.load(file).parameters();
        OptimizeCommand.Codec codec = OptimizeCommand.Codec.of(space);
        assertEquals(2, codec.search().size());
        assertEquals(96, codec.search().dimensions().get(0).max() + 1, 0); // fast 5..100 step 1: 96 grid points
        Set<List<Double>> grid = new HashSet<>();
        for (double[] s : space.gridSets(1_000_000)) grid.add(List.of(s[0], s[1]));
        TpeSampler tpe = new TpeSampler(codec.search(), 3, TpeSampler.Config.defaults());
        double[][] sets = codec.decode(tpe.ask(40));
        for (double[] s : sets) {
            assertTrue(s[0] >= 5 && s[0] <= 100 && s[0] == Math.rint(s[0]), "fast " + s[0]);
            assertTrue(s[1] >= 20 && s[1] <= 400 && (s[1] - 20) % 5 == 0, "slow " + s[1]);
            if (space.accepts(s)) assertTrue(grid.contains(List.of(s[0], s[1])), "not a grid point: " + s[0] + ", " + s[1]);
        }
        assertArrayEquals(new double[] {5, 20}, codec.decode(new double[][] {{0, 0}})[0]);
        assertArrayEquals(new double[] {100, 400}, codec.decode(new double[][] {{95, 76}})[0]);
    }
}
