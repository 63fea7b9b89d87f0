package vq.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
 * <p>How: directories are expanded recursively (files ending in .zip, .csv, .gz, .parquet); every file is resolved
 * to a catalog key and kind ({@link SourceResolver}) and hashed (SHA-256: small ZIPs by the parsing worker, which
 * reads them whole anyway, before it parses them; other files up front); files whose SHA-256 the target dataset
 * already lists, or that repeat an earlier file's content, are skipped (re-importing is a no-op). Files of one key form one batch, read in time
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
        List<SourceFile> listed = expand(paths);
        List<Planned> resolved = resolveAll(listed, options);
        // small ZIPs are hashed by the worker that reads them (one pass over the file); the rest now, in parallel
        List<Planned> planned = resolved.parallelStream().map(x -> deferHash(x) ? x : new Planned(x.f.hashed(), x.r)).toList();
        Set<String> seen = new HashSet<>();
        Map<String, List<Planned>> groups = new TreeMap<>();
        Skips skips = new Skips();
        for (Planned x : planned) {
            if (x.f.sha256() != null && !seen.add(x.f.sha256())) {
                skips.files++;
                listener.skipped(x.f.name());
                continue;
            }
            groups.computeIfAbsent(x.r.group(), g -> new ArrayList<>()).add(x);
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
                if (m != null && x.f.sha256() != null && m.hasSource(x.f.sha256())) {
                    skips.files++;
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
        int skippedBefore = skips.files;
        try (Committer committer = new Committer()) {
            for (List<Planned> batch : todo.values()) {
                Resolved r = batch.getFirst().r;
                List<SourceFile> sources = batch.stream().map(x -> x.f).toList();
                Set<DatasetKey> keys = new HashSet<>();
                for (Dataset d : r.kind().datasets()) keys.add(key(r, d));
                if (committer.holds(keys)) results.addAll(committer.await()); // its writers hold these datasets' locks
                Batch b = new Batch(catalog, catalog, r, sources, options, listener, null, seen, skips, Map.of());
                try {
                    b.readAll();
                    results.addAll(committer.await()); // the batch before, committed while this one was read
                } catch (RuntimeException | Error e) {
                    try {
                        results.addAll(committer.await()); // an earlier batch's commit is independent: let it finish
                    } catch (RuntimeException | Error earlier) {
                        earlier.addSuppressed(e);
                        b.close(false);
                        throw earlier;
                    }
                    b.close(false);
                    throw e;
                }
                committer.submit(b, keys);
            }
            results.addAll(committer.await());
        }
        for (ImportReport.DatasetResult d : results) rows += d.rows();
        nFiles -= skips.files - skippedBefore;
        bytes -= skips.bytes;
        return new ImportReport(nFiles, skips.files, rows, bytes, System.nanoTime() - t0, results);
    }

    /**
     * Commits an import's batches one at a time on a thread of its own ({@code vq-commit}): the raw pack's fsync and
     * rename, the segments' fsyncs and renames, the manifests. So the next batch is read meanwhile (its files are
     * another dataset's; a batch that writes a dataset a pending commit holds waits for it). Commits keep their
     * order, and each is still all-or-nothing; a failed commit is reported before anything after it.
     */
    private static final class Committer implements AutoCloseable {
        private java.util.concurrent.ExecutorService thread;
        private java.util.concurrent.Future<List<ImportReport.DatasetResult>> pending;
        private Set<DatasetKey> pendingKeys = Set.of();

        /** Whether the pending commit writes one of {@code keys}. */
        boolean holds(Set<DatasetKey> keys) {
            return pending != null && !java.util.Collections.disjoint(pendingKeys, keys);
        }

        /** Starts committing {@code b} (which must have been read) and closes it after; at most one at a time. */
        void submit(Batch b, Set<DatasetKey> keys) {
            if (pending != null) throw new IllegalStateException("a commit is pending");
            if (thread == null) thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vq-commit");
                t.setDaemon(true);
                return t;
            });
            pendingKeys = keys;
            pending = thread.submit(b::commitAndClose);
        }

        /** Waits for the pending commit (if any) and returns its results; rethrows its failure as it was thrown. */
        List<ImportReport.DatasetResult> await() {
            if (pending == null) return List.of();
            java.util.concurrent.Future<List<ImportReport.DatasetResult>> f = pending;
            pending = null;
            pendingKeys = Set.of();
            return vq.columnar.Futures.awaitUninterruptibly(f); // a commit is not abandoned half-way
        }

        @Override public void close() {
            try {
                if (pending != null) await();
            } finally {
                if (thread != null) thread.shutdown();
            }
        }
    }

    /** Whether the worker that reads {@code x} whole hashes it (see {@link Pipeline}). */
    private static boolean deferHash(Planned x) {
        return x.r.kind() != SourceKind.CAPTURE && Inputs.isZip(x.f.name()) && x.f.bytes() <= ZipBuffer.MAX_FILE;
    }

    /** Files found to be already imported (or duplicates) while importing, and their bytes. */
    static final class Skips {
        int files;
        long bytes;
    }

    private record Planned(SourceFile f, Resolved r) {}

    static DatasetKey key(Resolved r, Dataset d) {
        return new DatasetKey(r.venue(), r.market(), r.symbol(), d, d.hasInterval() ? r.interval() : null);
    }

    /**
     * Files under {@code paths} with their sizes: directories recursively (each sorted by path, hidden files skipped,
     * symbolic links to regular files followed), files as given. One {@code stat} per file: the walk's own.
     *
     * @throws InputException if a path does not exist or nothing importable is found
     */
    static List<SourceFile> expand(List<Path> paths) {
        if (paths.isEmpty()) throw new InputException("no input files given");
        List<SourceFile> out = new ArrayList<>();
        for (Path p : paths) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new InputException(p + ": no such file or directory");
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": " + e.getMessage(), e);
            }
            if (a.isDirectory()) {
                List<SourceFile> found = new ArrayList<>();
                try {
                    Files.walkFileTree(p, new SimpleFileVisitor<>() {
                        @Override public FileVisitResult visitFile(Path f, BasicFileAttributes fa) throws IOException {
                            if (!importable(f)) return FileVisitResult.CONTINUE;
                            if (fa.isSymbolicLink()) fa = Files.readAttributes(f, BasicFileAttributes.class); // its target
                            if (fa.isRegularFile()) found.add(new SourceFile(f, f.getFileName().toString(), null, fa.size()));
                            return FileVisitResult.CONTINUE;
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": " + e.getMessage(), e);
                }
                found.sort(Comparator.comparing(SourceFile::path));
                out.addAll(found);
            } else if (a.isRegularFile()) out.add(new SourceFile(p, p.getFileName().toString(), null, a.size()));
            else throw new InputException(p + ": no such file or directory");
        }
        if (out.isEmpty()) throw new InputException(paths + ": no importable files (.zip, .csv, .gz, .parquet) found");
        return out;
    }

    /**
     * Resolves every file ({@link SourceResolver#resolve}) in parallel, in their order; if some cannot be resolved,
     * throws the error of the first of them (so the message does not depend on thread timing).
     */
    private static List<Planned> resolveAll(List<SourceFile> files, ImportOptions options) {
        Object[] out = new Object[files.size()];
        java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> {
            try {
                out[i] = new Planned(files.get(i), SourceResolver.resolve(files.get(i), options));
            } catch (RuntimeException e) {
                out[i] = e;
            }
        });
        List<Planned> planned = new ArrayList<>(out.length);
        for (Object o : out) {
            if (o instanceof RuntimeException e) throw e;
            planned.add((Planned) o);
        }
        return planned;
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
        return runBatch(catalog, catalog, r, sources, o, listener, only, Map.of());
    }

    /**
     * As above, writing datasets to {@code catalog} and raw files to {@code archive}'s raw archive, except sources
     * whose SHA-256 {@code archived} maps to their manifest entry already (rebuild: nothing is archived again and the
     * manifests keep their entries).
     */
    static List<ImportReport.DatasetResult> runBatch(Catalog catalog, Catalog archive, Resolved r, List<SourceFile> sources,
                                                     ImportOptions o, ImportListener listener, Dataset only, Map<String, String> archived) {
        return runBatch(catalog, archive, r, sources, o, listener, only, new HashSet<>(), new Skips(), archived);
    }

    /**
     * As above. Sources without a SHA-256 yet ({@link SourceFile#unhashed}) are hashed by the worker that reads them;
     * one whose SHA-256 the dataset already lists, or that {@code seen} holds (an earlier file of this import with the
     * same content), is skipped (counted in {@code skips}, not parsed or not written).
     */
    static List<ImportReport.DatasetResult> runBatch(Catalog catalog, Catalog archive, Resolved r, List<SourceFile> sourceList,
                                                     ImportOptions o, ImportListener listener, Dataset only, Set<String> seen,
                                                     Skips skips, Map<String, String> archived) {
        Batch b = new Batch(catalog, archive, r, sourceList, o, listener, only, seen, skips, archived);
        try {
            b.readAll();
        } catch (RuntimeException | Error e) {
            b.close(false);
            throw e;
        }
        return b.commitAndClose();
    }

    /**
     * The state of one {@link #runBatch} call, its steps in methods of their own: a few small methods that the JIT
     * compiles once each, where one long method was compiled again (on-stack, at each of its loops) in every import.
     */
    private static final class Batch {
        final Catalog catalog, archive;
        final Resolved r;
        final ImportOptions o;
        final ImportListener listener;
        final Dataset only, primary;
        final Set<String> seen;
        final Skips skips;
        final Map<String, String> archived;
        final List<SourceFile> sources;
        final boolean[] skipped;
        final Map<Dataset, Target> targets = new EnumMap<>(Dataset.class);
        final List<Path> createdRaw = new ArrayList<>();
        final RawArchive.Pack[] pack = new RawArchive.Pack[1]; // opened with the first small ZIP to archive
        final Map<String, String> refs; // SHA-256 -> manifest archive entry, if not per-file
        final List<long[]> perSource = new ArrayList<>();
        final Pipeline pipe;
        final CsvRows.Targets provider = this::target;
        Catalog scratch;
        Path scratchDir;

        Batch(Catalog catalog, Catalog archive, Resolved r, List<SourceFile> sourceList, ImportOptions o, ImportListener listener,
              Dataset only, Set<String> seen, Skips skips, Map<String, String> archived) {
            this.catalog = catalog;
            this.archive = archive;
            this.r = r;
            this.o = o;
            this.listener = listener;
            this.only = only;
            this.seen = seen;
            this.skips = skips;
            this.archived = archived;
            this.sources = new ArrayList<>(sourceList);
            this.skipped = new boolean[sources.size()];
            this.primary = only != null ? only : r.kind().datasets().getFirst();
            this.refs = new java.util.HashMap<>(archived);
            this.pipe = r.kind() == SourceKind.CAPTURE ? null : new Pipeline(Pipeline.defaultWorkers());
        }

        /** The target of {@code d}, its writer opened on first use (in a scratch catalog if {@code only} excludes it). */
        Target target(Dataset d) {
            return targets.computeIfAbsent(d, k -> {
                Catalog c = catalog;
                if (only != null && k != only) {
                    if (scratch == null) {
                        try {
                            scratchDir = Files.createTempDirectory("vq-discard");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        scratch = Catalog.open(scratchDir);
                    }
                    c = scratch;
                }
                return new Target(c.writer(key(r, k)), o.fix());
            });
        }

        /** Reads every source in order into the targets (workers parse ahead, this thread appends). */
        void readAll() {
            Manifest existing = provider.get(primary).writer.existing();
            Set<String> known = new HashSet<>();
            if (existing != null) for (Manifest.ImportRecord ir : existing.imports()) for (Manifest.Source src : ir.sources()) known.add(src.sha256());
            List<Pipeline.Stream> streams = new ArrayList<>();
            if (pipe != null)
                for (int i = 0; i < Math.min(pipe.window(), sources.size()); i++) streams.add(submit(pipe, archive, sources.get(i), r, o, listener, known, archived));
            for (int i = 0; i < sources.size(); i++) {
                long[] before = rowsNow(targets);
                if (pipe == null) readCapture(i);
                else {
                    readPiped(i, streams);
                    int next = i + pipe.window();
                    if (next < sources.size()) streams.add(submit(pipe, archive, sources.get(next), r, o, listener, known, archived));
                }
                long[] after = rowsNow(targets);
                for (int d = 0; d < after.length; d++) after[d] -= before[d];
                perSource.add(after);
            }
            for (Target t : targets.values()) t.writer.finishRows(); // so commit and close may run on another thread
        }

        private void readCapture(int i) {
            SourceFile f = sources.get(i).hashed();
            readSource(f, r, o, provider, listener);
            if (!RawArchive.has(archive, f)) {
                RawArchive.store(archive, f);
                createdRaw.add(archive.root().resolve(RawArchive.relative(f.sha256())));
            }
        }

        private void readPiped(int i, List<Pipeline.Stream> streams) {
            SourceFile f = consume(streams.get(i), sources.get(i), provider, pipe, archive, only, createdRaw, seen, pack);
            if (f == null) {
                skipped[i] = true;
                skips.files++;
                skips.bytes += sources.get(i).bytes();
                listener.skipped(sources.get(i).name());
            } else sources.set(i, f);
        }

        /** The batch's raw files, in place before any manifest names them. */
        void installPack() {
            if (pack[0] == null || pack[0].isEmpty()) return;
            try {
                refs.putAll(pack[0].install());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the raw archive pack: " + e.getMessage(), e);
            }
            if (pack[0].installed() != null) createdRaw.add(pack[0].installed());
        }

        /** Records the sources in each dataset's manifest and commits the datasets. */
        List<ImportReport.DatasetResult> commit() {
            Map<Dataset, List<Manifest.Source>> fed = new EnumMap<>(Dataset.class);
            Map<Dataset, Integer> fileCount = new EnumMap<>(Dataset.class);
            for (int i = 0; i < sources.size(); i++) {
                if (skipped[i]) continue;
                SourceFile f = sources.get(i);
                long[] counts = perSource.get(i);
                for (Dataset d : targets.keySet()) {
                    if (d != primary && counts[d.ordinal()] == 0) continue;
                    fed.computeIfAbsent(d, k -> new ArrayList<>())
                            .add(new Manifest.Source(f.name(), f.sha256(), f.bytes(), counts[d.ordinal()],
                                    refs.getOrDefault(f.sha256(), RawArchive.relative(f.sha256()))));
                    fileCount.merge(d, 1, Integer::sum);
                }
            }
            List<ImportReport.DatasetResult> out = new ArrayList<>();
            for (Map.Entry<Dataset, Target> e : targets.entrySet()) {
                Dataset d = e.getKey();
                Target t = e.getValue();
                if (only != null && d != only) continue;
                for (Manifest.Source s : fed.getOrDefault(d, List.of())) t.writer.addSource(s);
                try {
                    t.writer.commit(ImportOptions.record(r, d, o));
                } catch (CatalogException ex) {
                    throw new InputException(ex.getMessage(), ex);
                }
                out.add(new ImportReport.DatasetResult(t.key, fileCount.getOrDefault(d, 0), t.rows, t.dropped,
                        t.rows == 0 ? 0 : t.firstTs, t.rows == 0 ? 0 : t.lastTs(), t.gaps));
            }
            return out;
        }

        /** After {@link #readAll}: installs the raw pack, commits the datasets, closes; on failure discards the batch. */
        List<ImportReport.DatasetResult> commitAndClose() {
            boolean ok = false;
            try {
                installPack();
                List<ImportReport.DatasetResult> out = commit();
                ok = true;
                return out;
            } finally {
                close(ok);
            }
        }

        /** Stops the workers and closes the writers; unless {@code ok}, deletes the raw files this batch created. */
        void close(boolean ok) {
            try {
                if (pipe != null) pipe.close();
                if (pack[0] != null) pack[0].close();
                for (Target t : targets.values()) t.writer.close();
                if (scratchDir != null) deleteTree(scratchDir);
            } finally {
                if (!ok) for (Path p : createdRaw) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) { /* best effort */ }
                }
            }
        }
    }

    private static long[] rowsNow(Map<Dataset, Target> targets) {
        long[] n = new long[Dataset.values().length];
        for (Map.Entry<Dataset, Target> e : targets.entrySet()) n[e.getKey().ordinal()] = e.getValue().rows;
        return n;
    }

    private static Pipeline.Stream submit(Pipeline pipe, Catalog archive, SourceFile f, Resolved r, ImportOptions o, ImportListener listener,
                                          Set<String> known, Map<String, String> archived) {
        boolean store = f.sha256() != null && !archived.containsKey(f.sha256()) && !RawArchive.has(archive, f);
        return pipe.submit(archive, f, r, o, listener, store, known);
    }

    /**
     * Appends one file's blocks in order; installs its raw archive copy once its SHA-256 is confirmed. Returns the
     * file with its SHA-256, or null if it was skipped (already imported, or the same content as a file before it).
     */
    private static SourceFile consume(Pipeline.Stream s, SourceFile f, CsvRows.Targets targets, Pipeline pipe, Catalog catalog,
                                      Dataset only, List<Path> createdRaw, Set<String> seen, RawArchive.Pack[] pack) {
        boolean discard = false;
        while (true) {
            Object o;
            try {
                o = s.queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
            if (o instanceof Pipeline.Hashed h) { // an unhashed file: its content is known before its rows
                f = f.withContent(h.sha256(), h.bytes());
                discard = h.known() || !seen.add(h.sha256());
            } else if (o instanceof Block b) {
                if (!discard) {
                    for (RowBlock rb : b.byDataset) {
                        if (rb == null || rb.size == 0) continue;
                        if (only != null && rb.dataset != only) continue;
                        targets.get(rb.dataset).append(rb, b.tsField);
                    }
                }
                pipe.recycle(b);
            } else if (o instanceof Pipeline.End end) {
                if (discard) {
                    pipe.recycleFile(end.raw());
                    if (end.archiveTemp() != null) {
                        try {
                            Files.deleteIfExists(end.archiveTemp());
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot delete " + end.archiveTemp() + ": " + e.getMessage(), e);
                        } finally {
                            pipe.released(end.archiveTemp());
                        }
                    }
                    return null;
                }
                if (!end.sha256().equals(f.sha256())) {
                    throw new InputException(f.path() + ": the file changed while being imported (SHA-256 " + end.sha256()
                            + ", was " + f.sha256() + ")");
                }
                if (end.raw() != null) {
                    try {
                        if (pack[0] == null) pack[0] = new RawArchive.Pack(catalog);
                        pack[0].add(f.sha256(), end.raw(), end.rawLength()); // copies the bytes
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot archive " + f.path() + ": " + e.getMessage(), e);
                    } finally {
                        pipe.recycleFile(end.raw());
                    }
                }
                if (end.archiveTemp() != null) {
                    try {
                        if (RawArchive.install(catalog, f, end.archiveTemp()))
                            createdRaw.add(catalog.root().resolve(RawArchive.relative(f.sha256())));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot archive " + f.path() + ": " + e.getMessage(), e);
                    } finally {
                        pipe.released(end.archiveTemp());
                    }
                }
                return f;
            } else if (o instanceof Pipeline.Failure fail) {
                Throwable t = fail.error();
                if (t instanceof RuntimeException re) throw re;
                if (t instanceof Error er) throw er;
                throw new UncheckedIOException(new IOException(f.path() + ": " + t.getMessage(), t));
            }
        }
    }

    /** Reads one capture source straight into the targets (captures are parsed on the writing thread). */
    static void readSource(SourceFile f, Resolved r, ImportOptions o, CsvRows.Targets targets, ImportListener listener) {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Inputs.forEachMember(f.path(), f.name(), f.path().toString(), o.maxEntryBytes(), listener::advanced, md::update,
                (display, in) -> CaptureReader.read(in, display, r.symbol(), targets));
        String sha = java.util.HexFormat.of().formatHex(md.digest());
        if (!sha.equals(f.sha256()))
            throw new InputException(f.path() + ": content differs from its recorded SHA-256 (" + f.sha256() + "; read " + sha + ")");
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
