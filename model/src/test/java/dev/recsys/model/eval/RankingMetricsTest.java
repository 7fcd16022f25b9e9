package dev.recsys.model.eval;

import dev.recsys.model.RatingData;
import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final int[] MOVIES = {10, 20, 30, 40, 50};

    @Test
    void excludesTrainingMoviesAndScoresHitsByRank() {
        RatingData train = new RatingData();
        train.add(1, 10, 5f);                  // already rated: must not be recommended
        RatingData test = new RatingData();
        test.add(1, 30, 4f);                   // relevant
        test.add(1, 50, 5f);                   // relevant
        test.add(1, 40, 2f);                   // not relevant
        test.add(2, 20, 3f);                   // user 2 has nothing relevant: not ranked

        // scores follow the movie id: user 1 sees 50, 40, 30, 20 (10 excluded)
        RankingMetrics.Result r = RankingMetrics.evaluate((user, out) -> {
            for (int i = 0; i < MOVIES.length; i++) {
                out[i] = MOVIES[i];
            }
        }, MOVIES, train, test, 2);

        assertThat(r.users()).isEqualTo(1);
        assertThat(r.precision()).isCloseTo(0.5, within(1e-12));      // top 2 = {50, 40}: one hit
        assertThat(r.recall()).isCloseTo(0.5, within(1e-12));         // one of two relevant
        double idcg = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(r.ndcg()).isCloseTo(1 / idcg, within(1e-12));      // hit at rank 1
    }

    @Test
    void relevantMoviesTheModelDoesNotKnowCountAsMisses() {
        RatingData test = new RatingData();
        test.add(1, 10, 5f);
        test.add(1, 999, 5f);
        RankingMetrics.Result r = RankingMetrics.evaluate((user, out) -> out[0] = 1f, new int[] {10},
                new RatingData(), test, 10);
        assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(r.precision()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void topKSkipsExcludedAndBreaksTiesByIndex() {
        BitSet excluded = new BitSet();
        excluded.set(1);
        assertThat(TopK.indices(new float[] {3, 9, 3, 5, 1}, 3, excluded)).containsExactly(3, 0, 2);
        assertThat(TopK.indices(new float[] {1, 2}, 5, new BitSet())).containsExactly(1, 0);
    }
}
