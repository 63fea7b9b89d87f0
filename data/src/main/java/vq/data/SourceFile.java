package vq.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A source file to import: where it is, the name it is known by (its file name; the raw archive keeps it under
 * its SHA-256), its SHA-256 and size. {@code sha256} is null while the file is not hashed yet: small ZIPs are
 * hashed by the import worker that reads them anyway ({@link #unhashed}), everything else up front.
 */
record SourceFile(Path path, String name, String sha256, long bytes) {
    static SourceFile of(Path path) {
        return of(path, path.getFileName().toString());
    }

    /** Name and size only; {@link #hashed()} or {@link #withContent} completes it. */
    static SourceFile unhashed(Path path) {
        return new SourceFile(path, path.getFileName().toString(), null, size(path));
    }

    /** This file with its SHA-256 computed now (itself if known). */
    SourceFile hashed() {
        return sha256 != null ? this : new SourceFile(path, name, sha256(path), bytes);
    }

    /** This file as a worker read it: its SHA-256 and length. */
    SourceFile withContent(String sha, long length) {
        return new SourceFile(path, name, sha, length);
    }

    static SourceFile of(Path path, String name) {
        return new SourceFile(path, name, sha256(path), size(path));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path p) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
