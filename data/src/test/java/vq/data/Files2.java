package vq.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test helpers: write CSVs and ZIPs in Binance Vision's layout. */
final class Files2 {
    private Files2() {}

    static Path csv(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A ZIP holding one entry named like the zip (.csv) unless {@code entry} is given. */
    static Path zip(Path file, String entry, String text) throws IOException {
        Files.createDirectories(file.getParent());
        String name = entry != null ? entry : file.getFileName().toString().replace(".zip", ".csv");
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(text.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return file;
    }

    /** A ZIP with one STORED entry: sizes and CRC in the local header, as in Binance's archives. */
    static Path storedZip(Path file, String entry, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            ZipEntry e = new ZipEntry(entry);
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            e.setCompressedSize(data.length);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(data);
            z.closeEntry();
        }
        return file;
    }

    /** One Binance spot kline row (12 fields) for a minute bar opening at {@code ms}. */
    static String kline(long ms, double o, double h, double l, double c) {
        return ms + "," + o + "," + h + "," + l + "," + c + ",1.5," + (ms + 59_999) + ",150.0,10,0.7,70.0,0\n";
    }

    static String klines(long fromMs, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(kline(fromMs + i * 60_000L, 100 + i, 101 + i, 99 + i, 100.5 + i));
        return sb.toString();
    }
}
