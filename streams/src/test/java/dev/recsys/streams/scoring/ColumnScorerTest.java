package dev.recsys.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recsys.model.FastScorer;
import dev.recsys.model.HybridModel;
import dev.recsys.model.IdMap;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnScorerTest {
    @Test
    void agreesWithTheDl4jNetworkWithAndWithoutBiasTerms() {
        for (ModelConfig config : new ModelConfig[] {ModelConfig.defaults(), ModelConfig.study()}) {
            HybridModel model = randomModel(config, 30, 70);
            FastScorer fast = FastScorer.of(model);
            ModelScorer columns = ColumnScorer.verified(model, fast).orElseThrow();
            int[] movieIds = model.movies().rawIds();
            float[] scores = new float[columns.movieCount()];
            for (int user : new int[] {model.users().rawIds()[0], model.users().rawIds()[17], 999_999}) {
                columns.scoreAll(user, scores);
                int[] users = new int[movieIds.length];
                Arrays.fill(users, user);
                float[] reference = model.predict(users, movieIds);
                for (int i = 0; i < movieIds.length; i++) {
                    assertThat(scores[columns.rowOfMovie(movieIds[i])])
                            .as("%s user %d movie %d", config.variant(), user, movieIds[i])
                            .isCloseTo(reference[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void isRefusedWhenItWouldNotReproduceTheReference() {
        HybridModel model = randomModel(ModelConfig.defaults(), 10, 20);
        HybridModel other = randomModel(ModelConfig.defaults().withSeed(7), 10, 20);
        assertThat(ColumnScorer.verified(model, FastScorer.of(other))).isEmpty();
    }

    /** A real (untrained, randomly initialised) network with raw ids 1..n and random genres. */
    private static HybridModel randomModel(ModelConfig config, int userCount, int movieCount) {
        int[] users = new int[userCount];
        int[] movies = new int[movieCount];
        int[] masks = new int[movieCount];
        Random random = new Random(config.seed());
        for (int i = 0; i < userCount; i++) {
            users[i] = 3 * i + 1;
        }
        for (int i = 0; i < movieCount; i++) {
            movies[i] = 5 * i + 2;
            masks[i] = (1 << (1 + random.nextInt(18))) | (1 << (1 + random.nextInt(18)));
        }
        var graph = ModelFactory.create(config, userCount + 1, movieCount + 1, 3.5);
        return new HybridModel(graph, IdMap.of(users), IdMap.of(movies), masks, config);
    }
}
