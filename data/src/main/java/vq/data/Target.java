package vq.data;

import java.util.ArrayList;
import java.util.List;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetWriter;
import vq.columnar.Intervals;
import vq.columnar.Manifest;

/**
 * One dataset being written by an import batch: the {@link DatasetWriter} plus the ordering checks and gap
 * detection that every row passes. Rows continue the dataset's existing last timestamp (appending), so a gap
 * or an overlap between the catalog and the new files is caught too.
 *
 * <p>Ordering rule: bars, mark bars and funding need strictly increasing timestamps; trades, quotes and book
 * rows need non-decreasing ones. A batch that starts before the dataset's first row back-fills history: it must
 * then end before that row (the writer rejects overlapping segments at commit). A violation is an {@link vq.columnar.InputException} naming the file, line and
 * field, unless {@code fix} is set, in which case the row is dropped and counted.
 */
final class Target {
    final DatasetKey key;
    final Dataset dataset;
    final DatasetWriter writer;
    private final long interval;   // bar length in ns, 0 for tick datasets
    private final boolean strict;
    private final boolean fix;
    private final long catalogLastTs;
    private final long catalogFirstTs;
    private long prevTs;
    final List<Gap> gaps = new ArrayList<>();
    long rows;
    long dropped;
    long firstTs;

    Target(DatasetWriter writer, boolean fix) {
        this.writer = writer;
        this.key = writer.key();
        this.dataset = key.dataset();
        this.interval = dataset.hasInterval() ? Intervals.nanos(key.interval()) : 0;
        this.strict = dataset.strictlyIncreasing();
        this.fix = fix;
        Manifest m = writer.existing();
        this.catalogLastTs = m == null || m.rows() == 0 ? Long.MIN_VALUE : m.lastTsNanos();
        this.catalogFirstTs = m == null || m.rows() == 0 ? Long.MIN_VALUE : m.firstTsNanos();
        this.prevTs = catalogLastTs;
    }

    /**
     * Starts a row at {@code ts} after checking order and recording a gap before it.
     *
     * @return false if the row is dropped ({@code fix} mode); the caller must then not write its columns
     */
    boolean begin(long ts, Location csv, String tsField) {
        if (rows == 0 && dropped == 0 && ts < catalogFirstTs) prevTs = Long.MIN_VALUE; // back-filling before the catalog's data
        long prev = prevTs;
        if (ts <= prev && (strict || ts < prev)) {
            if (fix) {
                dropped++;
                return false;
            }
            throw orderError(ts, prev, csv, tsField);
        }
        if (interval != 0 && ts - prev > interval && prev != Long.MIN_VALUE) gaps.add(Gap.between(prev, ts, interval));
        writer.beginRow(ts);
        prevTs = ts;
        if (rows == 0) firstTs = ts;
        rows++;
        return true;
    }

    private RuntimeException orderError(long ts, long prev, Location csv, String f) {
        if (prev == catalogLastTs && rows == 0)
            return csv.error(f, "row at " + Intervals.iso(ts) + " is not after the data already in the catalog for " + key
                    + " (which ends at " + Intervals.iso(prev) + "); import only newer periods, or remove the dataset first");
        if (ts == prev) return csv.error(f, "duplicate timestamp " + Intervals.iso(ts) + " (use --fix to drop duplicates)");
        return csv.error(f, "timestamp goes back: " + Intervals.iso(ts) + " after " + Intervals.iso(prev)
                + " (rows must be in time order; use --fix to drop out-of-order rows)");
    }

    long lastTs() { return prevTs; }

    /** Appends a parsed block: order and gap checks per row, then the columns into the writer. */
    void append(RowBlock b, String tsField) {
        int ncol = dataset.columns().size();
        DatasetWriter w = writer;
        long[] tss = b.ts;
        int r = 0, n = b.size;
        while (r < n) {
            // a run of rows that pass without a check failing or a gap: copied to the writer a column at a time
            int k = r;
            if (rows > 0) {
                long prev = prevTs;
                while (k < n) {
                    long ts = tss[k];
                    if (strict ? ts <= prev : ts < prev) break;
                    if (interval != 0 && ts - prev > interval) break;
                    prev = ts;
                    k++;
                }
                if (k > r) {
                    w.appendRows(tss, b.f64, b.i64, b.i8, r, k - r);
                    rows += k - r;
                    prevTs = prev;
                    r = k;
                    continue;
                }
            }
            // one row through the full checks (first row, disorder, gap)
            long ts = tss[r];
            int row = r++;
            if (!begin(ts, (field, problem) -> vq.columnar.InputException.at(java.nio.file.Path.of(b.source), b.line[row], field, problem), tsField))
                continue;
            for (int c = 1; c < ncol; c++) {
                double[] f = b.f64[c];
                if (f != null) w.f64(c, f[row]);
                else if (b.i64[c] != null) w.i64(c, b.i64[c][row]);
                else w.i8(c, b.i8[c][row]);
            }
        }
    }

    /** Where the current row is (file and line), to build located errors. */
    interface Location {
        vq.columnar.InputException error(String field, String problem);
    }
}
