package vq.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.Chunk;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetReader;
import vq.columnar.Intervals;

/**
 * Depth update-id gaps in a websocket capture (hand-written, in the format of the hftbacktest collector): the
 * diff revealing a gap is written with flags bit 1, later diffs wait for the next REST snapshot, which re-syncs
 * the book by Binance's rule; the gap is reported, never bridged silently.
 */
class CaptureGapTest {
    static final long T = 1_723_161_256_000L; // 2024-08-08 23:54:16 UTC, ms
    static final long MS = Intervals.NANOS_PER_MILLI;
    static final DatasetKey BOOK = new DatasetKey("binance", "futures-um", "BTCUSDT", Dataset.BOOK, null);

    static String diff(long U, long u, long pu, long t, String b, String a) {
        return "1 {\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + t + ",\"T\":" + t + ",\"s\":\"BTCUSDT\",\"U\":" + U
                + ",\"u\":" + u + ",\"pu\":" + pu + ",\"b\":[" + b + "],\"a\":[" + a + "]}}";
    }

    static String snap(long id, long t, String bids, String asks) {
        return "1 {\"lastUpdateId\":" + id + ",\"E\":" + t + ",\"T\":" + t + ",\"bids\":[" + bids + "],\"asks\":[" + asks + "]}";
    }

    static Path gz(Path dir, String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    static final List<String> HEAD = List.of(
            diff(1, 5, 0, T, "[\"100\",\"1\"]", "[\"101\",\"1\"]"),                 // before the snapshot, u < 6: dropped
            snap(6, T + 1, "[\"100\",\"2\"],[\"99\",\"1\"]", "[\"101\",\"2\"]"),
            diff(6, 8, 5, T + 2, "[\"100\",\"3\"]", ""),                            // straddles lastUpdateId 6: applied
            diff(9, 10, 8, T + 3, "", "[\"102\",\"1\"]"),
            diff(15, 16, 14, T + 5, "[\"99\",\"0\"]", ""),                          // pu 14 != 10: gap, marker row
            diff(17, 18, 16, T + 8, "[\"98\",\"1\"]", ""));                         // waits for the next snapshot

    static List<long[]> rows(Catalog c) {
        try (DatasetReader r = c.reader(BOOK)) {
            List<Chunk> ch = r.all();
            long[] ts = DatasetReader.copyI64(ch, "ts");
            double[] px = DatasetReader.copyF64(ch, "price"), sz = DatasetReader.copyF64(ch, "size");
            java.util.ArrayList<long[]> out = new java.util.ArrayList<>();
            int k = 0;
            for (Chunk x : ch)
                for (long i = 0; i < x.rows(); i++, k++)
                    out.add(new long[] {(ts[k] / MS) - T, x.i8(1, i), (long) px[k], (long) sz[k], x.i8(4, i)});
            return out;
        }
    }

    @Test void aGapIsMarkedAndTheNextSnapshotResyncs(@TempDir Path dir) throws IOException {
        List<String> lines = new java.util.ArrayList<>(HEAD);
        lines.add(snap(17, T + 7, "[\"100\",\"4\"],[\"98\",\"1\"]", "[\"101\",\"1\"]"));   // re-sync: the buffered 17..18 straddles 17
        lines.add(diff(19, 20, 18, T + 9, "", "[\"101\",\"3\"]"));
        Catalog c = Catalog.open(dir.resolve("catalog"));
        ImportReport r = Importer.importPaths(c, List.of(gz(dir, "btcusdt_gap.gz", lines)), ImportOptions.defaults()
                .withKind(SourceKind.CAPTURE).withSymbol("BTCUSDT").withMarket("futures-um"));
        long[][] expected = {
                {1, 1, 100, 2, 1}, {1, 1, 99, 1, 0}, {1, -1, 101, 2, 0},   // snapshot 1 (flags bit 0 on its first row)
                {2, 1, 100, 3, 0},
                {3, -1, 102, 1, 0},
                {5, 1, 99, 0, 2},                                          // the diff revealing the gap, flags bit 1
                {7, 1, 100, 4, 1}, {7, 1, 98, 1, 0}, {7, -1, 101, 1, 0},   // snapshot 2
                {8, 1, 98, 1, 0},                                          // the buffered diff that straddles it
                {9, -1, 101, 3, 0}};
        List<long[]> got = rows(c);
        assertEquals(expected.length, got.size());
        for (int i = 0; i < expected.length; i++) assertEquals(java.util.Arrays.toString(expected[i]), java.util.Arrays.toString(got.get(i)), "row " + i);
        Gap g = r.dataset(BOOK).gaps().getFirst();
        assertEquals(new Gap((T + 3) * MS, (T + 7) * MS, 1, "depth diff not applied (re-synced by a snapshot)"), g);
        assertTrue(g.toString().endsWith("(1 depth diff not applied (re-synced by a snapshot))"), g.toString());
    }

    @Test void aGapWithoutALaterSnapshotDropsTheRestAndSaysSo(@TempDir Path dir) throws IOException {
        Catalog c = Catalog.open(dir.resolve("catalog"));
        ImportReport r = Importer.importPaths(c, List.of(gz(dir, "btcusdt_gap_end.gz", HEAD)), ImportOptions.defaults()
                .withKind(SourceKind.CAPTURE).withSymbol("BTCUSDT").withMarket("futures-um"));
        assertEquals(6, rows(c).size()); // snapshot (3), two diffs, the gap marker
        Gap g = r.dataset(BOOK).gaps().getFirst();
        assertEquals((T + 3) * MS, g.fromNanos());
        assertEquals((T + 8) * MS, g.toNanos());
        assertEquals(2, g.missing());
        assertTrue(g.toString().contains("2 depth diffs not applied (no later snapshot in "), g.toString());
    }
}
