package vq.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vq data ...}: import, fetch, check and inspect market data in the workspace catalog. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Import, fetch, verify, resample and inspect market data in the catalog.",
        subcommands = {ImportCommand.class, StatusCommand.class, VerifyCommand.class, RebuildCommand.class, SynthCommand.class,
                ResampleCommand.class, FetchCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }
}
