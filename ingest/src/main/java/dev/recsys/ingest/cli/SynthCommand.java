package dev.recsys.ingest.cli;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ingest synth}: writes a seeded synthetic data set in the ml-100k format. */
@Command(name = "synth", description = "Write a seeded synthetic data set in the ml-100k format.")
public final class SynthCommand implements Callable<Integer> {

    @Mixin
    private HelpOption help;

    @Option(names = "--out", paramLabel = "DIR", required = true, defaultValue = "${env:INGEST_SYNTH_OUT}",
            description = "The directory to write.")
    private Path out;

    @Option(names = "--users", paramLabel = "U", defaultValue = "${env:INGEST_SYNTH_USERS:-"
            + SyntheticMovieLens.DEFAULT_USERS + "}", description = "Users (default: ${DEFAULT-VALUE}).")
    private int users;

    @Option(names = "--movies", paramLabel = "M", defaultValue = "${env:INGEST_SYNTH_MOVIES:-"
            + SyntheticMovieLens.DEFAULT_MOVIES + "}", description = "Movies (default: ${DEFAULT-VALUE}).")
    private int movies;

    @Option(names = "--ratings", paramLabel = "R", defaultValue = "${env:INGEST_SYNTH_RATINGS:-"
            + SyntheticMovieLens.DEFAULT_RATINGS + "}",
            description = "Ratings, at least 20 per user (default: ${DEFAULT-VALUE}).")
    private int ratings;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "${env:INGEST_SYNTH_SEED:-"
            + SyntheticMovieLens.DEFAULT_SEED + "}",
            description = "The random seed: the same seed writes the same bytes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        try {
            SyntheticMovieLens.write(out, users, movies, ratings, seed);
        } catch (IllegalArgumentException e) {
            // the generator's own check of the sizes (such as 20 ratings per user) is a usage error
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            spec.commandLine().getErr().println("ingest: could not write " + out + ": " + e.getMessage());
            return 1;
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "Wrote a synthetic ml-100k-format set to %s: %d users, %d movies, %d ratings,"
                + " seed %d (%.1f s)%n", out, users, movies, ratings, seed, (System.nanoTime() - start) / 1e9);
        printer.flush();
        return 0;
    }
}
