package vq.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vq.columnar.AtomicFiles;
import vq.columnar.Catalog;
import vq.columnar.CatalogException;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.columnar.Manifest;
import vq.data.resample.Resampler;

/**
 * {@code vq data rebuild}: recreates every dataset of the catalog from its manifest's import records and the raw
 * archive, byte for byte. Imports are replayed in their recorded order with their recorded options (one batch
 * per record, so segments split exactly as before); resampled datasets are resampled again from their rebuilt
 * source. Everything is rebuilt into a staging directory inside the catalog first; only when all datasets
 * rebuilt without error is each dataset directory swapped in (a rename per dataset). A missing or damaged raw
 * file (SHA-256 mismatch) stops the rebuild before anything changes.
 */
public final class Rebuilder {
    private Rebuilder() {}

    /**
     * One rebuilt dataset.
     *
     * @param identical whether every segment file and the manifest came out byte-identical to the old ones
     */
    public record Result(DatasetKey key, long rows, int segments, boolean identical) {}

    /** Rebuilds all datasets; returns them sorted by key. */
    public static List<Result> rebuild(Catalog catalog) {
        List<DatasetKey> keys = catalog.list();
        Path stage = catalog.root().resolve(".rebuild-" + ProcessHandle.current().pid());
        Catalog staging = Catalog.open(stage);
        List<Result> out = new ArrayList<>();
        try {
            List<DatasetKey> derived = new ArrayList<>();
            for (DatasetKey k : keys) {
                Manifest m = catalog.manifest(k).orElseThrow();
                if (isResample(m)) {
                    derived.add(k);
                    continue;
                }
                for (Manifest.ImportRecord rec : m.imports()) replay(catalog, staging, k, rec);
            }
            for (DatasetKey k : derived) {
                Manifest m = catalog.manifest(k).orElseThrow();
                Manifest.ImportRecord rec = m.imports().getLast();
                DatasetKey source = DatasetKey.parse(rec.options().get("source"));
                if (staging.manifest(source).isEmpty())
                    throw new InputException("cannot rebuild " + k + ": its source " + source + " is not in the catalog");
                Resampler.resample(staging, source, k.interval());
            }
            for (DatasetKey k : keys) {
                Manifest before = catalog.manifest(k).orElseThrow();
                Manifest after = staging.manifest(k).orElseThrow(() -> new CatalogException("rebuild produced no " + k));
                out.add(new Result(k, after.rows(), after.segments().size(), identical(catalog, staging, k, before, after)));
            }
            for (DatasetKey k : keys) swap(catalog.dir(k), staging.dir(k), stage.resolve("old").resolve(k.relativeDir()));
            return out;
        } finally {
            deleteTree(stage);
        }
    }

    private static boolean isResample(Manifest m) {
        return !m.imports().isEmpty() && "resample".equals(m.imports().getLast().options().get("format"));
    }

    private static void replay(Catalog catalog, Catalog staging, DatasetKey k, Manifest.ImportRecord rec) {
        Map<String, String> o = rec.options();
        if (!o.containsKey("importer") || !o.containsKey("kind"))
            throw new InputException("cannot rebuild " + k + ": an import record was not written by vq's importer (options " + o + ")");
        ImportOptions opts = ImportOptions.ofRecord(o);
        List<SourceFile> sources = new ArrayList<>();
        Map<String, String> archived = new java.util.HashMap<>();
        for (Manifest.Source s : rec.sources()) {
            Path raw;
            if (s.archive() != null && s.archive().indexOf('#') >= 0) raw = extract(catalog, staging, s);
            else {
                raw = RawArchive.find(catalog, s.sha256(), s.name());
                try {
                    if (Files.size(raw) != s.bytes())
                        throw new InputException("raw archive file " + raw + " (" + s.name() + ") has " + Files.size(raw) + " bytes, expected " + s.bytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            sources.add(new SourceFile(raw, s.name(), s.sha256(), s.bytes()));
            if (s.archive() != null) archived.put(s.sha256(), s.archive());
        }
        Resolved r = new Resolved(opts.venue(), opts.market(), opts.symbol(), opts.kind(), opts.interval(), 0);
        // the pipeline re-hashes every raw file while reading it and fails on a mismatch
        Importer.runBatch(staging, catalog, r, sources, opts, ImportListener.NONE, k.dataset(), archived);
    }

    /** Copies a pack member out to a file under the staging catalog (removed with it), to be replayed like a source. */
    private static Path extract(Catalog catalog, Catalog staging, Manifest.Source s) {
        RawArchive.Member m = RawArchive.locate(catalog, s.archive(), s.bytes());
        try {
            if (!Files.isRegularFile(m.file()))
                throw new InputException("raw archive is missing " + s.name() + " (sha256 " + s.sha256() + ") at " + m.file() + "; cannot rebuild");
            if (Files.size(m.file()) < m.offset() + m.bytes())
                throw new InputException("raw archive pack " + m.file() + " is too short for " + s.name() + " (" + s.archive() + ")");
            Path dir = staging.root().resolve("raw-extracted");
            Files.createDirectories(dir);
            Path out = dir.resolve(s.sha256());
            try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(m.file());
                 java.nio.channels.FileChannel o = java.nio.channels.FileChannel.open(out, java.nio.file.StandardOpenOption.CREATE,
                         java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < m.bytes()) {
                    long n = in.transferTo(m.offset() + done, m.bytes() - done, o);
                    if (n <= 0) throw new java.io.EOFException(m.file() + ": short read");
                    done += n;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.archive() + ": " + e.getMessage(), e);
        }
    }

    private static boolean identical(Catalog a, Catalog b, DatasetKey k, Manifest ma, Manifest mb) {
        if (!ma.equals(mb)) return false;
        try {
            if (!java.util.Arrays.equals(Files.readAllBytes(a.dir(k).resolve(Catalog.MANIFEST)), Files.readAllBytes(b.dir(k).resolve(Catalog.MANIFEST))))
                return false;
            for (Manifest.Segment s : mb.segments())
                if (Files.mismatch(a.dir(k).resolve(s.file()), b.dir(k).resolve(s.file())) != -1) return false;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves {@code live} aside and {@code fresh} into its place (renames within one file system). */
    private static void swap(Path live, Path fresh, Path old) {
        try {
            Files.createDirectories(old.getParent());
            if (Files.exists(live)) AtomicFiles.move(live, old);
            Files.createDirectories(live.getParent());
            AtomicFiles.move(fresh, live);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap in the rebuilt " + live + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) { /* best effort */ }
            });
        } catch (IOException ignored) { /* best effort */ }
    }
}
