package vq.columnar;

import java.nio.file.Path;

/**
 * Bad user input (a malformed file, an unknown option value, a row that fails a check). The message
 * names the file, line and field where they are known. The CLI maps it to exit code 2.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) { super(message); }

    public InputException(String message, Throwable cause) { super(message, cause); }

    /** {@code file:line: field 'name': problem} — the standard shape of a located input error. */
    public static InputException at(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (field != null) sb.append("field '").append(field).append("': ");
        return new InputException(sb.append(problem).toString());
    }
}
