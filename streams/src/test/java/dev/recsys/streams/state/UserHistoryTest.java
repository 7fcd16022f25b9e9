package dev.recsys.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserHistoryTest {
    @Test
    void keepsTheMostRecentRatingsUpToTheLimit() {
        UserHistory history = UserHistory.EMPTY;
        for (int movie = 1; movie <= 5; movie++) {
            history = history.withRating(movie, movie, 1000L * movie, 3);
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(new int[] {history.movieId(0), history.movieId(1), history.movieId(2)}).containsExactly(3, 4, 5);
        assertThat(history.contains(2)).isFalse();
        assertThat(history.eventTime(2)).isEqualTo(5000L);
    }

    @Test
    void bestRatedIsHighestFirstAndTheLatestFirstAmongEqualRatings() {
        UserHistory history = UserHistory.EMPTY;
        float[] ratings = {3f, 5f, 4f, 5f, 1f};
        for (int i = 0; i < ratings.length; i++) {
            history = history.withRating(10 + i, ratings[i], i, 100);
        }

        assertThat(history.bestRated(3)).containsExactly(3, 1, 2);
        assertThat(history.bestRated(10)).containsExactly(3, 1, 2, 0, 4);
        assertThat(UserHistory.EMPTY.bestRated(10)).isEmpty();
    }

    @Test
    void aReRatingReplacesTheEarlierOneAndBecomesTheNewest() {
        UserHistory history = UserHistory.EMPTY.withRating(1, 2f, 1, 10).withRating(2, 3f, 2, 10)
                .withRating(1, 5f, 3, 10);
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.movieId(1)).isEqualTo(1);
        assertThat(history.ratingOf(1)).isEqualTo(5f);
        assertThat(history.ratingOf(9)).isNull();
        assertThat(history.sortedMovieIds()).containsExactly(1, 2);
    }

    @Test
    void aReRatingAtTheLimitDropsNothingElse() {
        UserHistory history = UserHistory.EMPTY.withRating(1, 1f, 1, 2).withRating(2, 2f, 2, 2)
                .withRating(1, 4f, 3, 2);
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.contains(2)).isTrue();
        assertThat(history.ratingOf(1)).isEqualTo(4f);
    }

    @Test
    void movieStatsRoundTripAndFollowReRatings() {
        MovieStatsSerde statsSerde = new MovieStatsSerde();
        MovieStats stats = MovieStats.NONE.plus(4f).plus(2f).rerated(2f, 5f);
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.mean()).isEqualTo(4.5);
        assertThat(statsSerde.deserializer().deserialize("t", statsSerde.serializer().serialize("t", stats)))
                .isEqualTo(stats);
    }
}
