package vq.data;

import java.util.ArrayList;
import java.util.List;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Manifest;

/**
 * One line of {@code vq data status}: a dataset's key, time range (first/last row ts, epoch ns), rows, number
 * of gaps (bars only; -1 for tick datasets, which have no expected spacing) and bytes on disk.
 */
public record DatasetStatus(DatasetKey key, long firstTsNanos, long lastTsNanos, long rows, int gaps, long bytes) {
    /** Status of every dataset of the catalog, sorted by key. Gaps are counted by scanning the mapped ts column. */
    public static List<DatasetStatus> of(Catalog catalog) {
        List<DatasetStatus> out = new ArrayList<>();
        for (DatasetKey k : catalog.list()) {
            Manifest m = catalog.manifest(k).orElseThrow();
            int gaps = -1;
            if (k.dataset().hasInterval() && m.rows() > 0) {
                try (DatasetReader r = catalog.reader(k)) {
                    gaps = Verifier.gaps(r).size();
                }
            }
            out.add(new DatasetStatus(k, m.firstTsNanos(), m.lastTsNanos(), m.rows(), gaps, m.bytes()));
        }
        return out;
    }
}
