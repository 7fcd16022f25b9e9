package dev.recsys.ingest.replay;

import dev.recsys.ingest.io.BadInputException;
import dev.recsys.ingest.io.BadRecord;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.ErrorTally;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything a replay sends, read and checked before anything goes out. */
record ReplayInput(MovieLensReader reader, List<Movie> movies, List<User> users, RatingLog ratings, ErrorTally errors) {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayInput.class);
    // a file with a million bad lines must not write a million log lines: the summary has the counts
    private static final int LOGGED_BAD_LINES = 10;

    static ReplayInput read(Path dir, OnError onError) {
        MovieLensReader reader;
        try {
            reader = MovieLensReader.open(dir);
        } catch (IllegalArgumentException e) {
            throw new ReplayException(e.getMessage(), e);
        }
        ErrorTally errors = new ErrorTally(5, onError == OnError.FAIL ? ErrorSink.failFast() : logFirst());
        try {
            List<Movie> movies = reader.movies(errors);
            List<User> users = reader.users(errors);
            RatingLog ratings = new RatingLog(reader.ratingsSource());
            reader.ratings(ratings::add, errors);
            ratings.sortByTime();
            return new ReplayInput(reader, movies, users, ratings, errors);
        } catch (BadInputException e) {
            throw new ReplayException("Bad input (--on-error fail): " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ReplayException(e.getMessage(), e);
        }
    }

    private static ErrorSink logFirst() {
        AtomicInteger logged = new AtomicInteger();
        return bad -> {
            int n = logged.incrementAndGet();
            if (n <= LOGGED_BAD_LINES) {
                LOG.warn("Skipping bad line {}", bad.describe());
            } else if (n == LOGGED_BAD_LINES + 1) {
                LOG.warn("More bad lines: counted in the summary, not logged one by one");
            }
        };
    }

    /** Writes the demo-sized synthetic set into a new temp directory, for a replay given no data. */
    static Path synthesize() {
        try {
            Path dir = Files.createTempDirectory("recsys-synthetic-");
            LOG.info("No data directory given: generating a synthetic MovieLens-format set ({} users, {} movies, {}"
                            + " ratings, seed {}) in {}", SyntheticMovieLens.DEFAULT_USERS,
                    SyntheticMovieLens.DEFAULT_MOVIES, SyntheticMovieLens.DEFAULT_RATINGS,
                    SyntheticMovieLens.DEFAULT_SEED, dir);
            SyntheticMovieLens.write(dir, SyntheticMovieLens.DEFAULT_USERS, SyntheticMovieLens.DEFAULT_MOVIES,
                    SyntheticMovieLens.DEFAULT_RATINGS, SyntheticMovieLens.DEFAULT_SEED);
            return dir;
        } catch (IOException e) {
            throw new ReplayException("Could not write a synthetic data set to a temp directory: " + e.getMessage(), e);
        }
    }

    java.util.Map<BadRecord.Reason, Long> skipped() {
        return errors.counts();
    }
}
