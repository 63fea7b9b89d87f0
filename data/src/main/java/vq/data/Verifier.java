package vq.data;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import vq.columnar.Catalog;
import vq.columnar.CatalogException;
import vq.columnar.Chunk;
import vq.columnar.ColumnType;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Intervals;
import vq.columnar.Manifest;

/**
 * Re-checks datasets already in the catalog ({@code vq data verify}): every segment file's size and checksum
 * (CRC-32C; SHA-256 in catalogs written before 2026-12-07) against the manifest, the raw archive's copies of the sources, timestamp order across all segments
 * (duplicates and steps back), the value checks of import ({@link Checks}: OHLC consistency, finite positive
 * prices, finite non-negative sizes, sides ±1) and, for bars, the gaps. Gaps are reported, not problems.
 * Reads through the memory-mapped columns, so memory stays O(segments).
 */
public final class Verifier {
    private static final int MAX_PROBLEMS = 100;

    private Verifier() {}

    /**
     * The result for one dataset.
     *
     * @param problems located descriptions ({@code segment file, row n, field: problem}); empty when fine
     *                 (capped at 100 per dataset)
     * @param gaps     missing bar ranges (bars and mark bars only)
     */
    public record Result(DatasetKey key, long rows, List<String> problems, List<Gap> gaps) {
        public Result {
            problems = List.copyOf(problems);
            gaps = List.copyOf(gaps);
        }

        public boolean ok() { return problems.isEmpty(); }
    }

    /** Verifies every dataset of the catalog (sorted by key). */
    public static List<Result> verifyAll(Catalog catalog) {
        List<Result> out = new ArrayList<>();
        for (DatasetKey k : catalog.list()) out.add(verify(catalog, k));
        return out;
    }

    /** Verifies one dataset. */
    public static Result verify(Catalog catalog, DatasetKey key) {
        List<String> problems = new ArrayList<>();
        Manifest m = catalog.manifest(key).orElseThrow(() -> new vq.columnar.InputException("no dataset " + key + " in " + catalog.root()));
        Path dir = catalog.dir(key);
        for (Manifest.Segment s : m.segments()) {
            Path f = dir.resolve(s.file());
            try {
                if (!Files.isRegularFile(f)) problems.add(s.file() + ": missing");
                else if (Files.size(f) != s.bytes()) problems.add(s.file() + ": size " + Files.size(f) + " differs from the manifest's " + s.bytes());
                else if (s.crc32c() != null ? !crc32c(f).equals(s.crc32c()) : !sha256(f).equals(s.sha256()))
                    problems.add(s.file() + ": " + (s.crc32c() != null ? "CRC-32C" : "SHA-256") + " differs from the manifest (file changed or damaged)");
            } catch (IOException e) {
                problems.add(s.file() + ": " + e.getMessage());
            }
        }
        for (Manifest.ImportRecord r : m.imports())
            for (Manifest.Source s : r.sources()) {
                if (s.archive() == null) continue;
                RawArchive.Member raw = RawArchive.locate(catalog, s.archive(), s.bytes());
                try {
                    if (!Files.isRegularFile(raw.file()))
                        problems.add("raw archive: " + s.archive() + " (" + s.name() + ") is missing; 'vq data rebuild' would fail");
                    else if (Files.size(raw.file()) < raw.offset() + raw.bytes())
                        problems.add("raw archive: " + s.archive() + " (" + s.name() + ") is truncated; 'vq data rebuild' would fail");
                } catch (IOException e) {
                    problems.add("raw archive: " + s.archive() + ": " + e.getMessage());
                }
            }
        long total = 0;
        for (Manifest.Segment s : m.segments()) total += s.rows();
        if (total != m.rows()) problems.add("manifest: rows " + m.rows() + " but its segments hold " + total);
        List<Gap> gaps = new ArrayList<>();
        if (!problems.isEmpty()) return new Result(key, m.rows(), problems, gaps);
        try (DatasetReader r = catalog.reader(key)) {
            scan(r, key, m, problems, gaps);
        } catch (CatalogException e) {
            problems.add(e.getMessage());
        }
        return new Result(key, m.rows(), problems, gaps);
    }

    /** The gaps of a bars dataset (empty for tick datasets), from its mapped ts column. */
    public static List<Gap> gaps(DatasetReader r) {
        List<Gap> gaps = new ArrayList<>();
        if (!r.dataset().hasInterval()) return gaps;
        long interval = Intervals.nanos(r.key().interval());
        long prev = Long.MIN_VALUE;
        for (Chunk c : r.all()) {
            MemorySegment ts = c.column(0);
            for (long i = 0, n = c.rows(); i < n; i++) {
                long t = ts.getAtIndex(ColumnType.LONG_LE, i);
                if (prev != Long.MIN_VALUE && t - prev > interval) gaps.add(Gap.between(prev, t, interval));
                prev = t;
            }
        }
        return gaps;
    }

    private static void scan(DatasetReader r, DatasetKey key, Manifest m, List<String> problems, List<Gap> gaps) {
        Dataset d = key.dataset();
        boolean strict = d.strictlyIncreasing();
        long interval = d.hasInterval() ? Intervals.nanos(key.interval()) : 0;
        long prev = Long.MIN_VALUE;
        List<Chunk> chunks = r.all();
        for (int s = 0; s < chunks.size(); s++) {
            Chunk c = chunks.get(s);
            Manifest.Segment seg = m.segments().get(s);
            for (long i = 0, n = c.rows(); i < n; i++) {
                long t = c.ts(i);
                if (t < prev || (strict && t == prev)) {
                    add(problems, seg, i, "ts", t == prev ? "duplicate timestamp " + Intervals.iso(t)
                            : "timestamp goes back: " + Intervals.iso(t) + " after " + Intervals.iso(prev));
                } else if (interval != 0 && prev != Long.MIN_VALUE && t - prev > interval) gaps.add(Gap.between(prev, t, interval));
                prev = Math.max(prev, t);
                Checks.Problem p = row(d, c, i);
                if (p != null) add(problems, seg, i, p.field(), p.message());
                if (problems.size() >= MAX_PROBLEMS) return;
            }
            if (c.rows() > 0 && (c.ts(0) != seg.firstTsNanos() || c.ts(c.rows() - 1) != seg.lastTsNanos()))
                add(problems, seg, 0, "ts", "first/last timestamps differ from the manifest");
        }
    }

    private static Checks.Problem row(Dataset d, Chunk c, long i) {
        return switch (d) {
            case BARS -> {
                Checks.Problem p = Checks.ohlc(c.f64(1, i), c.f64(2, i), c.f64(3, i), c.f64(4, i));
                if (p == null) p = nonNegOrNaN("volume", c.f64(5, i));
                if (p == null) p = nonNegOrNaN("quote_volume", c.f64(6, i));
                if (p == null && c.i64(7, i) < 0) p = new Checks.Problem("trades", "must be >= 0, got " + c.i64(7, i));
                if (p == null) p = nonNegOrNaN("taker_buy_volume", c.f64(8, i));
                if (p == null) p = nonNegOrNaN("taker_buy_quote_volume", c.f64(9, i));
                yield p;
            }
            case MARK_BARS -> Checks.ohlc(c.f64(1, i), c.f64(2, i), c.f64(3, i), c.f64(4, i));
            case FUNDING -> {
                Checks.Problem p = Checks.finite("rate", c.f64(1, i));
                yield p != null ? p : Checks.priceOrNaN("mark_price", c.f64(2, i));
            }
            case TRADES -> {
                Checks.Problem p = Checks.price("price", c.f64(1, i));
                if (p == null) p = Checks.nonNegative("qty", c.f64(2, i));
                yield p != null ? p : Checks.side("side", c.i8(3, i));
            }
            case QUOTES -> {
                Checks.Problem p = Checks.price("bid_px", c.f64(1, i));
                if (p == null) p = Checks.nonNegative("bid_sz", c.f64(2, i));
                if (p == null) p = Checks.price("ask_px", c.f64(3, i));
                yield p != null ? p : Checks.nonNegative("ask_sz", c.f64(4, i));
            }
            case BOOK -> {
                Checks.Problem p = Checks.side("side", c.i8(1, i));
                if (p == null) p = Checks.price("price", c.f64(2, i));
                yield p != null ? p : Checks.nonNegative("size", c.f64(3, i));
            }
        };
    }

    /** Absent optional columns are NaN (generic OHLCV without quote volume); present ones must be >= 0. */
    private static Checks.Problem nonNegOrNaN(String f, double v) {
        return Double.isNaN(v) ? null : Checks.nonNegative(f, v);
    }

    private static void add(List<String> problems, Manifest.Segment seg, long row, String field, String msg) {
        if (problems.size() < MAX_PROBLEMS) problems.add(seg.file() + ": row " + row + ": field '" + field + "': " + msg);
    }

    /** CRC-32C of a whole file, as {@link vq.columnar.DatasetWriter#crc32cHex} writes it. */
    static String crc32c(Path f) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
        }
        return vq.columnar.DatasetWriter.crc32cHex(crc.getValue());
    }

    static String sha256(Path f) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(f)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
