package vq.data;

import java.util.List;
import vq.columnar.DatasetKey;

/**
 * What an import did.
 *
 * @param files          files read and written to the catalog
 * @param skipped        files skipped because their SHA-256 was already imported (no-op re-imports)
 * @param rows           rows written, all datasets
 * @param bytes          raw bytes of the files read
 * @param nanos          wall time of the import
 * @param datasets       one entry per dataset written
 */
public record ImportReport(int files, int skipped, long rows, long bytes, long nanos, List<DatasetResult> datasets) {
    public ImportReport {
        datasets = List.copyOf(datasets);
    }

    /**
     * One dataset of the import.
     *
     * @param key      catalog key
     * @param files    files that fed it
     * @param rows     rows appended
     * @param dropped  duplicate / out-of-order rows dropped ({@code fix} mode only; else 0)
     * @param firstTsNanos first appended row (epoch ns)
     * @param lastTsNanos  last appended row (epoch ns)
     * @param gaps     missing bar ranges found while appending (bars only; empty for tick data)
     */
    public record DatasetResult(DatasetKey key, int files, long rows, long dropped, long firstTsNanos, long lastTsNanos, List<Gap> gaps) {
        public DatasetResult {
            gaps = List.copyOf(gaps);
        }
    }

    /** Rows written per second of wall time. */
    public double rowsPerSecond() {
        return nanos <= 0 ? 0 : rows * 1e9 / nanos;
    }

    /** The result for {@code key}, or null. */
    public DatasetResult dataset(DatasetKey key) {
        for (DatasetResult d : datasets) if (d.key().equals(key)) return d;
        return null;
    }
}
