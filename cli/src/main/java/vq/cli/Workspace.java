package vq.cli;

import java.nio.file.Path;

/**
 * A vq workspace (DESIGN.md §1): {@code catalog/} (market data), {@code vq.duckdb} (results) and
 * {@code reports/} (artifacts) under one root directory.
 */
public record Workspace(Path root) {
    /** Resolves {@code --workspace}, else {@code $VQ_HOME}, else the current directory. */
    public static Workspace resolve(Path option) {
        Path p = option;
        if (p == null) {
            String home = System.getenv("VQ_HOME");
            p = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        }
        return new Workspace(p.toAbsolutePath().normalize());
    }

    public Path catalog() { return root.resolve("catalog"); }
    public Path database() { return root.resolve("vq.duckdb"); }
    public Path reports() { return root.resolve("reports"); }
}
