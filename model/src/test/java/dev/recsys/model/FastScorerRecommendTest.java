package dev.recsys.model;

import dev.recsys.schemas.RatingScale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** FastScorer.recommend, the one path streams and the offline evaluation take, against a brute-force top k. */
class FastScorerRecommendTest {
    private static final int K = 10;
    // 0: the ranking network alone; 0.01 and 0.05: a few candidates; 0.25 and 2: most of the fixture's 150 movies
    // can reach the top 10 (more than the default cap of 100 candidates at 2)
    private static final float[] WEIGHTS = {0f, 0.01f, 0.05f, 0.25f, 2f};

    @Test
    void recommendEqualsABruteForceTopKOfTheBlendedScoreOverEveryMovieWhenTheCandidatesAreNotCapped() {
        FastScorer scorer = FastScorer.of(withCandidates(ModelFixtures.defaultModel(), 1000));
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            for (float weight : WEIGHTS) {
                float[] expected = bruteForce(scorer, history, weight);
                Recommended got = scorer.recommend(history, K, weight);

                assertThat(got.size()).isEqualTo(K);
                float[] blended = blended(scorer, history, weight);
                for (int i = 0; i < K; i++) {
                    // compared by score rather than by id, so that a tie broken by float rounding cannot fail it
                    int row = scorer.rowOfMovie(got.movieIds()[i]);
                    assertThat(blended[row]).as("user %d, weight %s, rank %d", user, weight, i)
                            .isCloseTo(expected[i], within(1e-4f));
                    assertThat(got.scores()[i]).isCloseTo(expected[i], within(1e-4f));
                }
            }
        }
    }

    @Test
    void recommendUsesTheModelsBlendWeight() {
        HybridModel model = ModelFixtures.defaultModel().withBlendWeight(0.25f);
        FastScorer scorer = FastScorer.of(model);
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[1]);

        assertThat(scorer.blendWeight()).isEqualTo(0.25f);
        assertThat(scorer.recommend(history, K).movieIds()).containsExactly(
                scorer.recommend(history, K, 0.25f).movieIds());
    }

    @Test
    void neverRecommendsARatedMovie() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            for (float weight : WEIGHTS) {
                // a list as long as the catalogue: every unrated movie, no rated one
                Recommended all = scorer.recommend(history, scorer.movieCount(), weight);

                assertThat(all.movieIds()).as("user %d, weight %s", user, weight)
                        .doesNotContain(history.movieIds())
                        .doesNotHaveDuplicates()
                        .hasSize(scorer.movieCount() - history.size());
            }
        }
    }

    @Test
    void predictedRatingsAreOnTheScaleAndThoseOfTheRatingNetworks() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            float[] predicted = new float[scorer.movieCount()];
            scorer.predictAll(history, predicted);
            for (float weight : WEIGHTS) {
                Recommended got = scorer.recommend(history, K, weight);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.predictedRatings()[i]).isBetween(RatingScale.MIN, RatingScale.MAX)
                            .isCloseTo(predicted[scorer.rowOfMovie(got.movieIds()[i])], within(1e-4f));
                }
            }
        }
    }

    @Test
    void withoutARankingNetworkOrdersByPredictedRating() {
        HybridModel study = ModelFixtures.study();
        FastScorer scorer = FastScorer.of(study);
        assertThat(scorer.ranks()).isFalse();
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            float[] predicted = new float[scorer.movieCount()];
            scorer.predictAll(history, predicted);
            float[] expected = topUnrated(scorer, predicted, history, K);

            Recommended got = scorer.recommend(history, K);

            for (int i = 0; i < K; i++) {
                assertThat(got.predictedRatings()[i]).as("user %d, rank %d", user, i).isCloseTo(expected[i],
                        within(1e-5f));
                assertThat(got.scores()[i]).isEqualTo(got.predictedRatings()[i]);
            }
        }
    }

    @Test
    void aNewRatingChangesTheListBeyondTheRatedMovieWithoutRetraining() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        int changed = 0;
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            int[] before = scorer.recommend(history, K, 0.25f).movieIds();
            int rated = before[0];

            int[] after = scorer.recommend(ModelFixtures.plus(history, rated, 1f), K, 0.25f).movieIds();

            assertThat(after).doesNotContain(rated);
            // had the rating only removed the movie, the first K - 1 would be the old list without it
            int[] withoutRated = Arrays.stream(before).filter(m -> m != rated).toArray();
            if (!Arrays.equals(Arrays.copyOf(after, K - 1), withoutRated)) {
                changed++;
            }
        }
        assertThat(changed).as("users whose list changed beyond the rated movie").isGreaterThan(0);
    }

    @Test
    void recommendsFewerThanKWhenFewerMoviesAreUnrated() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        int[] allButTwo = new int[scorer.movieCount() - 2];
        float[] ratings = new float[allButTwo.length];
        for (int row = 0; row < allButTwo.length; row++) {
            allButTwo[row] = scorer.movieIdAt(row);
            ratings[row] = 3f;
        }

        Recommended got = scorer.recommend(new History(allButTwo, ratings), K, 0.25f);

        assertThat(got.movieIds()).containsExactlyInAnyOrder(scorer.movieIdAt(scorer.movieCount() - 2),
                scorer.movieIdAt(scorer.movieCount() - 1));
    }

    @Test
    void rejectsANegativeBlendWeight() {
        FastScorer scorer = FastScorer.of(ModelFixtures.defaultModel());
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[1]);

        assertThatThrownBy(() -> scorer.recommend(history, K, -0.25f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withMoreCandidatesThanTheCapTheBlendReranksTheBestByRankingScore() {
        HybridModel model = withCandidates(ModelFixtures.defaultModel(), 20);
        FastScorer scorer = FastScorer.of(model);
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            float[] ranking = new float[scorer.movieCount()];
            scorer.rankingScores(history, ranking);
            float[] rankingTop20 = topUnrated(scorer, ranking, history, 20);
            float[] blended = blended(scorer, history, 2f);
            // the brute force over the 20 best by ranking score, the rest left out
            float[] restricted = new float[blended.length];
            Arrays.fill(restricted, Float.NEGATIVE_INFINITY);
            for (int row = 0; row < ranking.length; row++) {
                if (ranking[row] >= rankingTop20[19]) {
                    restricted[row] = blended[row];
                }
            }
            float[] expected = topUnrated(scorer, restricted, history, K);
            Recommended got = scorer.recommend(history, K, 2f);
            for (int i = 0; i < K; i++) {
                assertThat(got.scores()[i]).as("user %d, rank %d", user, i).isCloseTo(expected[i], within(1e-4f));
            }
        }
    }

    @Test
    void aLongTailOfLowOutputBiasIsNeverScoredAndTheListsStayExact() {
        HybridModel base = withCandidates(ModelFixtures.defaultModel(), 1000);
        MultiLayerNetwork ranking = base.ranking().clone();
        INDArray bias = ranking.getLayer(ModelFactory.RANKING_OUTPUT).getParam("b");
        // all but four blocks' worth of movies far down, as a softmax leaves movies seldom rated
        int kept = 4 * RankingScorer.blockSize((int) bias.length());
        for (int row = kept; row < bias.length(); row++) {
            bias.putScalar(row, bias.getFloat(row) - 100f);
        }
        FastScorer scorer = FastScorer.of(new HybridModel(base.rating(), ranking, base.movies(),
                base.movieGenreMasks(), base.config(), base.blendWeight()));
        for (int user : ModelFixtures.someUsers(8)) {
            History history = ModelFixtures.HISTORIES.get(user);
            for (float weight : WEIGHTS) {
                float[] expected = bruteForce(scorer, history, weight);
                Recommended got = scorer.recommend(history, K, weight);
                for (int i = 0; i < K; i++) {
                    assertThat(got.scores()[i]).as("user %d, weight %s, rank %d", user, weight, i)
                            .isCloseTo(expected[i], within(1e-4f));
                }
                assertThat(scorer.lastWork().ranked()).as("movies given a ranking score")
                        .isLessThanOrEqualTo(kept);
            }
        }
    }

    @Test
    void theRatingNetworksStopOnceNoCandidateLeftCanEnterTheList() {
        FastScorer scorer = FastScorer.of(withCandidates(ModelFixtures.defaultModel(), 1000));
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[1]);

        scorer.recommend(history, K, 0f);
        int alone = scorer.lastWork().predicted();
        scorer.recommend(history, K, 2f);
        int wide = scorer.lastWork().predicted();

        // weight 0: the ten best by ranking score are the list, and one batch settles it
        assertThat(alone).isLessThanOrEqualTo(16);
        assertThat(wide).isGreaterThan(alone);
    }

    private static HybridModel withCandidates(HybridModel model, int candidates) {
        return new HybridModel(model.rating(), model.ranking(), model.movies(), model.movieGenreMasks(),
                model.config().with(java.util.Map.of("candidates", Integer.toString(candidates))),
                model.blendWeight());
    }

    /** The best K blended scores over every unrated movie, best first. */
    private static float[] bruteForce(FastScorer scorer, History history, float weight) {
        return topUnrated(scorer, blended(scorer, history, weight), history, K);
    }

    /** Ranking score + weight x predicted rating (on the scale) of every movie. */
    private static float[] blended(FastScorer scorer, History history, float weight) {
        float[] ranking = new float[scorer.movieCount()];
        float[] predicted = new float[scorer.movieCount()];
        scorer.rankingScores(history, ranking);
        scorer.predictAll(history, predicted);
        float[] out = new float[ranking.length];
        for (int row = 0; row < out.length; row++) {
            out[row] = ranking[row] + weight * RatingScale.clamp(predicted[row]);
        }
        return out;
    }

    private static float[] topUnrated(FastScorer scorer, float[] scores, History history, int k) {
        List<Integer> rated = new ArrayList<>();
        for (int movie : history.movieIds()) {
            rated.add(scorer.rowOfMovie(movie));
        }
        double[] top = IntStream.range(0, scores.length).filter(row -> !rated.contains(row))
                .mapToObj(row -> scores[row]).sorted(Comparator.reverseOrder()).limit(k)
                .mapToDouble(Float::doubleValue).toArray();
        float[] out = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = (float) top[i];
        }
        return out;
    }
}
