package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FastScorerTest {

    @Test
    void equalsTheNetworkForKnownUsers() {
        for (HybridModel model : ModelFixtures.everyArchitecture()) {
            FastScorer scorer = FastScorer.of(model);
            int[] users = model.users().rawIds();
            for (int i = 0; i < users.length; i += 17) {
                assertSameScores(model, scorer, users[i]);
            }
        }
    }

    @Test
    void scoresAnUnknownUserAsTheColdStartRowDoes() {
        for (HybridModel model : ModelFixtures.everyArchitecture()) {
            FastScorer scorer = FastScorer.of(model);
            assertThat(scorer.knowsUser(-42)).isFalse();
            float[] scores = assertSameScores(model, scorer, -42);
            // the cold-start user is the mean user: a real ranking, not a constant
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float s : scores) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            assertThat(max - min).isGreaterThan(0.05f);
        }
    }

    @Test
    void equalsTheNetworkWhateverTheLayerWidths() {
        // the scorer works through the first layer's units four at a time; 30 leaves a remainder of two
        ModelConfig odd = ModelFixtures.quick(ModelConfig.defaults())
                .with(java.util.Map.of("hidden1", "30", "hidden2", "7", "members", "1", "epochs", "1"));
        HybridModel model = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                odd, null, null);
        FastScorer scorer = FastScorer.of(model);
        assertSameScores(model, scorer, model.users().rawIdAt(3));
        assertSameScores(model, scorer, -7);
    }

    @Test
    void mapsMovieRowsToRawIds() {
        HybridModel model = ModelFixtures.defaultModel();
        FastScorer scorer = FastScorer.of(model);
        assertThat(scorer.movieCount()).isEqualTo(model.movies().size());
        int raw = model.movies().rawIdAt(5);
        assertThat(scorer.rowOfMovie(raw)).isEqualTo(5);
        assertThat(scorer.movieIdAt(5)).isEqualTo(raw);
        assertThat(scorer.rowOfMovie(-1)).isEqualTo(-1);
    }

    private static float[] assertSameScores(HybridModel model, FastScorer scorer, int rawUserId) {
        float[] fast = new float[scorer.movieCount()];
        scorer.scoreAll(rawUserId, fast);
        int[] users = new int[scorer.movieCount()];
        Arrays.fill(users, rawUserId);
        int[] movies = new int[scorer.movieCount()];
        for (int row = 0; row < movies.length; row++) {
            movies[row] = scorer.movieIdAt(row);
        }
        float[] network = model.predict(users, movies);
        for (int row = 0; row < fast.length; row++) {
            assertThat(fast[row]).as("user %d, movie row %d", rawUserId, row).isCloseTo(network[row], within(1e-4f));
        }
        return fast;
    }
}
