package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void scoresHitsByRank() {
        RatingData test = new RatingData();
        test.add(1, 30, 4f);                   // relevant
        test.add(1, 50, 5f);                   // relevant
        test.add(1, 40, 3.5f);                 // not relevant: under 4
        // the list has a miss first, then both relevant movies
        RankingMetrics.Recommender fixed = (user, history, k) -> new int[] {40, 50, 30};

        RankingMetrics.Result r = RankingMetrics.evaluate(fixed, Map.of(), test, 3);

        assertThat(r.users()).isEqualTo(1);
        assertThat(r.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(r.recall()).isCloseTo(1.0, within(1e-12));
        // DCG: hits at ranks 2 and 3; ideal: hits at ranks 1 and 2
        assertThat(r.ndcg()).isCloseTo((1 / LOG2_3 + 1 / 2.0) / (1 + 1 / LOG2_3), within(1e-12));
    }

    @Test
    void countsOnlyTheTopK() {
        RatingData test = new RatingData();
        test.add(1, 30, 4f);
        test.add(1, 50, 5f);
        // a recommender that returns more than asked: the hit at rank 3 is beyond k = 2
        RankingMetrics.Recommender longer = (user, history, k) -> new int[] {50, 40, 30};

        RankingMetrics.Result r = RankingMetrics.evaluate(longer, Map.of(), test, 2);

        assertThat(r.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(r.ndcg()).isCloseTo(1 / (1 + 1 / LOG2_3), within(1e-12));
    }

    @Test
    void averagesOverUsersWithARelevantTestRatingOnly() {
        RatingData test = new RatingData();
        test.add(1, 10, 5f);
        test.add(2, 10, 4f);
        test.add(3, 10, 2f);                   // nothing relevant: not ranked
        RankingMetrics.Recommender oneHit = (user, history, k) -> user == 1 ? new int[] {10} : new int[] {20};

        RankingMetrics.Result r = RankingMetrics.evaluate(oneHit, Map.of(), test, 1);

        assertThat(r.users()).isEqualTo(2);
        assertThat(r.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(r.ndcg()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aRelevantMovieTheRecommenderCannotKnowCountsAsAMiss() {
        RatingData test = new RatingData();
        test.add(1, 10, 5f);
        test.add(1, 999, 5f);                  // no recommender here knows 999
        RankingMetrics.Recommender knowsOnly10 = (user, history, k) -> new int[] {10};

        RankingMetrics.Result r = RankingMetrics.evaluate(knowsOnly10, Map.of(), test, 10);

        assertThat(r.precision()).isCloseTo(0.1, within(1e-12));
        assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(r.ndcg()).isCloseTo(1 / (1 + 1 / LOG2_3), within(1e-12));
    }

    @Test
    void theRecommenderIsGivenTheUsersHistoryOrAnEmptyOne() {
        RatingData test = new RatingData();
        test.add(1, 10, 5f);
        test.add(2, 10, 5f);
        History rated = new History(new int[] {20}, new float[] {4f});
        List<History> given = new ArrayList<>();

        RankingMetrics.evaluate((user, history, k) -> {
            given.add(history);
            return new int[0];
        }, Map.of(1, rated), test, 10);

        assertThat(given).containsExactlyInAnyOrder(rated, History.EMPTY);
    }

    @Test
    void noRelevantTestRatingGivesNaN() {
        RatingData test = new RatingData();
        test.add(1, 10, 3f);

        RankingMetrics.Result r = RankingMetrics.evaluate((user, history, k) -> new int[] {10}, Map.of(), test, 10);

        assertThat(r.users()).isZero();
        assertThat(r.ndcg()).isNaN();
    }

    @Test
    void thePairedStandardErrorIsThatOfTheMeanPerUserDifference() {
        RankingMetrics.Result a = new RankingMetrics.Result(0, 0, 0.5, 4, new double[] {0.5, 0.6, 0.4, 0.5});
        RankingMetrics.Result b = new RankingMetrics.Result(0, 0, 0.45, 4, new double[] {0.4, 0.6, 0.3, 0.5});
        // differences 0.1, 0, 0.1, 0: mean 0.05, sample sd sqrt(0.01 / 3), standard error sd / 2
        assertThat(a.pairedStandardError(b)).isCloseTo(Math.sqrt(0.01 / 3) / 2, org.assertj.core.api.Assertions
                .within(1e-12));
        assertThat(a.pairedStandardError(new RankingMetrics.Result(0, 0, 0, 1, new double[] {0.1}))).isNaN();
    }

    @Test
    void judgesEachQueryOnItsOwnHistoryAndPairsThemInOrder() {
        History first = new History(new int[] {1}, new float[] {4f});
        History second = new History(new int[] {1, 2}, new float[] {4f, 5f});
        List<ListQuery> lists = List.of(new ListQuery(7, first, java.util.Set.of(2)),
                new ListQuery(7, second, java.util.Set.of(3)));
        // what the user had rated so far decides the list: [2, ...] after one rating, [3, ...] after two
        RankingMetrics.Recommender next = (user, history, k) -> new int[] {history.size() + 1, 9};

        RankingMetrics.Result r = RankingMetrics.evaluate(next, lists, 2);

        assertThat(r.users()).isEqualTo(2);
        assertThat(r.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(r.ndcgByUser()).containsExactly(1.0, 1.0);
    }
}
