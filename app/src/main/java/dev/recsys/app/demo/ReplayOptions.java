package dev.recsys.app.demo;

import dev.recsys.common.cli.Validated;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ReplayConfig;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/**
 * What the demo and the online benchmark replay through the stack they start: which data, how many ratings, how
 * fast. Each command gives its own defaults (the fields' initial values are picocli's defaults).
 */
public final class ReplayOptions implements Validated {

    @Option(names = "--data", paramLabel = "DIR", description = "A MovieLens directory: ml-100k, ml-1m, ml-latest "
            + "(default: the seeded synthetic MovieLens 100k).")
    private Path data;

    @Option(names = "--ratings", paramLabel = "N",
            description = "Ratings to replay, in time order; 0: all (default: ${DEFAULT-VALUE}).")
    private long ratings;

    @Option(names = "--rate", paramLabel = "R", description = "Ratings per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    public ReplayOptions(long ratings, double rate) {
        this.ratings = ratings;
        this.rate = rate;
    }

    @Override
    public void validate() {
        require(ratings >= 0, "--ratings must not be negative, got " + ratings);
        require(rate > 0 && Double.isFinite(rate), "--rate must be a positive number, got " + rate);
    }

    /** The replay of {@code dir} (the given data or a generated set) into the stack, paced and limited as asked. */
    public ReplayConfig config(Path dir, LocalStack stack) {
        return ReplayConfig.defaults()
                .withDataDir(dir)
                .withKafka(stack.bootstrapServers(), stack.schemaRegistryUrl())
                .withPacing(Pacing.rate(rate))
                .withRange(0, ratings == 0 ? Long.MAX_VALUE : ratings);
    }

    /** How many ratings, for a heading: "all" or "20,000". */
    public String ratingsText() {
        return ratings == 0 ? "all" : String.format(Locale.ROOT, "%,d", ratings);
    }

    /** A MovieLens directory; null: the seeded synthetic MovieLens 100k. */
    public Path data() {
        return data;
    }

    /** How many ratings to replay (in time order); 0: all. */
    public long ratings() {
        return ratings;
    }

    /** Ratings per second. */
    public double rate() {
        return rate;
    }
}
