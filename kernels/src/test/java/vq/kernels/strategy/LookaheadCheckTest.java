package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lookahead check catches planted future reads (an indicator that reads the next bar; a higher-timeframe
 * value shown from its bar's open instead of its close) and passes their causal counterparts.
 */
class LookaheadCheckTest {
    static final long MIN = CompiledStrategyTest.MIN;

    /** Test-only types: next_close reads bar i+1 (biased), prev_close reads bar i-1, h1_close is the 1h close. */
    static final RegistryTypes TYPES = RegistryTypes.with(List.of(
            new IndicatorTypes.Info("next_close", List.of(), List.of("next_close"), "next_close", false),
            new IndicatorTypes.Info("prev_close", List.of(), List.of("prev_close"), "prev_close", false),
            new IndicatorTypes.Info("h1_close", List.of(), List.of("h1_close"), "h1_close", false)));

    /**
     * Inputs over the first {@code rows} bars of a random walk; {@code leakHtf} shows the 1h close from the
     * first minute of the hour (lookahead) instead of from the hour's last minute (correct).
     */
    static ArrayInputs inputs(ArrayInputs all, int rows, boolean leakHtf) {
        long[] ts = Arrays.copyOf(all.ts, rows);
        double[] close = Arrays.copyOf(all.prices.get("close"), rows);
        Map<String, double[]> prices = new HashMap<>();
        prices.put("close", close);
        return new ArrayInputs(ts, MIN, prices, (spec, p) -> {
            double[] out = new double[rows];
            switch (spec.type()) {
                case "next_close" -> { for (int i = 0; i < rows; i++) out[i] = i + 1 < rows ? close[i + 1] : Double.NaN; }
                case "prev_close" -> { for (int i = 0; i < rows; i++) out[i] = i > 0 ? close[i - 1] : Double.NaN; }
                case "h1_close" -> {
                    // 1h bar h = minutes [60h, 60h+60); its close is the close of minute 60h+59 (or the last minute present)
                    for (int i = 0; i < rows; i++) {
                        int h = i / 60;
                        int lastOfHour = Math.min(rows - 1, h * 60 + 59);
                        if (leakHtf) out[i] = close[lastOfHour]; // visible during the hour: reads the future
                        else out[i] = i >= 59 ? close[((i + 1) / 60) * 60 - 1] : Double.NaN; // last completed hour
                    }
                }
                case "sma" -> out = CompiledStrategyTest.sma(close, (int) p[0]);
                default -> throw new IllegalArgumentException(spec.type());
            }
            return Map.of(spec.type(), out);
        });
    }

    static LookaheadCheck.Report check(String entry, boolean leakHtf) {
        String yaml = """
                name: planted
                timeframe: 1m
                params:
                  p: {default: 10, type: int, sweep: [5, 10, 20]}
                indicators:
                  nxt: {type: next_close}
                  prv: {type: prev_close}
                  h1: {type: h1_close}
                  ma: {type: sma, params: {period: $p}}
                entry:
                  long: [%s]
                exit:
                  long: [close crosses_below ma]
                """.formatted(entry);
        StrategySpec spec = StrategyParser.parse(yaml, "planted.yaml", TYPES);
        CompiledStrategy cs = CompiledStrategy.of(spec);
        ArrayInputs all = CompiledStrategyTest.inputs(3000, 7);
        double[][] sets = spec.parameters().gridSets(10);
        return LookaheadCheck.run(cs, inputs(all, 3000, leakHtf), rows -> inputs(all, rows, leakHtf), sets,
                LookaheadCheck.cuts(3000, 20, 42), 100);
    }

    @Test void catchesAnIndicatorThatReadsTheNextBar() {
        LookaheadCheck.Report r = check("nxt > close", false);
        assertFalse(r.passed());
        LookaheadCheck.Finding f = r.findings().getFirst();
        assertEquals(f.cut() - 1, f.bar(), "the bar before the cut changes");
        assertTrue(r.findings().stream().anyMatch(x -> x.kind().equals("signal") && x.what().startsWith("entry.long: nxt.next_close > close at planted.yaml:11:")),
                r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(x -> x.kind().equals("series") && x.what().equals("nxt.next_close")), r.findings().toString());
    }

    @Test void catchesAHigherTimeframeValueShownBeforeItsBarCloses() {
        LookaheadCheck.Report r = check("close > h1", true);
        assertFalse(r.passed());
        assertTrue(r.findings().stream().anyMatch(x -> x.what().equals("h1.h1_close")), r.findings().toString());
    }

    @Test void passesCausalIndicators() {
        LookaheadCheck.Report r = check("prv < close", false);
        assertTrue(r.passed(), r.findings().toString());
        assertEquals(20, r.cuts().size());
        assertTrue(r.barsCompared() > 20 * 3 * 300);
        assertTrue(check("close > h1", false).passed());
    }

    @Test void cutsAreSeededAndInRange() {
        assertEquals(LookaheadCheck.cuts(1000, 10, 1), LookaheadCheck.cuts(1000, 10, 1));
        for (int c : LookaheadCheck.cuts(1000, 50, 3)) assertTrue(c >= 100 && c < 1000);
        assertEquals(5, LookaheadCheck.cuts(6, 10, 1).size());
    }
}
