package vq.columnar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The catalog's JSON codec: deterministic output (sorted maps, fixed property order, indented). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    public static Manifest readManifest(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new CatalogException(file + ": unreadable manifest: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            byte[] b = MAPPER.writeValueAsBytes(value);
            byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
            out[b.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code value} as JSON to {@code file} atomically (temp file + fsync + rename). */
    public static void writeAtomic(Path file, Object value) {
        AtomicFiles.write(file, bytes(value));
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
