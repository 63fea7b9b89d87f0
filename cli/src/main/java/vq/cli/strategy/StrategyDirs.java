package vq.cli.strategy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vq.cli.Workspace;

/**
 * Where DSL strategies and strategy jars are looked up: the workspace's {@code strategies/} and
 * {@code configs/strategies/}, then the shipped {@code configs/strategies/} of the vq installation (found
 * from {@code -Dvq.root}, else by walking up from the vq jar).
 */
final class StrategyDirs {
    private StrategyDirs() {}

    /** Workspace directory holding strategy jars (and DSL files). */
    static Path jars(Workspace ws) { return ws.root().resolve("strategies"); }

    /** DSL directories, most specific first, without duplicates. */
    static List<Path> dsl(Workspace ws) {
        List<Path> out = new ArrayList<>();
        add(out, ws.root().resolve("strategies"));
        add(out, ws.root().resolve("configs/strategies"));
        Path shipped = shipped();
        if (shipped != null) add(out, shipped);
        return out;
    }

    private static void add(List<Path> out, Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!out.contains(n)) out.add(n);
    }

    /** The installation's configs/strategies, or null when it cannot be found. */
    static Path shipped() {
        String root = System.getProperty("vq.root");
        if (root != null) return Path.of(root, "configs", "strategies");
        try {
            Path p = Path.of(StrategyDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (; p != null; p = p.getParent())
                if (Files.isDirectory(p.resolve("configs/strategies"))) return p.resolve("configs/strategies");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
        return null;
    }
}
