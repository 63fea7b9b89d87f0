package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every file in configs/strategies validates against the shipped indicator catalogue. */
class ShippedStrategiesTest {
    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !p.resolve("configs/strategies").toFile().isDirectory()) p = p.getParent();
        if (p == null) throw new IllegalStateException("configs/strategies not found above " + Path.of("").toAbsolutePath());
        return p.resolve("configs/strategies");
    }

    @Test void allShippedStrategiesValidate() {
        List<Path> files = Strategies.files(List.of(dir()));
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        for (String required : List.of("rsi_mean_reversion_mtf.yaml", "macd_session.yaml", "bb_squeeze.yaml", "sma_cross.yaml", "donchian_breakout.yaml"))
            assertTrue(names.contains(required), "missing " + required);
        for (Path f : files) {
            StrategySpec s = Strategies.load(f);
            assertEquals(f.getFileName().toString().replaceFirst("\\.yaml$", ""), s.name(), "name matches the file name");
            assertTrue(s.parameters().accepts(s.parameters().defaults()));
        }
    }

    @Test void smaCrossSweepsThousandsOfSets() {
        StrategySpec s = Strategies.load(dir().resolve("sma_cross.yaml"));
        int n = 0;
        for (var it = s.parameters().grid(); it.hasNext(); it.next()) n++;
        int expected = 0;
        for (int f = 5; f <= 100; f++) for (int sl = 20; sl <= 400; sl += 5) if (f < sl) expected++;
        assertEquals(expected, n);
        assertTrue(n > 5000, "sets: " + n);
    }

    @Test void rsiMtfUsesHigherTimeframes() {
        StrategySpec s = Strategies.load(dir().resolve("rsi_mean_reversion_mtf.yaml"));
        assertEquals("1h", s.indicators().get("rsi_1h").timeframe());
        assertEquals("4h", s.indicators().get("ema_trend_4h").timeframe());
        assertEquals(5L * 4 * 4 * 3 * 4 * 4, s.parameters().gridProduct());
    }
}
