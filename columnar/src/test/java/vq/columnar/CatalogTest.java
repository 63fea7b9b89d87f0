package vq.columnar;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    static final long MIN = Intervals.NANOS_PER_MINUTE;
    // 2024-01-31 23:00 UTC
    static final long T0 = 1706742000L * Intervals.NANOS_PER_SECOND;
    final DatasetKey key = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");

    static void writeBars(DatasetWriter w, long from, int n) {
        for (int i = 0; i < n; i++) {
            long ts = from + i * MIN;
            w.beginRow(ts);
            w.f64(1, 100 + i);
            w.f64(2, 101 + i);
            w.f64(3, 99 + i);
            w.f64(4, 100.5 + i);
            w.f64(5, i * 0.5);
            w.i64(7, i);
        }
    }

    @Test void writesSegmentsPerMonthAndReadsRangesZeroCopy(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0, 120); // 60 bars in January, 60 in February
            w.addSource(new Manifest.Source("a.csv", "00", 1, 120, null));
            Manifest m = w.commit(Map.of("format", "test"));
            assertEquals(2, m.segments().size());
            assertEquals(120, m.rows());
            assertEquals(60, m.segments().get(0).rows());
            assertTrue(m.segments().get(0).file().startsWith("2024-01-"));
        }
        assertEquals(List.of(key), cat.list());
        try (DatasetReader r = cat.reader(key)) {
            List<Chunk> all = r.all();
            assertEquals(2, all.size());
            double[] close = DatasetReader.copyF64(all, "close");
            for (int i = 0; i < 120; i++) assertEquals(100.5 + i, close[i]);
            List<Chunk> range = r.range(T0 + 50 * MIN, T0 + 70 * MIN);
            assertEquals(2, range.size());
            assertEquals(10, range.get(0).rows());
            assertEquals(50, range.get(0).firstRow());
            assertEquals(60, range.get(1).firstRow());
            assertEquals(T0 + 69 * MIN, range.get(1).ts(9));
            assertEquals(69L, range.get(1).i64(7, 9));
            // 64-byte alignment of every column within the file
            for (Manifest.Segment s : r.manifest().segments()) for (long off : s.columnOffsets()) assertEquals(0, off % 64);
        }
    }

    @Test void columnIsReadableAtManifestOffsetWithoutVq(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0, 10);
            w.commit(Map.of());
        }
        Manifest m = cat.manifest(key).orElseThrow();
        Manifest.Segment s = m.segments().getFirst();
        byte[] file = Files.readAllBytes(cat.dir(key).resolve(s.file()));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int close = Dataset.BARS.index("close");
        for (int i = 0; i < 10; i++) assertEquals(100.5 + i, b.getDouble((int) (long) s.columnOffsets().get(close) + 8 * i));
        assertEquals(T0 + 3 * MIN, b.getLong((int) (long) s.columnOffsets().get(0) + 24));
    }

    /** CRC-32C bit by bit (reflected Castagnoli polynomial 0x82F63B78, RFC 3720 §B.4): a second implementation. */
    static long crc32cBitwise(byte[] b) {
        int crc = ~0;
        for (byte x : b) {
            crc ^= x & 0xff;
            for (int k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
        }
        return ~crc & 0xffffffffL;
    }

    @Test void segmentChecksumIsCrc32cOfTheWholeFile(@TempDir Path dir) throws Exception {
        // the RFC 3720 check value of "123456789" pins the reference implementation itself
        assertEquals(0xE3069283L, crc32cBitwise("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("e3069283", DatasetWriter.crc32cHex(0xE3069283L));
        assertEquals("0000abcd", DatasetWriter.crc32cHex(0xABCDL));
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0, 120);
            w.commit(Map.of());
        }
        Manifest m = cat.manifest(key).orElseThrow();
        assertEquals(2, m.segments().size());
        for (Manifest.Segment s : m.segments()) {
            assertNull(s.sha256());
            byte[] file = Files.readAllBytes(cat.dir(key).resolve(s.file()));
            assertEquals(String.format("%08x", crc32cBitwise(file)), s.crc32c(), s.file());
            assertEquals("crc32c:" + s.crc32c(), s.checksum());
        }
        String json = Files.readString(cat.dir(key).resolve("manifest.json"));
        assertTrue(json.contains("\"crc32c\""), json);
        assertFalse(json.replaceAll("(?s)\"imports\".*", "").contains("sha256"), "segments carry no sha256 field");
    }

    @Test void segmentNeedsExactlyOneChecksum() {
        assertThrows(CatalogException.class, () -> new Manifest.Segment("a.vqc", 1, 0, 0, 64, null, null, List.of(64L)));
        assertThrows(CatalogException.class, () -> new Manifest.Segment("a.vqc", 1, 0, 0, 64, "00000000", "ab", List.of(64L)));
        assertEquals("sha256:ab", new Manifest.Segment("a.vqc", 1, 0, 0, 64, null, "ab", List.of(64L)).checksum());
    }

    @Test void finishRowsLetsAnotherThreadCommitAndClose(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir);
        DatasetWriter w = cat.writer(key);
        writeBars(w, T0, 120);
        w.finishRows();
        w.finishRows(); // idempotent
        assertThrows(IllegalStateException.class, () -> w.beginRow(T0 + 200 * MIN));
        assertThrows(IllegalStateException.class, () -> w.appendRows(new long[] {T0 + 200 * MIN}, new double[10][], new long[10][], new byte[10][], 0, 1));
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Manifest m = other.submit(() -> {
                try (w) {
                    return w.commit(Map.of());
                }
            }).get();
            assertEquals(120, m.rows());
            assertEquals(2, m.segments().size());
        } finally {
            other.shutdown();
        }
        try (DatasetReader r = cat.reader(key)) {
            assertEquals(100.5 + 119, DatasetReader.copyF64(r.all(), "close")[119]);
        }
    }

    @Test void uncommittedBatchLeavesCatalogAsItWas(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0, 30);
            w.commit(Map.of());
        }
        byte[] before = Files.readAllBytes(cat.dir(key).resolve(Catalog.MANIFEST));
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0 + 100 * MIN, 100); // crosses into February: flushes a temp segment
            // no commit: simulates a killed import
        }
        assertArrayEquals(before, Files.readAllBytes(cat.dir(key).resolve(Catalog.MANIFEST)));
        try (var s = Files.list(cat.dir(key))) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).count());
        }
        try (DatasetReader r = cat.reader(key)) { assertEquals(30, r.rows()); }
    }

    @Test void appendsAndRejectsOverlap(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) { writeBars(w, T0, 30); w.commit(Map.of()); }
        try (DatasetWriter w = cat.writer(key)) { writeBars(w, T0 + 30 * MIN, 30); w.commit(Map.of()); }
        try (DatasetWriter w = cat.writer(key)) {
            writeBars(w, T0 + 10 * MIN, 5);
            CatalogException e = assertThrows(CatalogException.class, () -> w.commit(Map.of()));
            assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        }
        try (DatasetReader r = cat.reader(key)) {
            assertEquals(60, r.rows());
            long[] ts = DatasetReader.copyI64(r.all(), "ts");
            for (int i = 1; i < ts.length; i++) assertEquals(MIN, ts[i] - ts[i - 1]);
        }
    }

    @Test void rejectsNonIncreasingTimestamps(@TempDir Path dir) {
        try (DatasetWriter w = Catalog.open(dir).writer(key)) {
            w.beginRow(T0);
            assertThrows(IllegalStateException.class, () -> w.beginRow(T0));
        }
    }

    @Test void cutsSegmentsAtMaxRows(@TempDir Path dir) {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = new DatasetWriter(cat, key, false, 7)) {
            writeBars(w, T0 - 2 * Intervals.NANOS_PER_DAY, 20);
            Manifest m = w.commit(Map.of());
            assertEquals(List.of(7L, 7L, 6L), m.segments().stream().map(Manifest.Segment::rows).toList());
        }
        try (DatasetReader r = cat.reader(key)) {
            MemorySegment c = r.all().get(2).column("close");
            assertEquals(6 * 8, c.byteSize());
        }
    }

    /**
     * appendRows (column runs, as the importer appends parsed blocks) writes the same segment files as beginRow plus
     * setters, across month boundaries, row-count cuts and buffer growth; and it rejects disorder like beginRow.
     */
    @Test void appendRowsMatchesRowByRow(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int n = 200_000; // > the initial buffer (65,536 rows): the buffers grow
        long[] ts = new long[n];
        double[][] f = new double[10][];
        long[][] l = new long[10][];
        for (int c : new int[] {1, 2, 3, 4, 5, 6, 8, 9}) f[c] = new double[n];
        l[7] = new long[n];
        long t = T0 - 40 * Intervals.NANOS_PER_DAY;
        for (int i = 0; i < n; i++) {
            t += MIN * (rnd.nextInt(50) == 0 ? rnd.nextInt(2, 100) : 1);
            ts[i] = t;
            for (int c : new int[] {1, 2, 3, 4, 5, 6, 8, 9}) f[c][i] = rnd.nextDouble() * 1000;
            l[7][i] = rnd.nextLong(1_000_000);
        }
        for (long maxRows : new long[] {DatasetWriter.MAX_SEGMENT_ROWS, 30_001}) {
            Catalog a = Catalog.open(dir.resolve("rows" + maxRows)), b = Catalog.open(dir.resolve("runs" + maxRows));
            Manifest ma, mb;
            try (DatasetWriter w = new DatasetWriter(a, key, false, maxRows)) {
                for (int i = 0; i < n; i++) {
                    w.beginRow(ts[i]);
                    for (int c = 1; c < 10; c++) {
                        if (f[c] != null) w.f64(c, f[c][i]);
                        else w.i64(c, l[c][i]);
                    }
                }
                ma = w.commit(Map.of());
            }
            try (DatasetWriter w = new DatasetWriter(b, key, false, maxRows)) {
                for (int i = 0; i < n; ) {
                    int m = Math.min(n - i, rnd.nextInt(1, 5000));
                    w.appendRows(ts, f, l, new byte[10][], i, m);
                    i += m;
                }
                assertEquals(n, w.batchRows());
                assertEquals(ts[n - 1], w.lastTs());
                mb = w.commit(Map.of());
            }
            assertEquals(ma.segments(), mb.segments());
            assertTrue(ma.segments().size() > 2);
            for (Manifest.Segment seg : ma.segments())
                assertArrayEquals(Files.readAllBytes(a.dir(key).resolve(seg.file())), Files.readAllBytes(b.dir(key).resolve(seg.file())));
        }
        try (DatasetWriter w = Catalog.open(dir.resolve("bad")).writer(key)) {
            long[] bad = {T0, T0 + MIN, T0 + MIN};
            assertThrows(IllegalStateException.class, () -> w.appendRows(bad, f, l, new byte[10][], 0, 3));
        }
    }
}
