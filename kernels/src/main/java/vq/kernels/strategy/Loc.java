package vq.kernels.strategy;

/**
 * A position in a strategy file: {@code file:line:column}, 1-based, from Jackson's {@code JsonLocation}.
 * {@code file} is the name as given (usually the file name without directories).
 */
public record Loc(String file, int line, int column) {
    public static final Loc NONE = new Loc("<unknown>", 0, 0);

    /** The same line, {@code n} columns to the right (for tokens inside a condition string). */
    public Loc plus(int n) { return new Loc(file, line, column + n); }

    @Override public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
