package vq.columnar;

/** A damaged or inconsistent catalog (bad segment file, manifest mismatch). The CLI maps it to exit code 1. */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) { super(message); }

    public CatalogException(String message, Throwable cause) { super(message, cause); }
}
