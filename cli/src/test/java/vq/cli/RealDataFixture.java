package vq.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vq.columnar.Catalog;
import vq.data.ImportOptions;
import vq.data.Importer;

/** Shared setup of CLI tests: real Binance 1m klines from ../shared/data imported into a workspace, and vq run in-process. */
public final class RealDataFixture {
    private RealDataFixture() {}

    /** The daily spot 1m kline folder of ../shared/data, or null outside CI when absent (in CI its absence fails). */
    public static Path klinesDir() {
        String root = System.getProperty("vq.shared.data");
        Path dir = root == null ? null : Path.of(root, "timealiver_BinanceDataGetter", "spot_klines_1m");
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("shared data missing in CI: " + dir);
        return present ? dir : null;
    }

    /**
     * Imports {@code days} daily kline ZIPs from {@code first} for each symbol into {@code ws/catalog}.
     * Returns false (nothing imported) when the data folder is absent outside CI.
     */
    public static boolean importDays(Path ws, List<String> symbols, LocalDate first, int days) {
        Path dir = klinesDir();
        if (dir == null) return false;
        List<Path> files = new ArrayList<>();
        for (String s : symbols)
            for (int d = 0; d < days; d++) files.add(dir.resolve(s).resolve(s + "-1m-" + first.plusDays(d) + ".zip"));
        Importer.importPaths(Catalog.open(ws.resolve("catalog")), files, ImportOptions.defaults());
        return true;
    }

    /** Runs {@code vq --workspace ws args…} in-process; stdout goes to {@code out}, stderr is dropped. Returns the exit code. */
    public static int vq(Path ws, ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out, oldErr = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--workspace";
            all[1] = ws.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return VqCommand.commandLine().execute(all);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
    }
}
