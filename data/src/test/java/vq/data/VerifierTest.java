package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.DatasetWriter;
import vq.columnar.Intervals;
import vq.columnar.Manifest;

/** {@code vq data verify}'s segment checks: CRC-32C (current catalogs) and SHA-256 (catalogs written before 2026-12-07). */
class VerifierTest {
    static final long MIN = Intervals.NANOS_PER_MINUTE;
    static final long T0 = 1706742000L * Intervals.NANOS_PER_SECOND; // 2024-01-31 23:00 UTC
    final DatasetKey key = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");

    private Catalog write(Path dir) {
        Catalog cat = Catalog.open(dir);
        try (DatasetWriter w = cat.writer(key)) {
            for (int i = 0; i < 120; i++) {
                w.beginRow(T0 + i * MIN);
                w.f64(1, 100 + i);
                w.f64(2, 101 + i);
                w.f64(3, 99 + i);
                w.f64(4, 100.5 + i);
                w.f64(5, 1);
            }
            w.commit(Map.of());
        }
        return cat;
    }

    /** Flips one byte of a column (not the header, so only the checksum can tell). */
    private static void damage(Path segment, long offset) throws Exception {
        byte[] b = Files.readAllBytes(segment);
        b[(int) offset] ^= 0x01;
        Files.write(segment, b);
    }

    @Test void crc32cCatalogVerifiesAndDamageIsFound(@TempDir Path dir) throws Exception {
        Catalog cat = write(dir);
        assertTrue(Verifier.verify(cat, key).ok(), Verifier.verify(cat, key).toString());
        Manifest.Segment s = cat.manifest(key).orElseThrow().segments().getFirst();
        damage(cat.dir(key).resolve(s.file()), s.columnOffsets().get(4) + 3); // a byte of the first close
        Verifier.Result r = Verifier.verify(cat, key);
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.toString());
        assertTrue(r.problems().getFirst().startsWith(s.file() + ": CRC-32C differs from the manifest"), r.toString());
    }

    @Test void olderSha256ManifestStillVerifies(@TempDir Path dir) throws Exception {
        Catalog cat = write(dir);
        Path mf = cat.dir(key).resolve(Catalog.MANIFEST);
        String json = Files.readString(mf);
        // rewrite the manifest as vq wrote it before 2026-12-07: segments with sha256 instead of crc32c
        for (Manifest.Segment s : cat.manifest(key).orElseThrow().segments()) {
            String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(cat.dir(key).resolve(s.file()))));
            String before = "\"crc32c\" : \"" + s.crc32c() + "\"";
            assertTrue(json.contains(before), json);
            json = json.replace(before, "\"sha256\" : \"" + sha + "\"");
        }
        Files.writeString(mf, json);
        Manifest old = cat.manifest(key).orElseThrow();
        Manifest.Segment s = old.segments().getFirst();
        assertNull(s.crc32c());
        assertTrue(s.checksum().startsWith("sha256:"));
        assertTrue(Verifier.verify(cat, key).ok(), Verifier.verify(cat, key).toString());
        damage(cat.dir(key).resolve(s.file()), s.columnOffsets().get(4) + 3);
        Verifier.Result r = Verifier.verify(cat, key);
        assertTrue(r.problems().getFirst().startsWith(s.file() + ": SHA-256 differs from the manifest"), r.toString());
    }
}
