package vq.data;

/**
 * Progress of an import (the CLI drives a progress bar with it). {@link #advanced} is called from parsing worker threads:
 * implementations must be thread-safe.
 */
public interface ImportListener {
    /** The import will read {@code files} files of {@code bytes} bytes in total (after skipping known files). */
    default void planned(int files, long bytes) {}

    /** {@code bytes} more raw bytes were read. */
    default void advanced(long bytes) {}

    /** A file was skipped because a file with the same SHA-256 is already in the catalog (or earlier in this import). */
    default void skipped(String name) {}

    ImportListener NONE = new ImportListener() {};
}
