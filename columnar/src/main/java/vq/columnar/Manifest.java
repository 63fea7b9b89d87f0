package vq.columnar;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The manifest of one dataset ({@code manifest.json} in the dataset directory): its key, schema, and the
 * ordered, non-overlapping list of immutable segment files, plus the import history (source files with
 * their SHA-256) from which {@code vq data rebuild} recreates the segments byte for byte.
 *
 * <p>Written last and atomically (temp file + rename) by {@link DatasetWriter}: a reader sees either the
 * old or the new manifest, never a partial one. See docs/catalog-format.md.
 */
@JsonPropertyOrder({"format", "schemaVersion", "key", "columns", "rows", "firstTsNanos", "lastTsNanos", "segments", "imports"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String format,
        int schemaVersion,
        String key,
        List<ColumnInfo> columns,
        long rows,
        long firstTsNanos,
        long lastTsNanos,
        List<Segment> segments,
        List<ImportRecord> imports) {

    public static final String FORMAT = "vq-catalog";
    public static final int SCHEMA_VERSION = 1;

    public Manifest {
        columns = List.copyOf(columns);
        segments = List.copyOf(segments);
        imports = imports == null ? List.of() : List.copyOf(imports);
    }

    public DatasetKey datasetKey() { return DatasetKey.parse(key); }

    /** A column of the schema: name and type code ({@code i64}, {@code f64}, {@code i8}). */
    public record ColumnInfo(String name, String type) {}

    /**
     * One segment file. {@code columnOffsets[i]} is the byte offset of column i in the file (64-byte aligned);
     * column i holds {@code rows} values of its type, little-endian.
     *
     * <p>Its checksum over the whole file is {@code crc32c} (CRC-32C, Castagnoli polynomial, RFC 3720 §B.4; 8 lowercase
     * hex digits), the block check of storage engines such as RocksDB and Kafka, computed by the CPU's CRC
     * instructions at several GB/s. Catalogs written before 2026-12-07 carry {@code sha256} (SHA-256 of the file)
     * instead; both are verified. Exactly one of the two is set. Source files keep SHA-256: it is their identity.
     */
    @JsonPropertyOrder({"file", "rows", "firstTsNanos", "lastTsNanos", "bytes", "crc32c", "sha256", "columnOffsets"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(String file, long rows, long firstTsNanos, long lastTsNanos, long bytes, String crc32c, String sha256,
                          List<Long> columnOffsets) {
        public Segment {
            columnOffsets = List.copyOf(columnOffsets);
            if ((crc32c == null) == (sha256 == null))
                throw new CatalogException("segment " + file + ": needs exactly one checksum, crc32c or sha256 (has "
                        + (crc32c == null ? "neither" : "both") + ")");
        }

        /** The file's checksum with its algorithm: {@code "crc32c:1a2b3c4d"} or {@code "sha256:…"} (older catalogs). */
        public String checksum() {
            return crc32c != null ? "crc32c:" + crc32c : "sha256:" + sha256;
        }
    }

    /** A source file: its name as imported, SHA-256 of its bytes, size, and where the raw archive keeps it. */
    @JsonPropertyOrder({"name", "sha256", "bytes", "rows", "archive"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String name, String sha256, long bytes, long rows, String archive) {}

    /**
     * One import batch: the sources in the order they were read, and the importer options (format, column
     * mapping, ...) needed to replay it exactly. {@code segments} names the segment files the batch wrote.
     */
    @JsonPropertyOrder({"sources", "options", "segments"})
    public record ImportRecord(List<Source> sources, Map<String, String> options, List<String> segments) {
        public ImportRecord {
            sources = List.copyOf(sources);
            options = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(options == null ? Map.of() : options));
            segments = segments == null ? List.of() : List.copyOf(segments);
        }
    }

    /** Total bytes of all segment files. */
    public long bytes() {
        long b = 0;
        for (Segment s : segments) b += s.bytes();
        return b;
    }

    /** Whether a source with this SHA-256 was imported before. */
    public boolean hasSource(String sha256) {
        for (ImportRecord r : imports) for (Source s : r.sources()) if (s.sha256().equals(sha256)) return true;
        return false;
    }
}
