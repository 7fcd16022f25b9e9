package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryTest {

    @Test
    void byUserKeepsTheLastRatingOfAMovieRatedTwiceAtThePlaceOfThatLastRating() {
        RatingData ratings = new RatingData();
        ratings.add(1, 10, 3f);
        ratings.add(1, 20, 4f);
        ratings.add(1, 10, 5f);
        ratings.add(1, 30, 2f);

        History history = History.byUser(ratings).get(1);

        assertThat(history.movieIds()).containsExactly(20, 10, 30);
        assertThat(history.ratings()).containsExactly(4f, 5f, 2f);
    }

    @Test
    void byUserReadsThePartsInOrderSoALaterPartsRatingWins() {
        RatingData train = new RatingData();
        train.add(1, 10, 3f);
        train.add(1, 20, 4f);
        RatingData validation = new RatingData();
        validation.add(1, 10, 1f);

        History history = History.byUser(train, validation).get(1);

        assertThat(history.movieIds()).containsExactly(20, 10);
        assertThat(history.ratings()).containsExactly(4f, 1f);
    }

    @Test
    void byUserSeparatesTheUsers() {
        RatingData ratings = new RatingData();
        ratings.add(1, 10, 3f);
        ratings.add(2, 10, 5f);
        ratings.add(1, 20, 4f);

        Map<Integer, History> byUser = History.byUser(ratings);

        assertThat(byUser).containsOnlyKeys(1, 2);
        assertThat(byUser.get(1)).isEqualTo(new History(new int[] {10, 20}, new float[] {3f, 4f}));
        assertThat(byUser.get(2)).isEqualTo(new History(new int[] {10}, new float[] {5f}));
    }

    @Test
    void rejectsMoviesAndRatingsOfDifferentLengths() {
        assertThatThrownBy(() -> new History(new int[] {1, 2}, new float[] {3f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 movies and 1 ratings");
    }
}
