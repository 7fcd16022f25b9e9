package dev.recsys.app.eval;

import dev.recsys.model.History;
import dev.recsys.model.RatingData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PopularityBaselineTest {

    @Test
    void ranksByRatingCountWithoutTheUsersRatedMovies() {
        RatingData train = new RatingData();
        // movie 30: 4 ratings, 10: 3, 40: 2, 20: 1, whatever the stars
        int user = 1;
        for (int movie : new int[] {10, 20, 30, 40, 30, 10, 30, 40, 10, 30}) {
            train.add(user++, movie, movie == 20 ? 5f : 1f);
        }
        PopularityBaseline popular = new PopularityBaseline(train);

        assertThat(popular.top(99, History.EMPTY, 10)).containsExactly(30, 10, 40, 20);
        assertThat(popular.top(99, new History(new int[] {30}, new float[] {5f}), 2)).containsExactly(10, 40);
    }

    @Test
    void countsTheRatingsOfEveryPart() {
        RatingData train = new RatingData();
        train.add(1, 10, 4f);
        train.add(2, 10, 4f);
        train.add(3, 20, 4f);
        RatingData validation = new RatingData();
        validation.add(4, 20, 4f);
        validation.add(5, 20, 4f);

        assertThat(new PopularityBaseline(train, validation).top(99, History.EMPTY, 2)).containsExactly(20, 10);
    }
}
