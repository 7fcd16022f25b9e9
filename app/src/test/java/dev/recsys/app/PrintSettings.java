package dev.recsys.app;

import dev.recsys.common.cli.Cli;
import dev.recsys.ingest.cli.ReplayCommand;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.trainer.TrainerConfig;
import java.util.Arrays;
import picocli.CommandLine.ParameterException;

/**
 * Run by {@link EnvironmentTest} in a process of its own, with an environment of the test's choosing: prints the
 * settings a service would start with (as it logs them) for {@code streams|trainer|replay [flags]}, a line each for
 * several commands separated by commas (one process instead of three: each takes a second or two to start).
 */
public final class PrintSettings {

    private PrintSettings() {
    }

    public static void main(String[] args) {
        String[] flags = Arrays.copyOfRange(args, 1, args.length);
        try {
            for (String command : args[0].split(",")) {
                Object settings = switch (command) {
                    case "streams" -> StreamsSettings.parse(flags).describe();
                    case "trainer" -> TrainerConfig.parse(flags).describe();
                    case "replay" -> Cli.parse(new ReplayCommand(), flags).config().describe();
                    default -> throw new IllegalArgumentException(command);
                };
                System.out.println(command + ": " + settings);
            }
        } catch (ParameterException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
