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
    void anEnsemblesMembersAreTheNetworksTheirSeedsTrainAlone() {
        ModelConfig pair = ModelFixtures.quick(ModelConfig.defaults()).with(Map.of("ranking", "false"));
        HybridModel ensemble = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                pair, null, null);

        // trained in parallel, each member is exactly the network its seed trains on its own
        for (int k = 0; k < 2; k++) {
            HybridModel alone = ModelTrainer.train(ModelFixtures.DATA.ratings(), null,
                    ModelFixtures.DATA.genreMasks(), pair.member(k), null, null);
            assertThat(alone.config().seed()).isEqualTo(pair.seed() + k);
            assertThat(ensemble.member(k).rating().params().equalsWithEps(alone.rating().params(), 1e-6))
                    .as("member %d", k).isTrue();
        }
        assertThat(ensemble.member(0).rating().params().equalsWithEps(ensemble.member(1).rating().params(), 1e-3))
                .isFalse();
    }

    @Test
    void stopsEarlyKeepingTheBestWeights() {
        RatingData[] parts = trainAndValidation();
        // a high learning rate without dropout overfits quickly: validation loss turns up within a few epochs
        ModelConfig overfitting = ModelConfig.defaults().with(Map.of("epochs", "40", "patience", "2",
                "dropout", "0.0", "learning_rate", "0.01", "batch_size", "128", "average_from", "0", "members", "1",
                "ranking", "false"));
        List<double[]> epochs = new ArrayList<>();

        HybridModel model = ModelTrainer.train(parts[0], HeldOut.byUser(parts[0], parts[1]),
                ModelFixtures.DATA.genreMasks(), overfitting,
                null, (epoch, trainLoss, valLoss, seconds) -> epochs.add(new double[] {epoch, trainLoss, valLoss}));

        assertThat(epochs).hasSizeLessThan(40).hasSizeGreaterThan(2);
        double best = epochs.stream().mapToDouble(e -> e[2]).min().orElseThrow();
        // validation users are read from their training history, as in training
        assertThat(ModelMetrics.evaluate(model, parts[1], History.byUser(parts[0])).get("mse"))
                .isCloseTo(best, within(1e-5));
        assertThat(epochs.get(epochs.size() - 1)[2]).isGreaterThan(best);
    }

    @Test
    void aListenerThatStopsAfterTheFirstEpochKeepsWhatThatEpochTrained() {
        RatingData[] parts = trainAndValidation();
        HeldOut validation = HeldOut.byUser(parts[0], parts[1]);
        ModelConfig config = ModelFixtures.quick(ModelConfig.defaults()).with(Map.of("epochs", "10",
                "ranking_epochs", "10"));
        List<double[]> memberEpochs = new ArrayList<>();
        List<double[]> rankingEpochs = new ArrayList<>();
        EpochListener budget = new EpochListener.PerMember() {
            @Override
            public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                                      double seconds) {
                memberEpochs.add(new double[] {member, epoch, validationLoss});
            }

            @Override
            public void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double ndcg, double seconds) {
                rankingEpochs.add(new double[] {epoch, ndcg});
            }

            @Override
            public boolean stopAfterEpoch(double seconds) {
                return true;   // a budget that is spent by the end of the first epoch
            }
        };

        HybridModel model = ModelTrainer.train(parts[0], validation, ModelFixtures.DATA.genreMasks(), config, null,
                budget);

        assertThat(memberEpochs).extracting(e -> (int) e[1]).containsExactly(1, 1);
        // the ranking network validates the epoch it stops after, though it validates every fifth otherwise
        assertThat(rankingEpochs).hasSize(1).allSatisfy(e -> {
            assertThat(e[0]).isEqualTo(1);
            assertThat(e[1]).isBetween(0.0, 1.0);
        });
        // each member keeps the weights its first epoch validated
        Map<Integer, History> histories = History.byUser(parts[0]);
        for (double[] epoch : memberEpochs) {
            HybridModel member = model.member((int) epoch[0] - 1);
            assertThat(ModelMetrics.evaluate(member, parts[1], histories).get("mse")).isCloseTo(epoch[2],
                    within(1e-5));
        }
        assertThat(ModelMetrics.evaluate(model, parts[1], histories).get("mse")).isFinite();
        assertThat(ModelMetrics.ranking(model, validation.lists(), 10).ndcg()).isBetween(0.0, 1.0);
    }

    @Test
    void validatesOnUsersWithoutTrainingRatings() {
        RatingData validation = new RatingData();
        for (int i = 0; i < 20; i++) {
            validation.add(777_000 + i, ModelFixtures.DATA.ratings().movieId(i), 4f);
        }
        ModelConfig quick = ModelFixtures.quick(ModelConfig.defaults()).with(Map.of("members", "1", "epochs", "1",
                "ranking", "false"));
        List<Double> losses = new ArrayList<>();

        ModelTrainer.train(ModelFixtures.DATA.ratings(), HeldOut.byUser(ModelFixtures.DATA.ratings(), validation),
                ModelFixtures.DATA.genreMasks(), quick, null,
                (epoch, trainLoss, valLoss, seconds) -> losses.add(valLoss));

        assertThat(losses).hasSize(1).allMatch(Double::isFinite);
    }

    @Test
    void decaysTheLearningRateByEpoch() {
        ModelConfig decaying = ModelConfig.defaults().with(Map.of("epochs", "3", "learning_rate_decay", "0.5",
                "members", "1", "ranking", "false"));
        HybridModel model = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                decaying, null, null);

        Adam adam = (Adam) ((BaseLayer) model.rating().getLayer(ModelFactory.HIDDEN1).conf().getLayer())
                .getIUpdater();
        assertThat(adam.getLearningRate(0, 2)).isCloseTo(decaying.learningRate() * 0.25, within(1e-12));
    }

    @Test
    void weightAveragingKeepsTheMeanOfTheEpochsWeights() {
        ModelConfig plain = ModelConfig.defaults().with(Map.of("epochs", "3", "patience", "0", "average_from", "0",
                "members", "1", "ranking", "false", "batch_size", "512"));
        // the same seed trains the same weights, so 2- and 3-epoch runs give the weights the average is made of
        HybridModel averaged = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain.with(Map.of("average_from", "2")), null, null);
        HybridModel last = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain, null, null);
        HybridModel second = ModelTrainer.train(ModelFixtures.DATA.ratings(), null, ModelFixtures.DATA.genreMasks(),
                plain.withEpochs(2), null, null);

        INDArray expected = last.rating().params().add(second.rating().params()).div(2);
        assertThat(averaged.rating().params().equalsWithEps(expected, 1e-5)).isTrue();
        assertThat(averaged.rating().params().equalsWithEps(last.rating().params(), 1e-3)).isFalse();
    }

    @Test
    void withoutValidationDataTheChosenBlendWeightIsZero() {
        // the fixture's config chooses the weight (blend_weight < 0) and it was trained without validation data
        HybridModel model = ModelFixtures.defaultModel();

        assertThat(model.config().blendChosen()).isTrue();
        assertThat(model.blendWeight()).isZero();
    }

    @Test
    void withValidationDataTheBlendWeightAndRecencyAreOfTheGrids() {
        RatingData[] parts = trainAndValidation();
        ModelConfig quick = ModelFixtures.quick(ModelConfig.defaults()).with(Map.of("members", "1", "epochs", "1"));

        HybridModel model = ModelTrainer.train(parts[0], HeldOut.byUser(parts[0], parts[1]),
                ModelFixtures.DATA.genreMasks(), quick, null, null);

        assertThat(BlendChoice.WEIGHTS).contains(model.blendWeight());
        assertThat(BlendChoice.RECENCIES).contains(model.recency());
    }

    @Test
    void aFixedRecencyIsKeptAndWithoutValidationAChosenOneIsOne() {
        ModelConfig quick = ModelFixtures.quick(ModelConfig.defaults()).with(Map.of("members", "1", "epochs", "1"));
        RatingData[] parts = trainAndValidation();

        HybridModel fixed = ModelTrainer.train(parts[0], HeldOut.byUser(parts[0], parts[1]),
                ModelFixtures.DATA.genreMasks(), quick.with(Map.of("recency", "0.6")), null, null);
        HybridModel unjudged = ModelTrainer.train(parts[0], null, ModelFixtures.DATA.genreMasks(), quick, null, null);

        assertThat(fixed.recency()).isEqualTo(0.6f);
        assertThat(unjudged.recency()).isEqualTo(1f);
        assertThat(unjudged.blendWeight()).isZero();
    }

    @Test
    void refusesToTrainOnNothing() {
        assertThatThrownBy(() -> ModelTrainer.train(new RatingData(), null, Map.of(), ModelConfig.defaults(), null,
                null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ratings to train on");
    }

    /** {train, validation}: every tenth rating of the fixture's data held out. */
    private static RatingData[] trainAndValidation() {
        RatingData data = ModelFixtures.DATA.ratings();
        RatingData validation = new RatingData();
        RatingData train = new RatingData();
        for (int i = 0; i < data.size(); i++) {
            (i % 10 == 0 ? validation : train).add(data.userId(i), data.movieId(i), data.rating(i));
        }
        return new RatingData[] {train, validation};
    }
}
