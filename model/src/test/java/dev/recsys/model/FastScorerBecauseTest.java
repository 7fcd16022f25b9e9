package dev.recsys.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FastScorer.because, the "why" of a list, against leaving each rating out and scoring again. */
class FastScorerBecauseTest {
    private static final float TOLERANCE = 1e-4f;

    @Test
    void eachContributionIsTheScoreDropWhenThatRatingIsLeftOut() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel().withLists(0.25f, 0.7f));
        for (int user : ModelFixtures.someUsers(5)) {
            assertLeaveOneOut(scorer, ModelFixtures.HISTORIES.get(user));
        }
    }

    @Test
    void aMovieTheModelDoesNotKnowStillShiftsTheRecencyOfTheRatingsBeforeIt() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel().withLists(0.25f, 0.5f));
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[1]);
        History withUnknown = ModelFixtures.plus(ModelFixtures.plus(history, ModelFixtures.UNKNOWN_MOVIE, 5f),
                history.movieId(0) == 1 ? 2 : 1, 4f);

        assertLeaveOneOut(scorer, withUnknown);
    }

    @Test
    void aSingleRatingExplainsEveryMovieItRaised() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        History one = new History(new int[] {ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(1)[0]).movieId(0)},
                new float[] {5f});

        assertLeaveOneOut(scorer, one);
    }

    @Test
    void keepsAtMostTheLimitLargestFirst() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(4)[2]);
        int[] top = scorer.recommend(history, 10).movieIds();

        Because[] all = scorer.because(history, top, history.size());
        Because[] three = scorer.because(history, top, 3);

        for (int m = 0; m < top.length; m++) {
            assertThat(three[m].size()).isEqualTo(Math.min(3, all[m].size()));
            assertThat(three[m].ratedMovieIds()).containsExactly(Arrays.copyOf(all[m].ratedMovieIds(),
                    three[m].size()));
            assertThat(all[m].contributions()).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        }
        assertThat(Arrays.stream(three).mapToInt(Because::size).sum()).as("some movie is explained").isPositive();
    }

    @Test
    void nothingExplainsAListOrderedByPredictedRatingOrAMovieTheModelDoesNotKnow() {
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(2)[0]);
        FastScorer study = FastScorer.of(ModelFixtures.study());
        FastScorer ranked = FastScorer.of(ModelFixtures.defaultModel());

        assertThat(study.because(history, study.recommend(history, 5).movieIds(), 3)).containsOnly(Because.NOTHING);
        assertThat(ranked.because(history, new int[] {ModelFixtures.UNKNOWN_MOVIE}, 3))
                .containsExactly(Because.NOTHING);
    }

    /** For the user's top 10 (and a movie the user rated low, or anything else), every rating's contribution. */
    private static void assertLeaveOneOut(FastScorer scorer, History history) {
        int[] movies = scorer.recommend(history, 10).movieIds();
        float[] full = new float[scorer.movieCount()];
        scorer.rankingScores(history, full);
        float[][] expected = new float[movies.length][history.size()];
        float[] without = new float[scorer.movieCount()];
        for (int i = 0; i < history.size(); i++) {
            scorer.rankingScores(leftOut(history, i), without);
            for (int m = 0; m < movies.length; m++) {
                int row = scorer.rowOfMovie(movies[m]);
                expected[m][i] = full[row] - without[row];
            }
        }
        Because[] got = scorer.because(history, movies, history.size());
        for (int m = 0; m < movies.length; m++) {
            List<Integer> positive = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                if (expected[m][i] > TOLERANCE) {
                    positive.add(history.movieId(i));
                }
            }
            assertThat(got[m].ratedMovieIds()).as("movie %d", movies[m])
                    .contains(positive.stream().mapToInt(Integer::intValue).toArray());
            for (int j = 0; j < got[m].size(); j++) {
                int i = indexOf(history, got[m].ratedMovieIds()[j]);
                assertThat(got[m].contributions()[j]).as("movie %d without rated movie %d", movies[m],
                        history.movieId(i)).isCloseTo(expected[m][i], within(TOLERANCE)).isPositive();
            }
        }
    }

    private static History leftOut(History history, int index) {
        int n = history.size();
        int[] ids = new int[n - 1];
        float[] ratings = new float[n - 1];
        for (int i = 0, j = 0; i < n; i++) {
            if (i != index) {
                ids[j] = history.movieId(i);
                ratings[j++] = history.rating(i);
            }
        }
        return new History(ids, ratings);
    }

    private static int indexOf(History history, int movieId) {
        for (int i = 0; i < history.size(); i++) {
            if (history.movieId(i) == movieId) {
                return i;
            }
        }
        throw new AssertionError("movie " + movieId + " is not in the history");
    }
}
