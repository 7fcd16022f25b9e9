package dev.recsys.ingest;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.cli.ReplayCommand;
import dev.recsys.ingest.cli.SynthCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ingest replay ...} and {@code ingest synth ...}. Every flag of the replay can also come from its environment
 * variable (containers set variables only); a flag wins over its variable.
 */
@Command(name = "ingest", subcommands = {ReplayCommand.class, SynthCommand.class},
        description = "Replay MovieLens-format data as rating events; write a synthetic data set.")
public final class IngestMain implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // The work runs on this thread and ends in an exit code. An exception escaping any other thread is a bug:
        // log it and exit non-zero (the shutdown hook still lets the producer deliver what it holds).
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("Uncaught exception in thread {}: the ingest cannot trust its state, exiting", thread.getName(), e);
            System.exit(1);
        });
        System.exit(Cli.run(new IngestMain(), args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: replay or synth");
    }
}
