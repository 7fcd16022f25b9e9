package dev.recsys.app;

import dev.recsys.common.cli.Cli;
import dev.recsys.ingest.cli.ReplayCommand;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.trainer.TrainerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ParameterException;

/**
 * Run by {@link EnvironmentTest} in a process of its own, with an environment of the test's choosing: prints the
 * settings a service would start with (as it logs them), a line for each of {@code streams|trainer|replay [flags]},
 * several command lines separated by {@code ";"} (one process rather than three: each takes a second or two to start).
 */
public final class PrintSettings {

    private PrintSettings() {
    }

    public static void main(String[] args) {
        List<String> commandLine = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals(";")) {
                print(commandLine);
                commandLine.clear();
            } else {
                commandLine.add(arg);
            }
        }
        print(commandLine);
    }

    private static void print(List<String> commandLine) {
        String command = commandLine.get(0);
        String[] flags = commandLine.subList(1, commandLine.size()).toArray(String[]::new);
        try {
            Object settings = switch (command) {
                case "streams" -> StreamsSettings.parse(flags).describe();
                case "trainer" -> TrainerConfig.parse(flags).describe();
                case "replay" -> Cli.parse(new ReplayCommand(), flags).config().describe();
                default -> throw new IllegalArgumentException(command);
            };
            System.out.println(command + ": " + settings);
        } catch (ParameterException e) {
            System.err.println(command + ": " + e.getMessage() + " " + Arrays.toString(flags));
            System.exit(2);
        }
    }
}
