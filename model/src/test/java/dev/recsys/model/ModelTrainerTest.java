package dev.recsys.model;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelTrainerTest {

    @Test
    void warmStartGrowsEmbeddingsForNewIdsAndKeepsKnownRows() {
        HybridModel base = ModelFixtures.defaultModel();
        RatingData fresh = new RatingData();
        fresh.add(777_001, base.movies().rawIdAt(0), 4f);
        fresh.add(base.users().rawIdAt(3), 999_001, 2f);
        ModelConfig noTraining = base.config().withEpochs(0);

        HybridModel grown = ModelTrainer.train(fresh, null, Map.of(999_001, 1 << 8), noTraining, base, null);

        assertThat(grown.users().size()).isEqualTo(base.users().size() + 1);
        assertThat(grown.movies().size()).isEqualTo(base.movies().size() + 1);
        assertThat(grown.users().rowOf(777_001)).isEqualTo(base.users().size());
        assertThat(grown.movieGenreMasks()[grown.movies().rowOf(999_001)]).isEqualTo(1 << 8);
        for (String table : List.of(ModelFactory.USER_EMBEDDING, ModelFactory.MOVIE_EMBEDDING,
                ModelFactory.USER_BIAS, ModelFactory.MOVIE_BIAS)) {
            INDArray before = base.graph().getLayer(table).getParam("W");
            INDArray after = grown.graph().getLayer(table).getParam("W");
            assertThat(after.rows()).isEqualTo(before.rows() + 1);
            for (int row = 0; row < before.rows() - 1; row++) {
                assertThat(after.getRow(row)).as("%s row %d", table, row).isEqualTo(before.getRow(row));
            }
        }
        // the known pairs predict as before
        int u = base.users().rawIdAt(7);
        int m = base.movies().rawIdAt(9);
        assertThat(grown.predict(u, m)).isEqualTo(base.predict(u, m));
    }

    @Test
    void warmStartTrainingMovesNewUsersAndLeavesUnratedKnownRowsAlone() {
        HybridModel base = ModelFixtures.defaultModel();
        RatingData fresh = new RatingData();
        for (int i = 0; i < 200; i++) {
            fresh.add(888_000 + i % 10, base.movies().rawIdAt(i % 50), 1 + i % 5);
        }
        // without L2, which would shrink every row a little on every step
        ModelConfig noL2 = base.config().with(Map.of("embedding_l2", "0", "bias_l2", "0", "epochs", "1"));
        HybridModel next = ModelTrainer.train(fresh, null, Map.of(), noL2, base, null);

        INDArray before = base.graph().getLayer(ModelFactory.USER_EMBEDDING).getParam("W");
        INDArray after = next.graph().getLayer(ModelFactory.USER_EMBEDDING).getParam("W");
        // no rating touched user row 0, and a fresh Adam moves rows only along their gradient
        assertThat(after.getRow(0)).isEqualTo(before.getRow(0));
        int newRow = next.users().rowOf(888_000);
        assertThat(after.getRow(newRow)).isNotEqualTo(before.getRow(base.users().size()));
    }

    @Test
    void warmStartRejectsAnotherArchitecture() {
        RatingData fresh = new RatingData();
        fresh.add(1, 2, 3f);
        ModelConfig wider = ModelConfig.defaults().with(Map.of("embedding_size", "32", "epochs", "0"));
        assertThatThrownBy(() -> ModelTrainer.train(fresh, null, Map.of(), wider, ModelFixtures.defaultModel(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot warm-start");
    }

    @Test
    void reportsEveryEpochAndStopsEarlyKeepingTheBestWeights() {
        TestRatings data = ModelFixtures.DATA;
        RatingData validation = new RatingData();
        RatingData train = new RatingData();
        for (int i = 0; i < data.ratings().size(); i++) {
            (i % 10 == 0 ? validation : train).add(data.ratings().userId(i), data.ratings().movieId(i),
                    data.ratings().rating(i));
        }
        // a high learning rate without dropout overfits quickly: validation loss turns up within a few epochs
        ModelConfig overfitting = ModelConfig.defaults().with(Map.of("epochs", "40", "patience", "2",
                "dropout", "0.0", "learning_rate", "0.01", "batch_size", "128", "average_from", "0", "members", "1"));
        List<double[]> epochs = new ArrayList<>();
        HybridModel model = ModelTrainer.train(train, validation, data.genreMasks(), overfitting, null,
                (epoch, trainLoss, valLoss, seconds) -> epochs.add(new double[] {epoch, trainLoss, valLoss}));

        assertThat(epochs).hasSizeLessThan(40).hasSizeGreaterThan(2);
        double best = epochs.stream().mapToDouble(e -> e[2]).min().orElseThrow();
        assertThat(ModelMetrics.evaluate(model, validation).get("mse")).isCloseTo(best, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(epochs.get(epochs.size() - 1)[2]).isGreaterThan(best);
    }

    @Test
    void decaysTheLearningRateByEpochWhileUserFeaturesStayFrozen() {
        ModelConfig decaying = ModelConfig.defaults().with(Map.of("epochs", "3", "learning_rate_decay", "0.5",
                "user_features", "true"));
        HybridModel model = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                ModelFixtures.demographics(), decaying, null, null);

        Adam adam = (Adam) ((BaseLayer) model.graph().getLayer(ModelFactory.HIDDEN1).conf().getLayer()).getIUpdater();
        assertThat(adam.getLearningRate(0, 2)).isCloseTo(decaying.learningRate() * 0.25, within(1e-12));
        int row = model.users().rowOf(ModelFixtures.DATA.ratings().userId(0));
        assertThat(model.graph().getLayer(ModelFactory.USER_FEATURES).getParam("W").getRow(row).toFloatVector())
                .containsExactly(UserFeatures.of(ModelFixtures.demographics().get(model.users().rawIdAt(row))));
    }

    @Test
    void weightAveragingKeepsTheMeanOfTheEpochsWeights() {
        ModelConfig plain = ModelConfig.defaults().with(Map.of("epochs", "3", "patience", "0", "average_from", "0"));
        // the same seed trains the same weights, so 2- and 3-epoch runs give the weights the average is made of
        HybridModel averaged = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain.with(Map.of("average_from", "2")), null, null);
        HybridModel last = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain, null, null);
        HybridModel second = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain.withEpochs(2), null, null);

        INDArray expected = last.graph().params().add(second.graph().params()).div(2);
        assertThat(averaged.graph().params().equalsWithEps(expected, 1e-5)).isTrue();
        assertThat(averaged.graph().params().equalsWithEps(last.graph().params(), 1e-3)).isFalse();
    }

    @Test
    void anEnsembleAveragesMembersThatAreTheNetworksTheirSeedsTrainAlone() {
        HybridModel ensemble = ModelFixtures.defaultModel();
        ModelConfig config = ensemble.config();
        assertThat(config.members()).isEqualTo(2);
        // trained in parallel, each member is exactly the network its seed trains on its own
        for (int k = 0; k < 2; k++) {
            HybridModel alone = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                    config.member(k), null, null);
            assertThat(alone.config().seed()).isEqualTo(config.seed() + k);
            assertThat(ensemble.member(k).graph().params().equalsWithEps(alone.graph().params(), 1e-6))
                    .as("member %d", k).isTrue();
        }
        assertThat(ensemble.member(0).graph().params().equalsWithEps(ensemble.member(1).graph().params(), 1e-3))
                .isFalse();
        int n = 300;
        int[] users = new int[n];
        int[] movies = new int[n];
        for (int i = 0; i < n; i++) {
            users[i] = i % 7 == 0 ? 123_456 : ensemble.users().rawIdAt(i % ensemble.users().size());
            movies[i] = ensemble.movies().rawIdAt((i * 13) % ensemble.movies().size());
        }
        float[] both = ensemble.predict(users, movies);
        float[] first = ensemble.member(0).predict(users, movies);
        float[] second = ensemble.member(1).predict(users, movies);
        for (int i = 0; i < n; i++) {
            assertThat(both[i]).isCloseTo((first[i] + second[i]) / 2, within(1e-5f));
        }
    }

    @Test
    void everyMemberReportsItsEpochsAndWarmStartsFromASingleNetwork() {
        ModelConfig pair = ModelFixtures.quick(ModelConfig.defaults());
        HybridModel single = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                pair.member(0), null, null);
        RatingData fresh = new RatingData();
        fresh.add(777_002, single.movies().rawIdAt(0), 5f);
        List<int[]> reported = new ArrayList<>();
        EpochListener listener = new EpochListener.PerMember() {
            @Override
            public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                                      double seconds) {
                reported.add(new int[] {member, members, epoch});
            }
        };
        HybridModel grown = ModelTrainer.train(fresh, null, Map.of(), pair.withEpochs(0), single, listener);
        assertThat(reported).isEmpty();
        // with no epoch run, both members are the single network: the ensemble predicts as it does
        int u = single.users().rawIdAt(5);
        int m = single.movies().rawIdAt(11);
        assertThat(grown.config().members()).isEqualTo(2);
        assertThat(grown.predict(u, m)).isCloseTo(single.predict(u, m), within(1e-5f));

        ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(), pair.withEpochs(2),
                grown, listener);
        assertThat(reported).extracting(r -> r[0] + "/" + r[1] + ":" + r[2])
                .containsExactlyInAnyOrder("1/2:1", "1/2:2", "2/2:1", "2/2:2");
    }

    @Test
    void aModelRefusesAConfigWithAnotherNumberOfMembers() {
        HybridModel ensemble = ModelFixtures.defaultModel();
        assertThatThrownBy(() -> new HybridModel(ensemble.graph(), ensemble.users(), ensemble.movies(),
                ensemble.movieGenreMasks(), ensemble.config().withMembers(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the graph has 2 member network(s), the config's members=1");
    }
}
