package vq.kernels.indicators;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.data.ImportOptions;
import vq.data.Importer;

/**
 * Two years of real Binance spot BTCUSDT 1m bars (2022-06-26 … 2024-06-25, 1,052,560 bars) imported once per build
 * with {@link Importer} into {@code target/indicator-test-catalog} (re-import of unchanged files is a no-op), read back
 * through the catalog as memory-mapped chunks. Data folder: system property {@code vq.shared.data}; missing data fails
 * in CI (CI=true) and skips elsewhere.
 */
final class RealBars {
    static final String SYMBOL = "BTCUSDT";
    static final DatasetKey KEY = DatasetKey.bars("binance", "spot", SYMBOL, "1m");
    private static Catalog catalog;

    private RealBars() {}

    static Path sharedData() {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p);
        boolean present = d != null && Files.isDirectory(d.resolve("timealiver_BinanceDataGetter/spot_klines_1m/" + SYMBOL));
        if (!present && "true".equals(System.getenv("CI")))
            throw new IllegalStateException("shared data folder missing in CI (vq.shared.data=" + d + ")");
        assumeTrue(present, "shared data folder absent: " + d);
        return d;
    }

    /** The catalog holding {@link #KEY}, importing on first use. */
    static synchronized Catalog catalog() {
        if (catalog != null) return catalog;
        Path zips = sharedData().resolve("timealiver_BinanceDataGetter/spot_klines_1m/" + SYMBOL);
        Path dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("vq-indicator-test-catalog");
        Path target = Path.of("target");
        if (Files.isDirectory(target)) dir = target.toAbsolutePath().resolve("indicator-test-catalog");
        Catalog c = Catalog.open(dir);
        Importer.importPaths(c, List.of(zips), ImportOptions.defaults());
        try (DatasetReader r = c.reader(KEY)) {
            if (r.rows() != 1_052_560) throw new IllegalStateException("expected 1,052,560 BTCUSDT bars, catalog has " + r.rows());
        }
        catalog = c;
        return c;
    }
}
