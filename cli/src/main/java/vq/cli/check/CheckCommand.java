package vq.cli.check;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vq check ...}: correctness checks of strategies. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Correctness checks of strategies.",
        subcommands = {LookaheadCommand.class})
public final class CheckCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
