package vq.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vq.columnar.Catalog;
import vq.columnar.InputException;
import vq.data.ImportOptions;
import vq.data.ImportReport;
import vq.data.Importer;

/**
 * {@code vq bench import [PATH...]}: end-to-end import throughput (hash, unzip, parse, check, write segments,
 * archive) into a fresh temporary catalog, repeated; reports wall-clock rows/s and rows per CPU-second of the
 * process (the latter stays meaningful when other processes compete for the cores).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import throughput on real files (default: the 1m spot klines of ../shared/data, 3 symbols x 2 years).",
                "Each run imports into a fresh temporary catalog; prints rows/s (wall) and rows per CPU-second."})
public final class BenchImportCommand implements Callable<Integer> {
    static final String KLINES = "timealiver_BinanceDataGetter/spot_klines_1m";

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or directories to import (default: ${DEFAULT-VALUE}).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--runs", description = "Measured runs after one warm-up run (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int runs;

    @Option(names = "--tmp", paramLabel = "DIR",
            description = "Where the fresh catalogs go (default: the system temp directory). A tmpfs such as /dev/shm takes the file system's own costs out of the measurement.")
    Path tmp;

    @Override public Integer call() throws IOException {
        if (paths.isEmpty()) paths = List.of(defaultData());
        var os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean sun = os instanceof com.sun.management.OperatingSystemMXBean s ? s : null;
        System.out.printf("machine: %d cores, %s %s, Java %s, load average %.1f%n", os.getAvailableProcessors(), os.getName(), os.getArch(),
                Runtime.version(), os.getSystemLoadAverage());
        System.out.println("input:   " + paths);
        System.out.println("catalogs in: " + (tmp == null ? System.getProperty("java.io.tmpdir") : tmp));
        double best = 0, bestCpu = 0;
        List<Double> walls = new ArrayList<>();
        // Catalogs are deleted only after the last run: ext4 without a journal (as here) skips recently deleted inodes
        // when it allocates new ones, so deleting run k's ~2,300 files slowed every file creation of run k+1.
        List<Path> dirs = new ArrayList<>();
        try {
            for (int run = 0; run <= runs; run++) {
                Path dir = tmp == null ? Files.createTempDirectory("vq-bench-import") : Files.createTempDirectory(tmp, "vq-bench-import");
                dirs.add(dir);
                long cpu0 = sun == null ? 0 : sun.getProcessCpuTime();
                long[] us0 = userSysTicks();
                ImportReport r = Importer.importPaths(Catalog.open(dir), paths, ImportOptions.defaults());
                long cpu = sun == null ? 0 : sun.getProcessCpuTime() - cpu0;
                long[] us1 = userSysTicks();
                double wall = r.rowsPerSecond();
                double perCpu = cpu > 0 ? r.rows() * 1e9 / cpu : 0;
                String split = us0 == null || us1 == null ? "" : String.format(" (CPU %.2f s user + %.2f s kernel)",
                        (us1[0] - us0[0]) / TICKS_PER_SECOND, (us1[1] - us0[1]) / TICKS_PER_SECOND);
                System.out.printf("%s %d: %,d rows from %d files (%.1f MB) in %.3f s: %,.0f rows/s wall, %,.0f rows per CPU-second%s%n",
                        run == 0 ? "warm-up" : "run", run, r.rows(), r.files(), r.bytes() / 1e6, r.nanos() / 1e9, wall, perCpu, split);
                if (run > 0) {
                    walls.add(wall);
                    best = Math.max(best, wall);
                    bestCpu = Math.max(bestCpu, perCpu);
                }
            }
        } finally {
            for (Path dir : dirs) deleteTree(dir);
        }
        System.out.printf("best: %,.0f rows/s wall, %,.0f rows per CPU-second (load average now %.1f)%n", best, bestCpu, os.getSystemLoadAverage());
        System.out.printf("median: %,.0f rows/s wall over the %d measured runs", median(walls), walls.size());
        if (walls.size() >= 4) System.out.printf("; %,.0f over runs 3..%d (C2 has compiled the hot loops by then)", median(walls.subList(2, walls.size())), walls.size());
        System.out.println();
        return 0;
    }

    /** The median (mean of the middle two for an even count); NaN if empty. */
    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** Linux's USER_HZ (the unit of utime/stime in /proc/self/stat); 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** This process's user and kernel CPU time in clock ticks (/proc/self/stat fields 14 and 15), or null if unreadable. */
    static long[] userSysTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** ../shared/data next to the repository holding this jar, or $VQ_SHARED_DATA. */
    static Path defaultData() {
        String env = System.getenv("VQ_SHARED_DATA");
        List<Path> tries = new ArrayList<>();
        if (env != null) tries.add(Path.of(env).resolve(KLINES));
        try {
            Path jar = Path.of(BenchImportCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) tries.add(p.resolveSibling("shared").resolve("data").resolve(KLINES));
        } catch (Exception ignored) { /* no code source */ }
        tries.add(Path.of("..", "shared", "data", KLINES));
        for (Path p : tries) if (Files.isDirectory(p)) return p.toAbsolutePath().normalize();
        throw new InputException("no input given and the real klines were not found (looked for ../shared/data/" + KLINES
                + " and $VQ_SHARED_DATA); pass PATH");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
