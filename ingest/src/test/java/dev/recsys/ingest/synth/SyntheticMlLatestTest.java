package dev.recsys.ingest.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.ingest.io.ErrorTally;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ml-latest layout read back through the project's own MovieLens reader. More movies than 1,920, so that most
 * users draw their candidates from the alias table, the way sets of ml-25m's size are drawn.
 */
class SyntheticMlLatestTest {
    private static final int USERS = 1_000;
    private static final int MOVIES = 8_000;
    private static final int RATINGS = 60_000;
    private static final long SEED = 11;

    @TempDir
    static Path dir;

    private static MovieLensReader reader;
    private static final ErrorTally ERRORS = new ErrorTally();
    private static final List<RatingEvent> EVENTS = new ArrayList<>();
    private static List<Movie> movies;

    @BeforeAll
    static void writeAndReadBack() throws IOException {
        SyntheticMovieLens.write(dir, SyntheticMovieLens.Format.ML_LATEST, USERS, MOVIES, RATINGS, SEED, written -> {
        });
        reader = MovieLensReader.open(dir);
        movies = reader.movies(ERRORS);
        reader.ratings(EVENTS::add, ERRORS);
    }

    @Test
    void readsBackCleanAsMlLatestWithTheCountsAskedFor() {
        assertThat(ERRORS.total()).isZero();
        assertThat(reader.format()).isEqualTo("ml-latest");
        assertThat(reader.synthetic()).isTrue();
        assertThat(reader.users(ERRORS)).isEmpty();
        assertThat(movies).hasSize(MOVIES);
        assertThat(EVENTS).hasSize(RATINGS);
        assertThat(EVENTS.get(0).getSource()).isEqualTo("synthetic/ratings.csv");
        assertThat(EVENTS).allSatisfy(e -> {
            assertThat(e.getUserId()).isBetween(1, USERS);
            assertThat(e.getMovieId()).isBetween(1, MOVIES);
            assertThat(e.getRating()).isIn(1f, 2f, 3f, 4f, 5f);
        });
    }

    @Test
    void ratingsAreSortedByUserThenTimeAndEveryUserRatesTwentyDistinctMoviesOrMore() {
        int[] perUser = new int[USERS + 1];
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i < EVENTS.size(); i++) {
            RatingEvent e = EVENTS.get(i);
            if (i > 0) {
                RatingEvent before = EVENTS.get(i - 1);
                assertThat(e.getUserId()).isGreaterThanOrEqualTo(before.getUserId());
                if (e.getUserId() == before.getUserId()) {
                    assertThat(e.getEventTime()).isAfterOrEqualTo(before.getEventTime());
                }
            }
            assertThat(pairs.add((long) e.getUserId() << 32 | e.getMovieId())).as("user rates a movie once").isTrue();
            perUser[e.getUserId()]++;
        }
        assertThat(Arrays.stream(perUser, 1, USERS + 1).min().orElseThrow()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aFewMoviesHoldMuchOfTheRatingsAndMostHoldFew() {
        int[] perMovie = new int[MOVIES + 1];
        EVENTS.forEach(e -> perMovie[e.getMovieId()]++);
        int[] counts = Arrays.stream(perMovie, 1, MOVIES + 1).sorted().toArray();

        long topPercent = Arrays.stream(counts, MOVIES - MOVIES / 100, MOVIES).sum();
        // measured 0.38-0.41 over seeds 11-13; a uniform choice would give 0.01
        assertThat((double) topPercent / RATINGS).isGreaterThan(0.25);
        assertThat(counts[MOVIES / 2]).isLessThan(RATINGS / MOVIES / 2);
    }

    @Test
    void aFewUsersRateMuchMoreThanTheRest() {
        int[] perUser = new int[USERS + 1];
        EVENTS.forEach(e -> perUser[e.getUserId()]++);
        int[] counts = Arrays.stream(perUser, 1, USERS + 1).sorted().toArray();

        long topTenth = Arrays.stream(counts, USERS - USERS / 10, USERS).sum();
        // measured 0.23 over seeds 11-13; equal activity would give 0.1
        assertThat((double) topTenth / RATINGS).isGreaterThan(0.18);
        assertThat(counts[USERS - 1]).isGreaterThan(4 * counts[USERS / 2]);
    }

    @Test
    void titlesWithACommaAreQuotedAndReadBackWhole() throws IOException {
        assertThat(Files.readAllLines(dir.resolve("movies.csv")).get(10)).startsWith("10,\"Synthetic Movie 10, The (");
        assertThat(movies.get(9).getTitle()).matches("Synthetic Movie 10, The \\(\\d{4}\\)");
        assertThat(movies.get(10).getTitle()).matches("Synthetic Movie 11 \\(\\d{4}\\)");
        assertThat(movies).allSatisfy(m -> assertThat(m.getGenres()).isNotEmpty().doesNotContain(Genre.UNKNOWN));
    }

    @Test
    void bothLayoutsHoldTheSameRatingsForTheSameSeed(@TempDir Path other) throws IOException {
        Path latest = other.resolve("latest");
        Path classic = other.resolve("classic");
        SyntheticMovieLens.write(latest, SyntheticMovieLens.Format.ML_LATEST, 100, 3_000, 5_000, 4, written -> {
        });
        SyntheticMovieLens.write(classic, 100, 3_000, 5_000, 4);

        assertThat(ratings(classic)).isEqualTo(ratings(latest)).hasSize(5_000);
    }

    private static Set<String> ratings(Path dir) {
        List<RatingEvent> events = new ArrayList<>();
        MovieLensReader.open(dir).ratings(events::add, new ErrorTally());
        return events.stream().map(e -> e.getUserId() + "," + e.getMovieId() + "," + e.getRating() + ","
                + e.getEventTime()).collect(Collectors.toSet());
    }
}
