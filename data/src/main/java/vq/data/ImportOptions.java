package vq.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vq.columnar.Dataset;
import vq.columnar.InputException;

/**
 * Options of an import. Every field may be null (= detect): the venue defaults to {@code binance}; market,
 * symbol, interval and kind come from Binance file names ({@code BTCUSDT-1m-2023-03-24.zip},
 * {@code BTCUSDT-fundingRate-2024-01.zip}), the directories above them ({@code futures/um}, {@code spot}), or
 * the file's header. Set them to override detection or when a file's name says nothing.
 *
 * @param venue        catalog venue (default {@code binance})
 * @param market       {@code spot}, {@code futures-um}, {@code futures-cm}, ...
 * @param symbol       e.g. {@code BTCUSDT}
 * @param interval     bar interval of klines ({@code 1m}, {@code 1h}, ...)
 * @param kind         what the files hold ({@link SourceKind#parse} accepts dataset ids too)
 * @param timeUnit     force the timestamp unit ({@code s, ms, us, ns}) instead of detecting it by magnitude
 * @param columns      column mapping {@code role -> header name or #index} (e.g. {@code ts -> time})
 * @param fix          drop duplicate and out-of-order rows (counted in the report) instead of failing
 * @param maxEntryBytes largest uncompressed size of one ZIP/GZIP member (zip-bomb guard)
 */
public record ImportOptions(String venue, String market, String symbol, String interval, SourceKind kind, String timeUnit,
                            Map<String, String> columns, boolean fix, long maxEntryBytes) {
    /** Default limit of one decompressed member: 64 GiB. */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 30;

    public ImportOptions {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        if (maxEntryBytes <= 0) maxEntryBytes = DEFAULT_MAX_ENTRY_BYTES;
        if (timeUnit != null) Timestamps.Unit.ofName(timeUnit);
    }

    /** Detect everything. */
    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, null, Map.of(), false, DEFAULT_MAX_ENTRY_BYTES);
    }

    public ImportOptions withVenue(String v) { return new ImportOptions(v, market, symbol, interval, kind, timeUnit, columns, fix, maxEntryBytes); }
    public ImportOptions withMarket(String v) { return new ImportOptions(venue, v, symbol, interval, kind, timeUnit, columns, fix, maxEntryBytes); }
    public ImportOptions withSymbol(String v) { return new ImportOptions(venue, market, v, interval, kind, timeUnit, columns, fix, maxEntryBytes); }
    public ImportOptions withInterval(String v) { return new ImportOptions(venue, market, symbol, v, kind, timeUnit, columns, fix, maxEntryBytes); }
    public ImportOptions withKind(SourceKind v) { return new ImportOptions(venue, market, symbol, interval, v, timeUnit, columns, fix, maxEntryBytes); }
    public ImportOptions withTimeUnit(String v) { return new ImportOptions(venue, market, symbol, interval, kind, v, columns, fix, maxEntryBytes); }
    public ImportOptions withColumns(Map<String, String> v) { return new ImportOptions(venue, market, symbol, interval, kind, timeUnit, v, fix, maxEntryBytes); }
    public ImportOptions withFix(boolean v) { return new ImportOptions(venue, market, symbol, interval, kind, timeUnit, columns, v, maxEntryBytes); }
    public ImportOptions withMaxEntryBytes(long v) { return new ImportOptions(venue, market, symbol, interval, kind, timeUnit, columns, fix, v); }

    /** Parses {@code role=name,role=name} (the CLI's {@code --columns}). */
    public static Map<String, String> parseColumns(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return m;
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1)
                throw new InputException("--columns: expected role=column pairs separated by commas, got '" + part + "'");
            m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return m;
    }

    /** The options of one resolved batch as recorded in a manifest (sorted keys; enough to replay it). */
    static Map<String, String> record(Resolved r, Dataset target, ImportOptions o) {
        Map<String, String> m = new TreeMap<>();
        m.put("venue", r.venue());
        m.put("market", r.market());
        m.put("symbol", r.symbol());
        m.put("kind", r.kind().id());
        m.put("dataset", target.id());
        if (r.interval() != null) m.put("interval", r.interval());
        if (o.timeUnit() != null) m.put("timeUnit", o.timeUnit());
        if (!o.columns().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(o.columns()).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
            m.put("columns", sb.toString());
        }
        if (o.fix()) m.put("fix", "true");
        m.put("importer", "vq.data/1");
        return m;
    }

    /** Options that replay a manifest's import record. */
    static ImportOptions ofRecord(Map<String, String> rec) {
        return new ImportOptions(rec.get("venue"), rec.get("market"), rec.get("symbol"), rec.get("interval"),
                SourceKind.parse(rec.get("kind")), rec.get("timeUnit"), parseColumns(rec.get("columns")),
                "true".equals(rec.get("fix")), DEFAULT_MAX_ENTRY_BYTES);
    }
}
