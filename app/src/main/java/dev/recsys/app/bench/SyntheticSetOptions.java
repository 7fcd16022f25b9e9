package dev.recsys.app.bench;

import dev.recsys.ingest.synth.SyntheticMovieLens;
import picocli.CommandLine.Option;

/**
 * The size and seed of the synthetic set a benchmark generates; each benchmark gives its own defaults (the fields'
 * initial values are picocli's defaults).
 */
final class SyntheticSetOptions {

    @Option(names = "--users", paramLabel = "N",
            description = "Users of the synthetic set (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--movies", paramLabel = "N", description = "Movies (default: ${DEFAULT-VALUE}).")
    int movies;

    @Option(names = "--ratings", paramLabel = "N", description = "Ratings (default: ${DEFAULT-VALUE}).")
    int ratings;

    @Option(names = "--seed", paramLabel = "N",
            description = "The generator's and the training's seed (default: ${DEFAULT-VALUE}).")
    long seed = SyntheticMovieLens.DEFAULT_SEED;

    /** The sizes of ml-100k. */
    SyntheticSetOptions() {
        this(SyntheticMovieLens.DEFAULT_USERS, SyntheticMovieLens.DEFAULT_MOVIES, SyntheticMovieLens.DEFAULT_RATINGS);
    }

    SyntheticSetOptions(int users, int movies, int ratings) {
        this.users = users;
        this.movies = movies;
        this.ratings = ratings;
    }
}
