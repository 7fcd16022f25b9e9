package dev.recsys.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Training from an earlier model: its movies keep their rows, new movies get rows of their own. */
class WarmStartTest {
    private static final int NEW_MOVIE = 999_001;
    private static final int OTHER_NEW_MOVIE = 999_002;

    /** Ratings of two movies the fixture model does not know, beside some of the movies it knows. */
    private static RatingData withNewMovies(HybridModel base) {
        RatingData fresh = new RatingData();
        for (int i = 0; i < 60; i++) {
            int user = 888_000 + i % 12;
            fresh.add(user, base.movies().rawIdAt(i % 40), 1 + i % 5);
            if (i % 3 == 0) {
                fresh.add(user, i % 2 == 0 ? NEW_MOVIE : OTHER_NEW_MOVIE, 5f - i % 4);
            }
        }
        return fresh;
    }

    @Test
    void warmStartKeepsTheKnownMoviesRowsAndAddsTheNewOnes() {
        HybridModel base = ModelFixtures.withoutDotTerm();

        HybridModel grown = ModelTrainer.train(withNewMovies(base), null, Map.of(NEW_MOVIE, 1 << 8),
                base.config().withEpochs(0), base, null);

        int known = base.movies().size();
        assertThat(grown.movies().size()).isEqualTo(known + 2);
        assertThat(grown.movies().rawIds()).startsWith(base.movies().rawIds());
        assertThat(grown.movieGenreMasks()).startsWith(base.movieGenreMasks());
        assertThat(grown.movieGenreMasks()[grown.movies().rowOf(NEW_MOVIE)]).isEqualTo(1 << 8);
        assertThat(grown.movieGenreMasks()[grown.movies().rowOf(OTHER_NEW_MOVIE)])
                .isEqualTo(GenreFeatures.UNKNOWN_MASK);
        assertSameRows(base, grown, ModelFactory.MOVIE_EMBEDDING, known);
        assertSameRows(base, grown, ModelFactory.MOVIE_BIAS, known);
        assertSameRows(base, grown, ModelFactory.HISTORY_POOL, (long) known * HistoryTokens.BANDS);
    }

    @Test
    void aWarmStartedModelRecommendsForAHistoryWithTheNewMovies() {
        HybridModel base = ModelFixtures.withoutDotTerm();
        HybridModel grown = ModelTrainer.train(withNewMovies(base), null, Map.of(), base.config().withEpochs(1), base,
                null);

        assertRecommendsWithTheNewMovies(grown);
    }

    @Test
    void warmStartTrainingLeavesTheRowsOfMoviesNoNewRatingTouchesAlone() {
        HybridModel base = ModelFixtures.withoutDotTerm();
        // without L2, which would shrink every row a little on every step
        ModelConfig noL2 = base.config().with(Map.of("embedding_l2", "0", "bias_l2", "0", "epochs", "1"));

        HybridModel next = ModelTrainer.train(withNewMovies(base), null, Map.of(), noL2, base, null);

        // the new ratings are of movie rows 0..39 and the new movies: row 100 is in no minibatch, and a fresh Adam
        // moves rows only along their gradient
        INDArray before = base.rating().getLayer(ModelFactory.MOVIE_EMBEDDING).getParam("W");
        INDArray after = next.rating().getLayer(ModelFactory.MOVIE_EMBEDDING).getParam("W");
        assertThat(after.getRow(100)).isEqualTo(before.getRow(100));
        assertThat(after.getRow(0)).isNotEqualTo(before.getRow(0));
        INDArray historyBefore = base.rating().getLayer(ModelFactory.HISTORY_POOL).getParam("W");
        INDArray historyAfter = next.rating().getLayer(ModelFactory.HISTORY_POOL).getParam("W");
        for (int band = 0; band < HistoryTokens.BANDS; band++) {
            long token = 100L * HistoryTokens.BANDS + band;
            assertThat(historyAfter.getRow(token)).as("band %d", band).isEqualTo(historyBefore.getRow(token));
        }
    }

    @Test
    void warmStartKeepsTheRatingNetworksKnownMoviesAndStartsTheRankingNetworkAfresh() {
        HybridModel base = ModelFixtures.defaultModel();

        HybridModel grown = ModelTrainer.train(withNewMovies(base), null, Map.of(),
                base.config().with(Map.of("epochs", "0", "ranking_epochs", "0")), base, null);

        int known = base.movies().size();
        INDArray encoderBefore = base.ranking().getLayer(ModelFactory.RANKING_ENCODER).getParam("W");
        INDArray encoderAfter = grown.ranking().getLayer(ModelFactory.RANKING_ENCODER).getParam("W");
        assertThat(encoderAfter.get(NDArrayIndex.interval(0, known), NDArrayIndex.all())).isNotEqualTo(encoderBefore);
        for (int k = 0; k < 2; k++) {
            assertSameRows(base, grown, ModelFactory.member(ModelFactory.HISTORY_POOL, k),
                    (long) known * HistoryTokens.BANDS);
        }
        assertRecommendsWithTheNewMovies(grown);
    }

    @Test
    void warmStartRejectsAnotherArchitecture() {
        RatingData fresh = new RatingData();
        fresh.add(1, 2, 3f);
        ModelConfig wider = ModelConfig.defaults().with(Map.of("embedding_size", "32", "epochs", "0",
                "ranking_epochs", "0"));

        assertThatThrownBy(() -> ModelTrainer.train(fresh, null, Map.of(), wider, ModelFixtures.defaultModel(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot warm-start a 32/64/32+bias+dot, ranking 64 model from a "
                        + "64/64/32+bias+dot, ranking 64 one");
    }

    @Test
    void warmStartRejectsAModelWithoutRankingNetworkForOneWithIt() {
        RatingData fresh = new RatingData();
        fresh.add(1, 2, 3f);
        ModelConfig ranked = ModelFixtures.study().config().with(Map.of("ranking", "true", "epochs", "0",
                "ranking_epochs", "0"));

        assertThatThrownBy(() -> ModelTrainer.train(fresh, null, Map.of(), ranked, ModelFixtures.study(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot warm-start");
    }

    @Test
    void everyMemberReportsItsEpochsAndWarmStartsFromASingleNetwork() {
        HybridModel single = ModelFixtures.withoutDotTerm();
        ModelConfig pair = single.config().with(Map.of("members", "2", "ranking_epochs", "0"));
        List<String> reported = new ArrayList<>();
        EpochListener listener = new EpochListener.PerMember() {
            @Override
            public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                                      double seconds) {
                reported.add(member + "/" + members + ":" + epoch);
            }
        };

        HybridModel grown = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                pair.withEpochs(0), single, listener);
        assertThat(reported).isEmpty();
        // with no epoch run, both members are the single network: the ensemble predicts as it does
        float[] expected = new float[single.movies().size()];
        float[] got = new float[grown.movies().size()];
        History history = ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[2]);
        FastScorer.of(single).predictAll(history, expected);
        FastScorer.of(grown).predictAll(history, got);
        assertThat(grown.config().members()).isEqualTo(2);
        for (int row = 0; row < expected.length; row++) {
            assertThat(got[row]).isCloseTo(expected[row], within(1e-5f));
        }

        ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(), pair.withEpochs(2),
                grown, listener);
        assertThat(reported).containsExactlyInAnyOrder("1/2:1", "1/2:2", "2/2:1", "2/2:2");
    }

    /** A history with a new movie and a known one recommends a full list of movies outside it. */
    private static void assertRecommendsWithTheNewMovies(HybridModel grown) {
        FastScorer scorer = FastScorer.of(grown);
        History history = ModelFixtures.plus(ModelFixtures.plus(ModelFixtures.HISTORIES.get(
                ModelFixtures.someUsers(3)[0]), NEW_MOVIE, 5f), OTHER_NEW_MOVIE, 2f);

        Recommended got = scorer.recommend(history, 10);

        assertThat(scorer.rowOfMovie(NEW_MOVIE)).isNotNegative();
        assertThat(got.size()).isEqualTo(10);
        assertThat(got.movieIds()).doesNotContain(history.movieIds());
        assertThat(got.scores()).doesNotContain(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        // the new movies' ratings are in the user's vector: the predictions differ from those without them
        float[] with = new float[scorer.movieCount()];
        float[] without = new float[scorer.movieCount()];
        scorer.predictAll(history, with);
        scorer.predictAll(ModelFixtures.HISTORIES.get(ModelFixtures.someUsers(3)[0]), without);
        assertThat(with).isNotEqualTo(without);
    }

    private static void assertSameRows(HybridModel before, HybridModel after, String layer, long rows) {
        INDArray old = before.rating().getLayer(layer).getParam("W");
        INDArray grown = after.rating().getLayer(layer).getParam("W");
        assertThat(grown.rows()).as(layer).isGreaterThan(old.rows());
        assertThat(grown.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()))
                .as(layer).isEqualTo(old.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()));
    }
}
