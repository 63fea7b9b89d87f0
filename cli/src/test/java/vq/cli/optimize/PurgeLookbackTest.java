package vq.cli.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The purge of purged K-fold is the strategy's longest indicator warm-up, not merely its longest period. */
class PurgeLookbackTest {
    static final String MACD_DAILY = """
            name: macd_daily
            timeframe: 1d
            params:
              slow: {default: 26, type: int, sweep: [26, 30]}
            indicators:
              macd: {type: macd, params: {fast: 12, slow: $slow, signal: 9}}
            entry:
              long: [macd.macd crosses_above macd.signal]
            exit:
              long: [macd.macd crosses_below macd.signal]
            position: {side: long, sizing: {method: fixed_fraction, fraction: 0.1}, leverage: 1, margin_mode: isolated}
            """;

    @Test void purgeDaysFollowTheIndicatorWarmup(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("macd_daily.yaml");
        Files.writeString(f, MACD_DAILY);
        PrintStream err = new PrintStream(new ByteArrayOutputStream());
        // TA-Lib's MACD lookback is slow - 1 + signal - 1: 25 + 8 = 33 daily bars for slow 26, 37 for slow 30
        // (the longest period alone would give 30 days)
        assertEquals(37, ExperimentReplay.lookbackDays(f, "grid", null, 1L, err));
    }
}
