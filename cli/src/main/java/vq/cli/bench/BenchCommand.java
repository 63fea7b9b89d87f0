package vq.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vq bench ...}: end-to-end throughput runs (JMH micro-benchmarks live in bench/). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end throughput runs with fixed inputs; prints the machine, settings, a result digest and rates.",
        subcommands = {BenchImportCommand.class, ResultsBench.class, ScreenBench.class, AgreementBench.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }
}
