package vq.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vq.columnar.Catalog;

/**
 * The in-memory ZIP path: libdeflate and the java.util.zip fallback give the bytes {@link ZipInputStream} gives on
 * the real Binance ZIPs, and damaged or hostile archives fail naming the file and entry, with either inflater.
 */
class ZipBufferTest {
    static final String KLINES = "timealiver_BinanceDataGetter/spot_klines_1m";
    @TempDir Path tmp;

    /** Both inflaters where libdeflate loads; in CI libdeflate must load (.ci/run installs libdeflate0). */
    static List<Supplier<Inflate>> inflaters() {
        List<Supplier<Inflate>> out = new ArrayList<>(List.of(Inflate::zlib));
        if (Inflate.libdeflateAvailable()) out.add(Inflate::libdeflate);
        else if ("true".equals(System.getenv("CI"))) Assertions.fail("libdeflate does not load in CI (apt-get install libdeflate0)");
        return out;
    }

    static List<Path> realZips(int every) throws IOException {
        try (Stream<Path> s = Files.walk(SharedData.path(KLINES))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i += every) out.add(all.get(i));
            return out;
        }
    }

    /** Every member of an in-memory ZIP, copied: display name -> bytes. */
    static List<byte[]> members(byte[] zip, Inflate inflate, String display, List<String> names) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (ZipBuffer.Scratch s = new ZipBuffer.Scratch(inflate)) {
            assertTrue(ZipBuffer.applies(zip, zip.length), display);
            ZipBuffer.forEach(zip, zip.length, display, ImportOptions.DEFAULT_MAX_ENTRY_BYTES, s, (member, data, off, len) -> {
                names.add(member);
                out.add(java.util.Arrays.copyOfRange(data, off, off + len));
            });
        }
        return out;
    }

    static byte[] referenceMember(byte[] zip) throws IOException {
        try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            Assertions.assertNotNull(z.getNextEntry());
            return z.readAllBytes();
        }
    }

    @Test void bothInflatersGiveZipInputStreamsBytesOnRealBinanceZips() throws IOException {
        List<Path> zips = realZips(7);
        assertTrue(zips.size() > 300, "sample of real ZIPs: " + zips.size());
        long bytes = 0;
        for (Path p : zips) {
            byte[] zip = Files.readAllBytes(p);
            byte[] want = referenceMember(zip);
            String entry = p.getFileName().toString().replace(".zip", ".csv");
            for (Supplier<Inflate> inf : inflaters()) {
                List<String> names = new ArrayList<>();
                List<byte[]> got = members(zip, inf.get(), p.toString(), names);
                assertEquals(List.of(p + "!" + entry), names);
                assertArrayEquals(want, got.getFirst(), p + " with " + inf.get().name());
            }
            bytes += want.length;
        }
        assertTrue(bytes > 50_000_000, "decompressed " + bytes + " bytes");
    }

    @Test void aCorruptRealZipFailsNamingFileAndEntryWithEitherInflater() throws IOException {
        Path real = realZips(1).getFirst();
        byte[] zip = Files.readAllBytes(real);
        int data = 30 + ZipEntries.le16(zip, 26) + ZipEntries.le16(zip, 28);
        int csize = ZipEntries.le32(zip, 18);
        String entry = real.getFileName().toString().replace(".zip", ".csv");
        for (int at : new int[] {data + 2, data + csize / 2, data + csize - 3}) {
            byte[] bad = zip.clone();
            bad[at] ^= 0x5A;
            for (Supplier<Inflate> inf : inflaters()) {
                InputExceptionAssert.message(() -> members(bad, inf.get(), "x/" + real.getFileName(), new ArrayList<>()),
                        "x/" + real.getFileName() + "!" + entry + ": damaged entry");
            }
        }
        // end to end, with the inflater this process selected: the error names the file and entry, nothing is written
        Path copy = tmp.resolve("spot/" + real.getFileName());
        Files.createDirectories(copy.getParent());
        byte[] bad = zip.clone();
        bad[data + csize / 2] ^= 0x5A;
        Files.write(copy, bad);
        Catalog cat = Catalog.open(tmp.resolve("catalog"));
        InputExceptionAssert.message(() -> Importer.importPaths(cat, List.of(copy), ImportOptions.defaults()),
                copy + "!" + entry, "damaged entry");
        assertTrue(cat.list().isEmpty());
    }

    @Test void aWrongDeclaredSizeIsDamageWithEitherInflater() throws IOException {
        byte[] csv = Files2.klines(1_704_067_200_000L, 500).getBytes(StandardCharsets.US_ASCII);
        for (int delta : new int[] {-1, 1, 1000}) {
            byte[] zip = deflatedZip("BTCUSDT-1m-2024-01-01.csv", csv);
            int usize = ZipEntries.le32(zip, 22) + delta;
            for (int i = 0; i < 4; i++) zip[22 + i] = (byte) (usize >>> (8 * i));
            for (Supplier<Inflate> inf : inflaters())
                InputExceptionAssert.message(() -> members(zip, inf.get(), "d.zip", new ArrayList<>()),
                        "d.zip!BTCUSDT-1m-2024-01-01.csv: damaged entry", "declared");
        }
        byte[] ok = deflatedZip("BTCUSDT-1m-2024-01-01.csv", csv);
        for (Supplier<Inflate> inf : inflaters()) assertArrayEquals(csv, members(ok, inf.get(), "ok.zip", new ArrayList<>()).getFirst());
    }

    @Test void hostileHeaderSizedZipsAreRefusedBeforeInflating() throws IOException {
        byte[] bomb = deflatedZip("BTCUSDT-1m-2024-01-01.csv", new byte[8 << 20]); // 8 MiB of zeros: ratio ~1000:1
        for (Supplier<Inflate> inf : inflaters()) {
            InputExceptionAssert.message(() -> members(bomb, inf.get(), "b.zip", new ArrayList<>()), "b.zip!BTCUSDT-1m-2024-01-01.csv", "zip bomb");
            try (ZipBuffer.Scratch s = new ZipBuffer.Scratch(inf.get())) {
                InputExceptionAssert.message(() -> ZipBuffer.forEach(bomb, bomb.length, "b.zip", 1 << 20, s, (m, d, o, l) -> { }),
                        "over the limit of 1048576");
            }
        }
        byte[] evil = deflatedZip("../../etc/BTCUSDT-1m-2024-01-01.csv", "1,2\n".getBytes(StandardCharsets.US_ASCII));
        for (Supplier<Inflate> inf : inflaters())
            InputExceptionAssert.message(() -> members(evil, inf.get(), "e.zip", new ArrayList<>()), "path traversal");
        // what the in-memory reader does not take goes to the streaming readers (ZIP64 marker, data descriptor)
        byte[] z64 = deflatedZip("a.csv", "1,2\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 18; i < 22; i++) z64[i] = (byte) 0xFF;
        Assertions.assertFalse(ZipBuffer.applies(z64, z64.length));
        byte[] dd = deflatedZip("a.csv", "1,2\n".getBytes(StandardCharsets.US_ASCII));
        dd[6] |= 0x8;
        Assertions.assertFalse(ZipBuffer.applies(dd, dd.length));
        Assertions.assertFalse(ZipBuffer.applies(dd, 20));
    }

    @Test void importingRealZipsWritesTheSameCatalogWithEitherInflater() throws IOException {
        String sel = Inflate.selected();
        if ("true".equals(System.getenv("CI")) && System.getProperty(Inflate.PROPERTY) == null) assertEquals("libdeflate", sel);
        List<Path> month = realZips(1).subList(0, 35); // BTCUSDT 2022-06-26 .. 2022-07-30: two monthly segments
        List<String> digests = new ArrayList<>();
        for (Supplier<Inflate> inf : inflaters()) {
            Supplier<Inflate> saved = Pipeline.inflaters;
            Pipeline.inflaters = inf;
            try {
                Path root = tmp.resolve("cat-" + digests.size());
                ImportReport r = Importer.importPaths(Catalog.open(root), month, ImportOptions.defaults());
                assertEquals(35 * 1440, r.rows());
                digests.add(treeDigest(root));
            } finally {
                Pipeline.inflaters = saved;
            }
        }
        for (String d : digests) assertEquals(digests.getFirst(), d, "catalogs differ between inflaters");
    }

    /** SHA-256 over every file's relative path and content (lock files excluded), in path order. */
    static String treeDigest(Path root) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock")).sorted().toList()) {
                md.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(p));
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** A one-entry ZIP as Binance writes them: deflated, sizes and CRC-32 in the local header, no data descriptor. */
    static byte[] deflatedZip(String entry, byte[] data) throws IOException {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream comp = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) comp.write(buf, 0, d.deflate(buf));
        d.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        byte[] c = comp.toByteArray();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int[] local = {0x04034b50, 4, 20, 2, 0, 2, 8, 2, 0, 2, 0, 2, (int) crc.getValue(), 4, c.length, 4, data.length, 4, name.length, 2, 0, 2};
        for (int i = 0; i < local.length; i += 2) le(o, local[i], local[i + 1]);
        o.write(name);
        o.write(c);
        int cdStart = o.size();
        int[] central = {0x02014b50, 4, 20, 2, 20, 2, 0, 2, 8, 2, 0, 2, 0, 2, (int) crc.getValue(), 4, c.length, 4, data.length, 4,
                name.length, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 4, 0, 4};
        for (int i = 0; i < central.length; i += 2) le(o, central[i], central[i + 1]);
        o.write(name);
        int cdLen = o.size() - cdStart;
        int[] end = {0x06054b50, 4, 0, 2, 0, 2, 1, 2, 1, 2, cdLen, 4, cdStart, 4, 0, 2};
        for (int i = 0; i < end.length; i += 2) le(o, end[i], end[i + 1]);
        return o.toByteArray();
    }

    private static void le(ByteArrayOutputStream o, int v, int bytes) {
        for (int i = 0; i < bytes; i++) o.write(v >>> (8 * i));
    }
}
