package dev.recsys.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.UserHistory;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class RankersTest {
    /** Movie ids 100..109 at rows 0..9; user u scores movie row r as r * u. */
    private static final ModelScorer LINEAR = new ModelScorer() {
        @Override
        public int movieCount() {
            return 10;
        }

        @Override
        public int movieIdAt(int row) {
            return 100 + row;
        }

        @Override
        public int rowOfMovie(int rawMovieId) {
            return rawMovieId >= 100 && rawMovieId < 110 ? rawMovieId - 100 : -1;
        }

        @Override
        public void scoreAll(int rawUserId, float[] out) {
            for (int row = 0; row < 10; row++) {
                out[row] = row * rawUserId;
            }
        }
    };

    @Test
    void modelRankerLeavesOutRatedMoviesAndKeepsTheBest() {
        UserHistory history = UserHistory.EMPTY.withRating(109, 5f, 1, 100).withRating(107, 1f, 2, 100)
                .withRating(555, 3f, 3, 100);
        Ranked ranked = new ModelRanker(3).rank(LINEAR, 2, history);
        assertThat(ranked.ids()).containsExactly(108, 106, 105);
        assertThat(ranked.scores()).containsExactly(16f, 12f, 10f);
    }

    @Test
    void modelRankerReusesItsBufferAcrossUsers() {
        ModelRanker ranker = new ModelRanker(2);
        ranker.rank(LINEAR, 1, UserHistory.EMPTY.withRating(109, 5f, 1, 100));
        Ranked second = ranker.rank(LINEAR, 3, UserHistory.EMPTY);
        assertThat(second.ids()).containsExactly(109, 108);
    }

    @Test
    void theCachedHeadGivesExactlyTheFreshRankingAsRatingsAccumulateAndModelsChange() {
        Random random = new Random(9);
        ModelScorer first = randomScorer(random, 300);
        ModelScorer second = randomScorer(random, 300);
        ModelRanker cached = new ModelRanker(10, 100);
        ModelRanker fresh = new ModelRanker(10, 0);
        for (int user = 1; user <= 5; user++) {
            UserHistory history = UserHistory.EMPTY;
            for (int step = 0; step < 120; step++) {
                ModelScorer scorer = step < 60 ? first : second;
                Ranked expected = fresh.rank(scorer, user, history);
                Ranked actual = cached.rank(scorer, user, history);
                assertThat(actual.ids()).containsExactly(expected.ids());
                assertThat(actual.scores()).containsExactly(expected.scores());
                // rate the current favourite half of the time: the hardest case for the head
                int movie = step % 2 == 0 ? expected.ids()[0] : 1000 + random.nextInt(300);
                history = history.withRating(movie, 4f, step, 1000);
            }
        }
        assertThat(fresh.scorings()).isEqualTo(600);
        assertThat(cached.scorings()).isLessThan(60);
    }

    @Test
    void rankingAUserWhoHasRatedAlmostEverythingStillWorks() {
        ModelRanker cached = new ModelRanker(3, 10);
        UserHistory history = UserHistory.EMPTY;
        for (int movie = 100; movie < 108; movie++) {
            history = history.withRating(movie, 3f, movie, 100);
        }
        assertThat(cached.rank(LINEAR, 1, history).ids()).containsExactly(109, 108);
    }

    /** Movie ids 1000.., random scores depending on user and movie. */
    private static ModelScorer randomScorer(Random random, int movies) {
        float[] movieSide = new float[movies];
        for (int i = 0; i < movies; i++) {
            movieSide[i] = random.nextInt(50) / 10f;  // coarse, so that ties happen
        }
        return new ModelScorer() {
            @Override
            public int movieCount() {
                return movies;
            }

            @Override
            public int movieIdAt(int row) {
                return 1000 + row;
            }

            @Override
            public int rowOfMovie(int rawMovieId) {
                return rawMovieId >= 1000 && rawMovieId < 1000 + movies ? rawMovieId - 1000 : -1;
            }

            @Override
            public void scoreAll(int rawUserId, float[] out) {
                for (int row = 0; row < movies; row++) {
                    out[row] = movieSide[row] + ((row * 31 + rawUserId * 17) % 7) / 10f;
                }
            }
        };
    }

    @Test
    void popularityWeighsCountAgainstMean() {
        List<KeyValue<Integer, MovieStats>> stats = List.of(
                KeyValue.pair(1, new MovieStats(1, 5)),        // one perfect rating
                KeyValue.pair(2, new MovieStats(300, 1350)),   // 300 ratings, mean 4.5
                KeyValue.pair(3, new MovieStats(50, 100)),     // mean 2
                KeyValue.pair(4, new MovieStats(0, 0)),        // never rated: not a candidate
                KeyValue.pair(5, new MovieStats(40, 176)));    // mean 4.4
        Ranked ranked = new PopularityRanker(10, 10).rank(stats.iterator(), UserHistory.EMPTY);
        assertThat(ranked.ids()).containsExactly(2, 5, 1, 3);
        assertThat((double) ranked.scores()[0]).isCloseTo(4.5, within(1e-6));
        assertThat((double) ranked.scores()[2]).isCloseTo(5.0, within(1e-6));

        Ranked withoutRated = new PopularityRanker(2, 10).rank(stats.iterator(),
                UserHistory.EMPTY.withRating(2, 4f, 1, 10));
        assertThat(withoutRated.ids()).containsExactly(5, 1);
    }
}
