package vq.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import vq.columnar.Catalog;
import vq.columnar.CatalogException;
import vq.columnar.Dataset;
import vq.columnar.DatasetKey;
import vq.columnar.InputException;
import vq.columnar.Manifest;

/**
 * Imports source files into the catalog: the entry point of {@code vq data import} and of code that needs real
 * data in a catalog (tests, demos, benchmarks).
 *
 * <pre>{@code
 * ImportReport r = Importer.importPaths(Catalog.open(dir), List.of(Path.of(".../spot_klines_1m/BTCUSDT")),
 *                                       ImportOptions.defaults());
 * // -> dataset binance/spot/BTCUSDT/bars/1m, r.rows() == 1_052_560, r.datasets().get(0).gaps() lists 2023-03-24 12:40..13:59
 * }</pre>
 *
 * <p>How: directories are expanded recursively (files ending in .zip, .csv, .gz, .parquet); every file is hashed
 * (SHA-256) and resolved to a catalog key and kind ({@link SourceResolver}); files whose SHA-256 the target
 * dataset already lists are skipped (re-importing is a no-op). Files of one key form one batch, read in time
 * order (date in the file name, else first row), streamed through the checks into one {@link
 * vq.columnar.DatasetWriter} per dataset, so each month is written once. When every file of the batch has been
 * read without error, the files are copied into the raw archive and the batch is committed (manifest last,
 * atomically). A bad row throws {@link InputException} naming file, line and field, and nothing of its batch is
 * written. Memory: one CSV buffer plus one segment buffer per dataset, independent of input size.
 */
public final class Importer {
    private Importer() {}

    /** {@link #importPaths(Catalog, List, ImportOptions, ImportListener)} without progress. */
    public static ImportReport importPaths(Catalog catalog, List<Path> paths, ImportOptions options) {
        return importPaths(catalog, paths, options, ImportListener.NONE);
    }

    /**
     * Imports files and directories.
     *
     * @throws InputException on a missing path, an unresolvable file or a bad row (its batch is not written)
     */
    public static ImportReport importPaths(Catalog catalog, List<Path> paths, ImportOptions options, ImportListener listener) {
        long t0 = System.nanoTime();
        List<Path> files = expand(paths);
        Set<String> seen = new HashSet<>();
        Map<String, List<Planned>> groups = new TreeMap<>();
        int skipped = 0;
        for (Path p : files) {
            SourceFile f = SourceFile.of(p);
            if (!seen.add(f.sha256())) {
                skipped++;
                listener.skipped(f.name());
                continue;
            }
            Resolved r = SourceResolver.resolve(f, options);
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(new Planned(f, r));
        }
        int nFiles = 0;
        long bytes = 0;
        Map<String, List<Planned>> todo = new LinkedHashMap<>();
        for (Map.Entry<String, List<Planned>> g : groups.entrySet()) {
            List<Planned> list = new ArrayList<>(g.getValue());
            list.sort(Comparator.comparingLong((Planned x) -> x.r.sortNanos()).thenComparing(x -> x.f.name()));
            Resolved r0 = list.getFirst().r;
            Manifest m = catalog.manifest(key(r0, r0.kind().datasets().getFirst())).orElse(null);
            List<Planned> keep = new ArrayList<>();
            for (Planned x : list) {
                if (m != null && m.hasSource(x.f.sha256())) {
                    skipped++;
                    listener.skipped(x.f.name());
                } else keep.add(x);
            }
            if (keep.isEmpty()) continue;
            todo.put(g.getKey(), keep);
            nFiles += keep.size();
            for (Planned x : keep) bytes += x.f.bytes();
        }
        listener.planned(nFiles, bytes);
        List<ImportReport.DatasetResult> results = new ArrayList<>();
        long rows = 0;
        for (List<Planned> batch : todo.values()) {
            Resolved r = batch.getFirst().r;
            List<SourceFile> sources = batch.stream().map(x -> x.f).toList();
            for (ImportReport.DatasetResult d : runBatch(catalog, r, sources, options, listener, null)) {
                results.add(d);
                rows += d.rows();
            }
        }
        return new ImportReport(nFiles, skipped, rows, bytes, System.nanoTime() - t0, results);
    }

    private record Planned(SourceFile f, Resolved r) {}

    static DatasetKey key(Resolved r, Dataset d) {
        return new DatasetKey(r.venue(), r.market(), r.symbol(), d, d.hasInterval() ? r.interval() : null);
    }

    /** Files under {@code paths}: directories recursively (sorted, hidden files skipped), files as given. */
    static List<Path> expand(List<Path> paths) {
        if (paths.isEmpty()) throw new InputException("no input files given");
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(Importer::importable).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) out.add(p);
            else throw new InputException(p + ": no such file or directory");
        }
        if (out.isEmpty()) throw new InputException(paths + ": no importable files (.zip, .csv, .gz, .parquet) found");
        return out;
    }

    private static boolean importable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith(".")) return false;
        return n.endsWith(".zip") || n.endsWith(".csv") || n.endsWith(".gz") || n.endsWith(".parquet");
    }

    /**
     * Reads one batch (files of one group, in order) and commits it.
     *
     * @param only when not null, write only this dataset (rebuild replays one manifest at a time); rows of
     *             other datasets are parsed and checked but discarded
     */
    static List<ImportReport.DatasetResult> runBatch(Catalog catalog, Resolved r, List<SourceFile> sources, ImportOptions o,
                                                     ImportListener listener, Dataset only) {
        Map<Dataset, Target> targets = new EnumMap<>(Dataset.class);
        Map<Dataset, List<Manifest.Source>> fed = new EnumMap<>(Dataset.class);
        Map<Dataset, Integer> fileCount = new EnumMap<>(Dataset.class);
        Catalog[] scratch = new Catalog[1];
        Path[] scratchDir = new Path[1];
        CsvRows.Targets provider = d -> targets.computeIfAbsent(d, k -> {
            Catalog c = catalog;
            if (only != null && k != only) {
                if (scratch[0] == null) {
                    try {
                        scratchDir[0] = Files.createTempDirectory("vq-discard");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    scratch[0] = Catalog.open(scratchDir[0]);
                }
                c = scratch[0];
            }
            return new Target(c.writer(key(r, k)), o.fix());
        });
        Dataset primary = only != null ? only : r.kind().datasets().getFirst();
        try {
            provider.get(primary);
            List<long[]> perSource = new ArrayList<>();
            for (SourceFile f : sources) perSource.add(readSource(f, r, o, provider, listener));
            List<String> archived = new ArrayList<>();
            for (SourceFile f : sources) archived.add(RawArchive.store(catalog, f));
            for (int i = 0; i < sources.size(); i++) {
                SourceFile f = sources.get(i);
                long[] counts = perSource.get(i);
                for (Dataset d : targets.keySet()) {
                    if (d != primary && counts[d.ordinal()] == 0) continue;
                    fed.computeIfAbsent(d, k -> new ArrayList<>())
                            .add(new Manifest.Source(f.name(), f.sha256(), f.bytes(), counts[d.ordinal()], archived.get(i)));
                    fileCount.merge(d, 1, Integer::sum);
                }
            }
            List<ImportReport.DatasetResult> out = new ArrayList<>();
            for (Map.Entry<Dataset, Target> e : targets.entrySet()) {
                Dataset d = e.getKey();
                Target t = e.getValue();
                if (only != null && d != only) continue;
                for (Manifest.Source s : fed.getOrDefault(d, List.of())) t.writer.addSource(s);
                long first = t.rows == 0 ? 0 : firstTs(t);
                try {
                    t.writer.commit(ImportOptions.record(r, d, o));
                } catch (CatalogException ex) {
                    throw new InputException(ex.getMessage(), ex);
                }
                out.add(new ImportReport.DatasetResult(t.key, fileCount.getOrDefault(d, 0), t.rows, t.dropped, first,
                        t.rows == 0 ? 0 : t.lastTs(), t.gaps));
            }
            return out;
        } finally {
            for (Target t : targets.values()) t.writer.close();
            if (scratchDir[0] != null) deleteTree(scratchDir[0]);
        }
    }

    private static long firstTs(Target t) {
        return t.firstTs;
    }

    /** Reads one source into the targets; returns rows per dataset (by ordinal). */
    static long[] readSource(SourceFile f, Resolved r, ImportOptions o, CsvRows.Targets targets, ImportListener listener) {
        long[] total = new long[Dataset.values().length];
        Timestamps.Unit forced = o.timeUnit() == null ? null : Timestamps.Unit.ofName(o.timeUnit());
        Inputs.forEachMember(f.path(), f.name(), f.path().toString(), o.maxEntryBytes(), listener::advanced, (display, in) -> {
            long[] c;
            if (r.kind() == SourceKind.CAPTURE) c = CaptureReader.read(in, display, r.symbol(), targets);
            else c = CsvRows.read(r.kind(), new ByteCsv(in, display), o.columns(), new Timestamps.Detector(forced), targets);
            for (int i = 0; i < total.length; i++) total[i] += c[i];
        });
        return total;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) { /* best effort */ }
            });
        } catch (IOException ignored) { /* best effort */ }
    }
}
