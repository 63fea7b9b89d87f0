package vq.columnar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The market-data catalog rooted at a directory ({@code <workspace>/catalog}). Layout:
 * {@code <venue>/<market>/<symbol>/<dataset>/<interval>/manifest.json} plus segment files, and
 * {@code raw/} for the raw archive of imported source files. See docs/catalog-format.md.
 */
public final class Catalog {
    public static final String MANIFEST = "manifest.json";
    private final Path root;

    private Catalog(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Opens (without creating) the catalog at {@code root}. */
    public static Catalog open(Path root) {
        return new Catalog(root);
    }

    public Path root() { return root; }

    /** Directory of the raw archive (original source files by SHA-256). */
    public Path rawDir() { return root.resolve("raw"); }

    public Path dir(DatasetKey key) { return root.resolve(key.relativeDir()); }

    /** The manifest of a dataset, if it exists. */
    public Optional<Manifest> manifest(DatasetKey key) {
        Path m = dir(key).resolve(MANIFEST);
        return Files.isRegularFile(m) ? Optional.of(Json.readManifest(m)) : Optional.empty();
    }

    /** All datasets in the catalog, sorted by key. */
    public List<DatasetKey> list() {
        if (!Files.isDirectory(root)) return List.of();
        List<DatasetKey> keys = new ArrayList<>();
        try (Stream<Path> s = Files.find(root, 6, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals(MANIFEST))) {
            s.forEach(p -> {
                Path rel = root.relativize(p.getParent());
                if (rel.getNameCount() == 5 && !rel.getName(0).toString().equals("raw")) {
                    try {
                        keys.add(DatasetKey.parse(rel.toString().replace('\\', '/')));
                    } catch (InputException ignored) { /* not a dataset directory */ }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.sort(Comparator.comparing(DatasetKey::toString));
        return keys;
    }

    /** Opens a reader; throws {@link InputException} when the dataset does not exist. */
    public DatasetReader reader(DatasetKey key) {
        Manifest m = manifest(key).orElseThrow(() -> new InputException("no dataset " + key + " in catalog " + root
                + " (import data with 'vq data import')"));
        return new DatasetReader(dir(key), m);
    }

    /** Opens a writer that appends to the dataset (creating it on commit). */
    public DatasetWriter writer(DatasetKey key) {
        return new DatasetWriter(this, key, false);
    }

    /** Opens a writer whose commit replaces the whole dataset (used by rebuild and resample). */
    public DatasetWriter replacingWriter(DatasetKey key) {
        return new DatasetWriter(this, key, true);
    }
}
