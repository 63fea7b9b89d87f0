package vq.cli;

import picocli.CommandLine;

/** Entry point of the {@code vq} command. Exit codes: 0 ok, 1 runtime failure, 2 bad usage or input. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI in-process and returns its exit code (used by tests). */
    public static int run(String... args) {
        return VqCommand.commandLine().execute(args);
    }
}
