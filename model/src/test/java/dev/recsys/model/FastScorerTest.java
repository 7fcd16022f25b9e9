package dev.recsys.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plain-array scorer against the DL4J networks it stands in for. */
class FastScorerTest {

    @Test
    void predictAllEqualsTheRatingNetworkForEveryArchitecture() {
        for (HybridModel model : ModelFixtures.everyArchitecture()) {
            assertSamePredictions(model, histories());
        }
    }

    @Test
    void predictAllEqualsTheRatingNetworkWhateverTheLayerWidths() {
        // the scorer works through the first layer's units four at a time; 30 leaves a remainder of two
        ModelConfig odd = ModelFixtures.quick(ModelConfig.defaults())
                .with(Map.of("hidden1", "30", "hidden2", "7", "members", "1", "epochs", "1", "ranking", "false"));
        HybridModel model = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                odd, null, null);

        assertSamePredictions(model, histories());
    }

    @Test
    void rankingScoresAreTheRankingNetworksLogSoftmaxUpToAPerUserConstant() {
        assertRankingScoresMatchTheNetwork(ModelFixtures.defaultModel());
    }

    @Test
    void rankingScoresWithARecencyAreTheNetworksOnTheRecencyWeightedInput() {
        HybridModel model = ModelFixtures.defaultModel().withLists(0.25f, 0.7f);

        assertRankingScoresMatchTheNetwork(model);
        // and the weights are not vacuous: the same movies in another order score otherwise
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(6)[0]);
        History reversed = reversed(history);
        float[] forward = new float[model.movies().size()];
        float[] backward = new float[model.movies().size()];
        FastScorer.of(model).rankingScores(history, forward);
        FastScorer.of(model).rankingScores(reversed, backward);
        assertThat(forward).isNotEqualTo(backward);
    }

    @Test
    void atRecencyOneTheOrderOfTheHistoryDoesNotMatter() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel().withLists(0.25f, 1f));
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(6)[0]);
        float[] forward = new float[scorer.movieCount()];
        float[] backward = new float[scorer.movieCount()];

        scorer.rankingScores(history, forward);
        scorer.rankingScores(reversed(history), backward);

        for (int row = 0; row < forward.length; row++) {
            assertThat(backward[row]).isCloseTo(forward[row], within(1e-5f));
        }
    }

    private static History reversed(History history) {
        int n = history.size();
        int[] movies = new int[n];
        float[] ratings = new float[n];
        for (int i = 0; i < n; i++) {
            movies[i] = history.movieId(n - 1 - i);
            ratings[i] = history.rating(n - 1 - i);
        }
        return new History(movies, ratings);
    }

    private static void assertRankingScoresMatchTheNetwork(HybridModel model) {
        FastScorer scorer = FastScorer.of(model);
        Map<String, History> histories = histories();
        INDArray input = Nd4j.create(rankingInputs(model, histories));
        float[][] softmax = model.ranking().output(input, false).toFloatMatrix();

        int u = 0;
        for (Map.Entry<String, History> entry : histories.entrySet()) {
            float[] scores = new float[scorer.movieCount()];
            scorer.rankingScores(entry.getValue(), scores);
            double logSumExp = logSumExp(scores);
            for (int row = 0; row < scores.length; row++) {
                assertThat(scores[row] - logSumExp).as("%s, movie row %d", entry.getKey(), row)
                        .isCloseTo(Math.log(softmax[u][row]), within(1e-4));
            }
            u++;
        }
    }

    @Test
    void mapsMovieRowsToRawIds() {
        HybridModel model = ModelFixtures.defaultModel();
        FastScorer scorer = FastScorer.of(model);
        int raw = model.movies().rawIdAt(5);

        assertThat(scorer.movieCount()).isEqualTo(model.movies().size());
        assertThat(scorer.rowOfMovie(raw)).isEqualTo(5);
        assertThat(scorer.movieIdAt(5)).isEqualTo(raw);
        assertThat(scorer.rowOfMovie(ModelFixtures.UNKNOWN_MOVIE)).isEqualTo(-1);
    }

    /**
     * Some users' histories from the data; one of them with a movie the model does not know (its cold-start row);
     * one with only an unknown movie; and an empty one.
     */
    private static Map<String, History> histories() {
        Map<String, History> out = new LinkedHashMap<>();
        for (int user : ModelFixtures.someUsers(6)) {
            out.put("user " + user, ModelFixtures.HISTORIES.get(user));
        }
        History some = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(6)[2]);
        out.put("with an unknown movie", ModelFixtures.plus(some, ModelFixtures.UNKNOWN_MOVIE, 4.5f));
        out.put("only an unknown movie", ModelFixtures.plus(History.EMPTY, ModelFixtures.UNKNOWN_MOVIE, 2f));
        out.put("empty", History.EMPTY);
        return out;
    }

    /** Every (history, movie) pair through HybridModel.predict (the graph) and through FastScorer.predictAll. */
    private static void assertSamePredictions(HybridModel model, Map<String, History> byName) {
        FastScorer scorer = FastScorer.of(model);
        int movies = scorer.movieCount();
        RatingData pairs = new RatingData();
        Map<Integer, History> histories = new HashMap<>();
        List<String> names = new ArrayList<>(byName.keySet());
        for (int u = 0; u < names.size(); u++) {
            histories.put(u, byName.get(names.get(u)));
            for (int row = 0; row < movies; row++) {
                pairs.add(u, scorer.movieIdAt(row), 3f);
            }
        }

        float[] network = model.predict(pairs, histories);
        // not a vacuous match: the network's predictions spread over the scale rather than sit at a clamp
        assertThat(spread(network)).as("%s: spread of the predictions", model).isGreaterThan(0.5f);

        float[] fast = new float[movies];
        for (int u = 0; u < names.size(); u++) {
            scorer.predictAll(histories.get(u), fast);
            for (int row = 0; row < movies; row++) {
                assertThat(fast[row]).as("%s: %s, movie row %d", model, names.get(u), row)
                        .isCloseTo(network[u * movies + row], within(1e-4f));
            }
        }
    }

    /**
     * The ranking network's input as RankingInput builds it: weight 1 for a rating of 4 or more, the low-rating
     * weight below, times the model's recency for each later rating, L2-normalised over the movies the model knows;
     * unknown movies left out.
     */
    private static float[][] rankingInputs(HybridModel model, Map<String, History> histories) {
        float[][] input = new float[histories.size()][model.movies().size()];
        double low = model.config().lowRatingWeight();
        int u = 0;
        for (History h : histories.values()) {
            double squares = 0;
            for (int i = 0; i < h.size(); i++) {
                int row = model.movies().rowOf(h.movieId(i));
                if (row >= 0) {
                    double w = (h.rating(i) >= 4 ? 1 : low) * Math.pow(model.recency(), h.size() - 1 - i);
                    input[u][row] = (float) w;
                    squares += w * w;
                }
            }
            for (int row = 0; row < input[u].length; row++) {
                input[u][row] = squares == 0 ? 0f : (float) (input[u][row] / Math.sqrt(squares));
            }
            u++;
        }
        return input;
    }

    private static float spread(float[] values) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    private static double logSumExp(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (float s : scores) {
            sum += Math.exp(s - max);
        }
        return max + Math.log(sum);
    }
}
