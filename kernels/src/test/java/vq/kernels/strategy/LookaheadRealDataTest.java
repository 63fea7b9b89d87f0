package vq.kernels.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;
import vq.kernels.indicators.IndicatorCache;
import vq.kernels.indicators.Source;

/**
 * The lookahead check on real Binance BTCUSDT 1m bars (Q1 2024, 131,040 bars) through the catalog and the
 * shared indicator cache: every shipped strategy passes, and a planted indicator that reads the next bar's
 * close is caught.
 */
class LookaheadRealDataTest {
    static final long FROM = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400_000_000_000L;
    static final long TO = LocalDate.of(2024, 4, 1).toEpochDay() * 86_400_000_000_000L;
    static Catalog catalog;

    @BeforeAll static void importBars() {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p, "timealiver_BinanceDataGetter/spot_klines_1m/BTCUSDT");
        boolean present = d != null && Files.isDirectory(d);
        if (!present && "true".equals(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + d);
        assumeTrue(present, "shared data folder absent: " + d);
        List<Path> zips = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2024, 4, 1)); day = day.plusDays(1))
            zips.add(d.resolve("BTCUSDT-1m-" + day + ".zip"));
        catalog = Catalog.open(Path.of("target").toAbsolutePath().resolve("strategy-test-catalog"));
        Importer.importPaths(catalog, zips, ImportOptions.defaults());
    }

    static IndicatorCache cache() { return IndicatorCache.forCatalog(catalog, "binance", "spot", "1m"); }

    static LookaheadCheck.Report check(CompiledStrategy cs, java.util.function.Function<IndicatorInputs, MarketInputs> wrap, int cuts) {
        try (IndicatorCache cache = cache()) {
            IndicatorInputs full = new IndicatorInputs(cache, "BTCUSDT", cs.spec().timeframe(), FROM, TO);
            List<double[]> sets = new ArrayList<>(List.of(cs.parameters().defaults()));
            sets.addAll(List.of(cs.parameters().sample(1, 5)));
            return LookaheadCheck.run(cs, wrap.apply(full),
                    cut -> wrap.apply(new IndicatorInputs(cache(), "BTCUSDT", cs.spec().timeframe(), FROM, full.ts(cut), true)),
                    sets.toArray(double[][]::new), LookaheadCheck.cuts(full.rows(), cuts, 11), 10);
        }
    }

    @Test void everyShippedStrategyPasses() {
        List<Path> files = Strategies.files(List.of(ShippedStrategiesTest.dir()));
        assertEquals(5, files.size());
        for (Path f : files) {
            CompiledStrategy cs = Strategies.compile(f);
            LookaheadCheck.Report r = check(cs, in -> in, 4);
            assertTrue(r.passed(), f + ": " + r.findings());
            assertEquals(4, r.cuts().size());
        }
    }

    /** Delegates to real inputs; the test type next_close reads close[i + 1] (NaN on the last bar): lookahead. */
    record Peeking(IndicatorInputs in) implements MarketInputs, AutoCloseable {
        @Override public int rows() { return in.rows(); }
        @Override public long intervalNanos() { return in.intervalNanos(); }
        @Override public long ts(int i) { return in.ts(i); }
        @Override public MemorySegment price(String field) { return in.price(field); }
        @Override public MemorySegment indicator(StrategySpec.IndicatorSpec spec, double[] params, String field) {
            if (!spec.type().equals("next_close")) return in.indicator(spec, params, field);
            MemorySegment close = in.bars().column(Source.CLOSE);
            MemorySegment out = Arena.ofAuto().allocate(rows() * 8L, 64);
            for (int i = 0; i < rows(); i++)
                out.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i + 1 < rows() ? close.getAtIndex(ValueLayout.JAVA_DOUBLE, i + 1) : Double.NaN);
            return out;
        }
        @Override public void close() { in.close(); }
    }

    @Test void catchesAPlantedNextBarIndicatorOnRealData() {
        RegistryTypes types = RegistryTypes.with(List.of(new IndicatorTypes.Info("next_close", List.of(), List.of("next_close"), "next_close", false)));
        StrategySpec spec = StrategyParser.parse("""
                name: peeking
                timeframe: 1m
                indicators:
                  fast: {type: ema, params: {period: 10}}
                  slow: {type: ema, params: {period: 50}}
                  peek: {type: next_close}
                entry:
                  long: [fast > slow, peek > close]
                exit:
                  long: [fast < slow]
                """, "peeking.yaml", types);
        LookaheadCheck.Report r = check(CompiledStrategy.of(spec), Peeking::new, 8);
        assertFalse(r.passed());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind().equals("series") && f.what().equals("peek.next_close") && f.bar() == f.cut() - 1),
                r.findings().toString());
    }
}
