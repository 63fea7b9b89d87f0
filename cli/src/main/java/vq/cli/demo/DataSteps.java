package vq.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vq.cli.data.SynthCommand;
import vq.columnar.DatasetKey;
import vq.columnar.Intervals;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;
import vq.data.DatasetStatus;
import vq.data.resample.Resampler;
import vq.data.sql.CatalogSql;
import vq.data.synth.SyntheticMarket;
import vq.data.synth.SyntheticWriter;

/** The data steps of the demo: synthesize, import (through the real importer), resample, status, SQL. */
final class DataSteps {
    private DataSteps() {}

    /** The default demo market: three SYN* perps, 2024-01-01 .. 2024-03-31 (91 days of 1m bars), seed 42. */
    static final List<String> SYMBOLS = List.of("SYNBTCUSDT", "SYNETHUSDT", "SYNSOLUSDT");
    static final LocalDate FROM = LocalDate.of(2024, 1, 1), TO = LocalDate.of(2024, 3, 31);
    static final long SEED = 42;
    /** Catalog venue of the demo data, so it can never be mistaken for Binance's. */
    static final String VENUE = "synthetic";

    static final class Synthesize implements DemoStep {
        @Override public String name() { return "synthesize a market (Binance Vision files)"; }

        @Override public void run(DemoContext ctx) {
            List<SyntheticMarket.SymbolSpec> specs = new ArrayList<>();
            for (String s : SYMBOLS) specs.add(SyntheticMarket.SymbolSpec.defaults(s));
            Path dir = ctx.syntheticDir();
            LocalDate to = ctx.get("to");
            String readme = SyntheticWriter.readme(specs, FROM, to, SEED);
            Path readmeFile = dir.resolve("README.txt");
            boolean same = false;
            try {
                same = Files.isRegularFile(readmeFile) && Files.readString(readmeFile).equals(readme);
            } catch (java.io.IOException ignored) { /* regenerate */ }
            if (same) {
                ctx.out().println("  " + dir + " already holds this synthetic market (same seed and days): kept");
            } else {
                SyntheticWriter.Result r = SynthCommand.generate(specs, FROM, to, SEED, dir);
                ctx.out().printf("  %d symbols x %d days of 1m bars (%,d bars each) + 8h funding, seed %d -> %d ZIPs%n",
                        specs.size(), r.klineFiles().size() / specs.size(), r.barsPerSymbol(), SEED, r.allZips().size());
            }
            ctx.put("symbols", SYMBOLS);
            ctx.summary("synthetic input (labelled SYNTHETIC, see README.txt): " + dir);
        }
    }

    static final class Import implements DemoStep {
        @Override public String name() { return "import through the Binance Vision importer"; }

        @Override public void run(DemoContext ctx) {
            ImportReport r = Importer.importPaths(ctx.catalog(), List.of(ctx.syntheticDir().resolve("data")),
                    ImportOptions.defaults().withVenue(VENUE));
            ctx.out().printf("  %d file(s), %,d rows in %.1f s (%,.0f rows/s); %d already imported%n", r.files(), r.rows(),
                    r.nanos() / 1e9, r.rowsPerSecond(), r.skipped());
            ctx.summary("catalog: " + ctx.catalog().root());
        }
    }

    static final class Resample implements DemoStep {
        @Override public String name() { return "resample 1m bars to 1h"; }

        @Override public void run(DemoContext ctx) {
            for (String s : SYMBOLS) {
                Resampler.Result r = Resampler.resample(ctx.catalog(), DatasetKey.bars(VENUE, "futures-um", s, "1m"), "1h");
                ctx.out().printf("  %-12s %,8d 1m bars -> %,6d 1h bars (%d partial)%n", s, r.sourceRows(), r.rows(), r.partial());
            }
        }
    }

    static final class Status implements DemoStep {
        @Override public String name() { return "catalog status"; }

        @Override public void run(DemoContext ctx) {
            ctx.out().printf("  %-12s %-10s %-9s %-8s %-17s %-17s %10s %5s%n", "symbol", "market", "dataset", "interval", "from", "to", "rows", "gaps");
            for (DatasetStatus s : DatasetStatus.of(ctx.catalog())) {
                if (!s.key().venue().equals(VENUE)) continue;
                ctx.out().printf("  %-12s %-10s %-9s %-8s %-17s %-17s %,10d %5s%n", s.key().symbol(), s.key().market(),
                        s.key().dataset().id(), s.key().interval(), minute(s.firstTsNanos()), minute(s.lastTsNanos()), s.rows(),
                        s.gaps() < 0 ? "-" : Integer.toString(s.gaps()));
            }
        }

        static String minute(long ns) {
            String iso = Intervals.iso(ns).replace('T', ' ');
            return iso.length() >= 16 ? iso.substring(0, 16) : iso;
        }
    }

    static final class Sql implements DemoStep {
        static final String QUERY = "SELECT symbol, count(*) AS bars, round(min(low), 2) AS low, round(max(high), 2) AS high, "
                + "round(100 * (last(close ORDER BY ts) / first(open ORDER BY ts) - 1), 2) AS return_pct "
                + "FROM bars WHERE venue = 'synthetic' AND interval = '1m' GROUP BY symbol ORDER BY symbol";

        @Override public String name() { return "SQL over the catalog (vq sql)"; }

        @Override public void run(DemoContext ctx) throws Exception {
            try (CatalogSql sql = CatalogSql.open(ctx.workspace().database(), ctx.catalog())) {
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                try (java.io.PrintStream ps = new java.io.PrintStream(b, true, java.nio.charset.StandardCharsets.UTF_8)) {
                    sql.run(QUERY, CatalogSql.Format.TABLE, null, ps);
                }
                b.toString(java.nio.charset.StandardCharsets.UTF_8).lines().forEach(l -> ctx.out().println("  " + l));
                try (var st = sql.connection().createStatement();
                     var rs = st.executeQuery("SELECT count(*), round(avg(rate) * 3 * 365 * 100, 2) FROM funding WHERE venue = 'synthetic'")) {
                    rs.next();
                    ctx.out().printf("  funding: %d events, mean rate %.2f%% a year%n", rs.getLong(1), rs.getDouble(2));
                }
            }
            ctx.summary("query it yourself: ./vq --workspace " + ctx.workspace().root() + " sql \"" + QUERY.replace("\"", "\\\"") + "\"");
        }
    }
}
