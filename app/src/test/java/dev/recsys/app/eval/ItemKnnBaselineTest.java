package dev.recsys.app.eval;

import dev.recsys.model.History;
import dev.recsys.model.RatingData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemKnnBaselineTest {
    private static final int P = 1;
    private static final int Y = 2;
    private static final int X = 3;
    private static final int Q = 4;
    private static final int Z = 5;

    /**
     * Who rated what: users 1 and 2 {P, Y}, 3 {P, X}, 4 {Q, X}, 5 {Q, Z}, 6 {Z}, 7 {Y}. Rating counts P 3, Y 3,
     * X 2, Q 2, Z 2. Cosine similarities (co-raters over sqrt of the counts' product): P-Y 2/3, P-X 1/sqrt(6) =
     * 0.408, Q-X 1/2, Q-Z 1/2, every other pair 0.
     */
    private static RatingData train() {
        int[][] rated = {{P, Y}, {P, Y}, {P, X}, {Q, X}, {Q, Z}, {Z}, {Y}};
        RatingData train = new RatingData();
        for (int user = 0; user < rated.length; user++) {
            for (int movie : rated[user]) {
                train.add(user + 1, movie, 1f + movie % 5);
            }
        }
        return train;
    }

    @Test
    void scoresAMovieByTheSumOfItsCosineSimilaritiesToTheRatedMovies() {
        ItemKnnBaseline knn = ItemKnnBaseline.fit(train());
        History rated = new History(new int[] {P, Q}, new float[] {4f, 4f});

        // X: 0.408 + 0.5 = 0.908; Y: 0.667 + 0 = 0.667; Z: 0 + 0.5 = 0.5. By the largest similarity alone Y would
        // come first; by co-rater counts X and Y would tie (2 each); by popularity Y would lead (3 ratings)
        assertThat(knn.top(9, rated, 10)).containsExactly(X, Y, Z);
    }

    @Test
    void aMovieNoRatedMovieIsSimilarToScoresZero() {
        ItemKnnBaseline knn = ItemKnnBaseline.fit(train());
        History rated = new History(new int[] {Y}, new float[] {5f});

        // P: 2/3; X, Q, Z: 0, in catalogue order (their first appearance in the ratings)
        assertThat(knn.top(9, rated, 10)).containsExactly(P, X, Q, Z);
    }

    @Test
    void ignoresRatedMoviesOutsideTheCatalogue() {
        ItemKnnBaseline knn = ItemKnnBaseline.fit(train());
        History known = new History(new int[] {P, Q}, new float[] {4f, 4f});
        History withUnknown = new History(new int[] {P, 777, Q}, new float[] {4f, 5f, 4f});

        assertThat(knn.top(9, withUnknown, 10)).containsExactly(knn.top(9, known, 10));
    }

    @Test
    void aUserRatingAMovieSeveralTimesCountsOnce() {
        // users 1 and 2 {Q, X}, 3 {Q, Z}, 4 {Z}: Q-X 2 / sqrt(3 x 2) = 0.816, Q-Z 1 / sqrt(3 x 2) = 0.408
        RatingData train = new RatingData();
        train.add(1, Q, 4f);
        train.add(1, X, 4f);
        train.add(2, Q, 4f);
        train.add(2, X, 4f);
        train.add(3, Q, 4f);
        train.add(4, Z, 4f);
        // user 3 rates Z four times: counted each time, Q-Z would be 4 / sqrt(3 x 5) = 1.03 and pass X
        for (int i = 0; i < 4; i++) {
            train.add(3, Z, 1f + i);
        }
        ItemKnnBaseline knn = ItemKnnBaseline.fit(train);

        assertThat(knn.top(9, new History(new int[] {Q}, new float[] {4f}), 10)).containsExactly(X, Z);
    }

    @Test
    void aCatalogueTooLargeForADenseMatrixIsNotScored() {
        RatingData train = new RatingData();
        for (int movie = 0; movie <= ItemKnnBaseline.MAX_MOVIES; movie++) {
            train.add(movie % 50, movie, 4f);
        }

        assertThat(ItemKnnBaseline.fit(train)).isNull();
    }
}
