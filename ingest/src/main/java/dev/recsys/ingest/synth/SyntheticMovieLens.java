package dev.recsys.ingest.synth;

import dev.recsys.ingest.io.MovieLensReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Writes a seeded synthetic data set in ml-100k format (u.data, u.item, u.user, u.genre, u.info), so that tests,
 * the demo and CI run without MovieLens, which may not be redistributed; or in ml-latest / ml-25m format
 * (ratings.csv, movies.csv), streamed user by user, so that sets of ml-25m's size (162,541 users, 62,423 movies,
 * 25 million ratings) are written in memory that grows with users and movies only (see {@link Format}).
 *
 * <p>Ratings come from a hidden taste model: global mean + user bias + movie bias (a little higher for popular
 * movies) + an 8-factor user-movie interaction + the user's affinity to the movie's genres + Gaussian noise,
 * rounded and clipped to 1..5 stars. Movie popularity is Zipf-like, every user rates at least 20 movies and no
 * movie twice, user activity has a long tail, and u.data is in timestamp order (ties allowed). What a user rates
 * follows both popularity and taste (popular candidates, those the user would rate higher more likely kept), as on
 * MovieLens: a ranking model can beat a most-popular chart (hybrid P@10 0.215 against 0.117 for most popular and
 * 0.141 for item-kNN on a random 80/20 split at the default sizes), as it does on ml-100k. A user rates their
 * movies in a browsing order, each next to the one before (see {@code Generator.browse}), so that consecutive
 * ratings are more alike than two at random by about as much as in ml-100k, which a live recommender can use.
 *
 * <p>At the demo size (943 users, 1682 movies, 100,000 ratings) the figures resemble ml-100k's: mean about 3.5,
 * standard deviation about 1.05. <b>Learnability margin</b>: on a seeded random 80/20 split, a user + movie bias
 * baseline fitted on the 80% beats the global mean's MSE on the 20% by at least {@value #BIAS_BASELINE_MARGIN}
 * (as a fraction of the global mean's MSE; measured 22% for seed 42, global MSE about 1.09, bias baseline about
 * 0.85). The noiseless taste itself beats the bias baseline by more than 15% (the test checks it), so a personalised
 * model such as the hybrid DL4J model has real signal to learn beyond biases, and the noise keeps it from
 * anything near zero error. The trainer tests its model against the same margin.
 *
 * <p>The same arguments give the same bytes on any JVM: see {@link Draws}.
 */
public final class SyntheticMovieLens {
    /** The demo's sizes, those of ml-100k. */
    public static final int DEFAULT_USERS = 943;
    public static final int DEFAULT_MOVIES = 1682;
    public static final int DEFAULT_RATINGS = 100_000;
    public static final long DEFAULT_SEED = 42L;

    /**
     * The relative MSE improvement over the global mean that a bias baseline fitted on 80% reaches on the other
     * 20%, at least, at the default sizes and any seed: a floor with a safety margin under what was measured.
     */
    public static final double BIAS_BASELINE_MARGIN = 0.20;

    /** The file layout to write. */
    public enum Format {
        /** u.data, u.item, u.user, u.genre, u.info: ratings sorted by time, generated in memory. */
        ML_100K("ml-100k"),
        /** ratings.csv (sorted by user, then time) and movies.csv: streamed, for sets of ml-25m's size. */
        ML_LATEST("ml-latest");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** {@code ml-100k} or {@code ml-latest}, as on the command line. */
        public String label() {
            return label;
        }

        /** @throws IllegalArgumentException naming the formats, for any other label */
        public static Format ofLabel(String label) {
            for (Format format : values()) {
                if (format.label.equalsIgnoreCase(label.trim())) {
                    return format;
                }
            }
            throw new IllegalArgumentException("unknown format '" + label + "': expected ml-100k or ml-latest");
        }
    }

    private SyntheticMovieLens() {
    }

    /** Writes the data set in ml-100k's layout into {@code dir} (created if absent), replacing files of those names. */
    public static void write(Path dir, int users, int movies, int ratings, long seed) throws IOException {
        write(dir, Format.ML_100K, users, movies, ratings, seed, written -> {
        });
    }

    /**
     * Writes the data set in {@code format}'s layout into {@code dir} (created if absent), replacing files of the
     * same names. The ratings of a seed are the same in both layouts, only their order differs. {@code progress}
     * hears the number of ratings written so far, after each user, when the format streams them (ml-latest).
     */
    public static void write(Path dir, Format format, int users, int movies, int ratings, long seed,
                             LongConsumer progress) throws IOException {
        Generator generator = new Generator(users, movies, ratings, seed);
        Files.createDirectories(dir);
        if (format == Format.ML_100K) {
            Ml100kFiles.write(dir, generator.generate());
        } else {
            MlLatestFiles.write(dir, generator, progress);
        }
        // written by hand, not with Properties.store, whose date comment would change the bytes on every run
        try (Writer out = writer(dir.resolve(MovieLensReader.SYNTHETIC_MARKER), StandardCharsets.ISO_8859_1)) {
            out.write("# a synthetic MovieLens-format data set, not MovieLens\ngenerator=2\nformat=" + format.label()
                    + "\nusers=" + users + "\nmovies=" + movies + "\nratings=" + ratings + "\nseed=" + seed + "\n");
        }
    }

    /** Generates in memory only: for tests that compare what a model learns with the hidden taste. */
    static SyntheticRatings generate(int users, int movies, int ratings, long seed) {
        return new Generator(users, movies, ratings, seed).generate();
    }

    static BufferedWriter writer(Path file, Charset charset) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, charset), 1 << 16);
    }
}
