package vq.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.data.resample.Resampler;

/** vq data rebuild recreates every segment file and manifest byte for byte from the raw archive. */
class RebuildTest {
    /** SHA-256 of every segment file and manifest, by path relative to the catalog (raw archive and locks excluded). */
    static Map<String, String> hashes(Catalog cat) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(cat.root())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = cat.root().relativize(p).toString();
                if (rel.startsWith("raw") || p.getFileName().toString().startsWith(".")) continue;
                var md = java.security.MessageDigest.getInstance("SHA-256");
                out.put(rel, HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    @Test void rebuildIsByteForByte(@TempDir Path dir) throws Exception {
        Catalog cat = Catalog.open(dir.resolve("catalog"));
        List<Path> days;
        try (Stream<Path> s = Files.list(SharedData.path(RealKlinesTest.KLINES + "BTCUSDT"))) {
            days = s.sorted().toList();
        }
        // three batches into one dataset (appends), across a month boundary, with the 2023-03-24 halt inside
        int halt = days.indexOf(days.stream().filter(p -> p.getFileName().toString().contains("2023-03-24")).findFirst().orElseThrow());
        Importer.importPaths(cat, days.subList(halt - 30, halt - 5), ImportOptions.defaults());
        Importer.importPaths(cat, days.subList(halt - 5, halt + 3), ImportOptions.defaults());
        Importer.importPaths(cat, List.of(
                SharedData.path("cristianmanoliu_fin-trading-engine/funding_excerpt_2024-01-01_2024-06-25/BTCUSDT.csv"),
                SharedData.path("dazeeeed_cross-market-analysis/BTCUSDT-bookTicker-2023-10-02-short.csv"),
                SharedData.path("nkaz001_hftbacktest/usdm/ethusdt_20240808.gz")), ImportOptions.defaults());
        Path l1 = Files2.csv(dir.resolve("in/SOLUSDT_l1.csv"), "ts,bid_px,ask_px,bid_sz,ask_sz,trade_px,trade_sz,trade_side\n"
                + "1704067200000,100,101,1,2,,,\n1704067200001,100,101,1,2,100.5,3,sell\n");
        Importer.importPaths(cat, List.of(l1), ImportOptions.defaults().withMarket("spot").withFix(true));
        Resampler.resample(cat, DatasetKey.bars("binance", "spot", "BTCUSDT", "1m"), "1h");
        Map<String, String> before = hashes(cat);
        assertTrue(before.size() > 15, before.keySet().toString());

        List<Rebuilder.Result> r = Rebuilder.rebuild(cat);
        assertEquals(cat.list().size(), r.size());
        for (Rebuilder.Result x : r) assertTrue(x.identical(), x.toString());
        assertEquals(before, hashes(cat));

        // a damaged segment comes back from the raw archive
        DatasetKey bars = DatasetKey.bars("binance", "spot", "BTCUSDT", "1m");
        Path seg = cat.dir(bars).resolve(cat.manifest(bars).orElseThrow().segments().getFirst().file());
        Files.write(seg, new byte[] {1, 2, 3});
        assertFalse(Verifier.verify(cat, bars).ok());
        Rebuilder.rebuild(cat);
        assertEquals(before, hashes(cat));
        assertTrue(Verifier.verify(cat, bars).ok());

        // a damaged raw file stops the rebuild before anything changes
        var src = cat.manifest(bars).orElseThrow().imports().getFirst().sources().getFirst();
        RawArchive.Member raw = RawArchive.locate(cat, src.archive(), src.bytes());
        assertTrue(src.archive().startsWith(RawArchive.PACKS), src.archive()); // a daily ZIP: a member of its batch's pack
        long at = raw.offset() + raw.bytes() / 2;
        byte[] orig = Files.readAllBytes(raw.file());
        byte[] bad = orig.clone();
        bad[(int) at] ^= 1;
        Files.write(raw.file(), bad);
        assertFalse(java.util.Arrays.equals(orig, Files.readAllBytes(raw.file())));
        assertThrows(InputException.class, () -> Rebuilder.rebuild(cat));
        assertEquals(before, hashes(cat));
        Files.write(raw.file(), orig);
        Rebuilder.rebuild(cat);
        assertEquals(before, hashes(cat));
    }
}
