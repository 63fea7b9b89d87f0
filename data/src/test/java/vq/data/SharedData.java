package vq.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The real data set in ../shared/data (system property {@code vq.shared.data}); missing data fails in CI. */
final class SharedData {
    private SharedData() {}

    static Path dir() {
        String p = System.getProperty("vq.shared.data");
        Path d = p == null ? null : Path.of(p);
        if (d == null || !Files.isDirectory(d)) {
            String msg = "real data folder missing (vq.shared.data=" + p + ")";
            if ("true".equals(System.getenv("CI"))) Assertions.fail(msg);
            Assumptions.abort(msg);
        }
        return d;
    }

    static Path path(String rel) {
        Path f = dir().resolve(rel);
        if (!Files.exists(f)) Assertions.fail("missing in the real data set: " + f);
        return f;
    }
}
