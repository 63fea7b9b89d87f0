package vq.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import vq.columnar.AtomicFiles;
import vq.columnar.Catalog;
import vq.columnar.InputException;

/**
 * The raw archive: every imported source file copied byte for byte under {@code catalog/raw/<sha[0:2]>/<sha256>}
 * (content-addressed, so the same file is stored once however often it is imported). Manifests refer to it by
 * that relative path; {@code vq data rebuild} replays imports from it.
 */
final class RawArchive {
    private RawArchive() {}

    /** Path of a SHA-256 relative to the catalog root. */
    static String relative(String sha256) {
        return "raw/" + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Copies {@code f} into the archive (temp + rename) unless it is there already; returns its relative path. */
    static String store(Catalog catalog, SourceFile f) {
        String rel = relative(f.sha256());
        Path target = catalog.root().resolve(rel);
        try {
            if (Files.isRegularFile(target) && Files.size(target) == f.bytes()) return rel;
            ensureDir(target.getParent());
            Path tmp = AtomicFiles.tempFor(target);
            Files.copy(f.path(), tmp, StandardCopyOption.REPLACE_EXISTING);
            String sha = SourceFile.sha256(tmp);
            if (!sha.equals(f.sha256())) {
                Files.deleteIfExists(tmp);
                throw new InputException(f.path() + ": changed while being imported (SHA-256 differs)");
            }
            AtomicFiles.move(tmp, target);
            return rel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + f.path() + " into " + target + ": " + e.getMessage(), e);
        }
    }

    private static final java.util.Set<Path> KNOWN_DIRS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Creates an archive directory once per process (avoids a mkdir call per file). */
    static void ensureDir(Path dir) throws IOException {
        if (KNOWN_DIRS.contains(dir) && Files.isDirectory(dir)) return;
        Files.createDirectories(dir);
        KNOWN_DIRS.add(dir);
    }

    /** Whether the archive already holds this content. */
    static boolean has(Catalog catalog, SourceFile f) {
        Path p = catalog.root().resolve(relative(f.sha256()));
        try {
            return Files.isRegularFile(p) && Files.size(p) == f.bytes();
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves a verified temp copy into place (atomic rename); returns whether it created the archive entry. */
    static boolean install(Catalog catalog, SourceFile f, Path temp) throws IOException {
        Path target = catalog.root().resolve(relative(f.sha256()));
        if (has(catalog, f)) {
            Files.deleteIfExists(temp);
            return false;
        }
        AtomicFiles.move(temp, target);
        return true;
    }

    /** The archived file of a SHA-256; throws if it is missing or damaged. */
    static Path find(Catalog catalog, String sha256, String name) {
        Path p = catalog.root().resolve(relative(sha256));
        if (!Files.isRegularFile(p))
            throw new InputException("raw archive is missing " + name + " (sha256 " + sha256 + ") at " + p + "; cannot rebuild");
        return p;
    }
}
