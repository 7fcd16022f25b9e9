package dev.recsys.ingest.cli;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.replay.ReplayProgress;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code ingest synth}: writes a seeded synthetic data set in the ml-100k or the ml-latest format. */
@Command(name = "synth", description = "Write a seeded synthetic data set in the ml-100k or the ml-latest format.")
public final class SynthCommand implements Callable<Integer> {
    // the progress listener's promise: a few reports a second at most
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

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

    @Option(names = "--format", paramLabel = "ml-100k|ml-latest", converter = FormatConverter.class,
            defaultValue = "${env:INGEST_SYNTH_FORMAT:-ml-100k}",
            description = "ml-100k (u.data sorted by time, generated in memory) or ml-latest (ratings.csv sorted by"
                    + " user then time, and movies.csv, streamed: for sets of ml-25m's size) (default:"
                    + " ${DEFAULT-VALUE}).")
    private SyntheticMovieLens.Format format;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "${env:INGEST_SYNTH_SEED:-"
            + SyntheticMovieLens.DEFAULT_SEED + "}",
            description = "The random seed: the same seed writes the same bytes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        ConsoleProgress console = ConsoleProgress.forThisProcess("Synth");
        long[] nextReport = {start + PROGRESS_EVERY_NANOS};
        LongConsumer progress = written -> {
            long now = System.nanoTime();
            if (now >= nextReport[0]) {
                nextReport[0] = now + PROGRESS_EVERY_NANOS;
                console.onProgress(new ReplayProgress(ReplayProgress.Phase.RATINGS, written, ratings,
                        Duration.ofNanos(now - start)));
            }
        };
        try {
            SyntheticMovieLens.write(out, format, users, movies, ratings, seed, progress);
            if (format == SyntheticMovieLens.Format.ML_LATEST) {
                console.onProgress(new ReplayProgress(ReplayProgress.Phase.DONE, ratings, ratings,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        } catch (IllegalArgumentException e) {
            // the generator's own check of the sizes (such as 20 ratings per user) is a usage error
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (IOException e) {
            spec.commandLine().getErr().println("ingest: could not write " + out + ": " + e.getMessage());
            return 1;
        }
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf(Locale.ROOT, "Wrote a synthetic %s-format set to %s: %d users, %d movies, %d ratings,"
                + " seed %d (%.1f s)%n", format.label(), out, users, movies, ratings, seed,
                (System.nanoTime() - start) / 1e9);
        printer.flush();
        return 0;
    }

    static final class FormatConverter implements ITypeConverter<SyntheticMovieLens.Format> {
        @Override
        public SyntheticMovieLens.Format convert(String value) {
            try {
                return SyntheticMovieLens.Format.ofLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
