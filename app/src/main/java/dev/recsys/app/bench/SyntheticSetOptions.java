package dev.recsys.app.bench;

import dev.recsys.ingest.synth.SyntheticMovieLens;
import picocli.CommandLine.Option;

/** The size and seed of the synthetic set a benchmark generates. */
final class SyntheticSetOptions {

    @Option(names = "--users", paramLabel = "N", defaultValue = "" + SyntheticMovieLens.DEFAULT_USERS,
            description = "Users of the synthetic set (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--movies", paramLabel = "N", defaultValue = "" + SyntheticMovieLens.DEFAULT_MOVIES,
            description = "Movies (default: ${DEFAULT-VALUE}).")
    int movies;

    @Option(names = "--ratings", paramLabel = "N", defaultValue = "" + SyntheticMovieLens.DEFAULT_RATINGS,
            description = "Ratings (default: ${DEFAULT-VALUE}).")
    int ratings;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SyntheticMovieLens.DEFAULT_SEED,
            description = "The generator's and the training's seed (default: ${DEFAULT-VALUE}).")
    long seed;
}
