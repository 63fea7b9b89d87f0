package vq.cli;

import picocli.CommandLine;

/**
 * Maps exceptions to DESIGN.md §1 exit codes: {@link vq.columnar.InputException} and
 * {@link IllegalArgumentException} are bad input (2), anything else a runtime failure (1).
 * Messages go to stderr without a stack trace unless {@code VQ_DEBUG} is set.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        boolean input = ex instanceof vq.columnar.InputException || ex instanceof IllegalArgumentException || ex instanceof java.io.FileNotFoundException
                || ex instanceof java.nio.file.NoSuchFileException;
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cl.getErr().println("vq: error: " + msg);
        if (System.getenv("VQ_DEBUG") != null) ex.printStackTrace(cl.getErr());
        return input ? 2 : 1;
    }
}
