package vq.kernels.strategy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vq.columnar.InputException;

/** Loading DSL strategies: by path, or by name from {@code configs/strategies/} and a workspace's {@code strategies/}. */
public final class Strategies {
    private Strategies() {}

    /** Parses and validates a DSL file against the shipped indicator catalogue. */
    public static StrategySpec load(Path file) {
        return StrategyParser.parse(file, RegistryTypes.DEFAULT);
    }

    /** Compiles a DSL file (load + {@link CompiledStrategy#of}). */
    public static CompiledStrategy compile(Path file) {
        return CompiledStrategy.of(load(file));
    }

    /**
     * DSL files ({@code *.yaml}, {@code *.yml}) directly in each existing directory, sorted by file name per
     * directory.
     */
    public static List<Path> files(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (d == null || !Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
                }).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new InputException("cannot list " + d + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Resolves a strategy argument: an existing file path, else {@code <name>.yaml} in the given directories
     * (first match). {@link InputException} naming the nearest known name otherwise.
     */
    public static Path resolve(String arg, List<Path> dirs) {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p)) return p;
        List<Path> all = files(dirs);
        for (Path f : all) {
            String n = f.getFileName().toString();
            String base = n.substring(0, n.lastIndexOf('.'));
            if (base.equals(arg)) return f;
        }
        List<String> names = all.stream().map(f -> f.getFileName().toString().replaceFirst("\\.ya?ml$", "")).toList();
        String near = Names.nearest(arg, names);
        throw new InputException("no strategy file '" + arg + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                + " (looked in " + String.join(", ", dirs.stream().map(Path::toString).toList()) + ")");
    }
}
