package dev.recsys.model;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelFactoryTest {

    @Test
    void studyGraphIsTheStudysNetworkWithItsUserVectorFromTheHistory() {
        ModelConfig study = ModelConfig.study();
        ComputationGraph g = ModelFactory.rating(study, 1683, 3.5);

        // one history row per (movie, rating band); no bias column without bias terms
        assertShape(g, ModelFactory.HISTORY_POOL, 1683 * HistoryTokens.BANDS, 64);
        assertShape(g, ModelFactory.MOVIE_EMBEDDING, 1683, 64);
        assertShape(g, ModelFactory.HIDDEN1, 147, 64);
        assertShape(g, ModelFactory.HIDDEN2, 64, 32);
        assertShape(g, ModelFactory.SCORE, 32, 1);
        assertThat(((BaseLayer) layer(g, ModelFactory.HIDDEN1)).getActivationFn()).isInstanceOf(ActivationReLU.class);
        assertThat(((BaseLayer) layer(g, ModelFactory.HIDDEN2)).getActivationFn()).isInstanceOf(ActivationReLU.class);
        // PyTorch's Dropout(0.3) drops 30%: DL4J's dropOut takes the probability to keep, 0.7
        for (String name : new String[] {"user_dropout", "movie_dropout", ModelFactory.HIDDEN2, ModelFactory.SCORE}) {
            assertThat(((Dropout) layer(g, name).getIDropout()).getP()).as(name).isEqualTo(0.7);
        }
        assertThat(layer(g, ModelFactory.HIDDEN1).getIDropout()).as("genres are not dropped").isNull();
        Adam adam = (Adam) ((BaseLayer) layer(g, ModelFactory.HIDDEN1)).getIUpdater();
        assertThat(adam.getLearningRate()).isEqualTo(1e-3);
        assertThat(((BaseOutputLayer) layer(g, ModelFactory.SCORE)).getLossFn()).isInstanceOf(LossMSE.class);
        assertThat(g.getVertex(ModelFactory.MOVIE_BIAS)).isNull();
        assertThat(ModelFactory.outputName(study)).isEqualTo(ModelFactory.SCORE);
    }

    @Test
    void biasTermsAddABiasColumnToTheHistoryAndStartAtTheGlobalMean() {
        ModelConfig config = ModelConfig.defaults();
        ComputationGraph g = ModelFactory.rating(config, 21, 3.25);

        assertShape(g, ModelFactory.HISTORY_POOL, 21 * HistoryTokens.BANDS, 65);
        assertShape(g, ModelFactory.MOVIE_BIAS, 21, 1);
        assertThat(g.getLayer(ModelFactory.SCORE).getParam("b").getDouble(0)).isCloseTo(3.25, within(1e-6));
        assertThat(g.getLayer(ModelFactory.MOVIE_BIAS).getParam("W").sumNumber().doubleValue()).isZero();
        assertThat(ModelFactory.outputName(config)).isEqualTo(ModelFactory.OUTPUT);
    }

    @Test
    void theDefaultIsTwoIdenticalNetworksSideBySideAveraged() {
        ModelConfig config = ModelConfig.defaults();
        ComputationGraph g = ModelFactory.rating(config, 21, 3.25);

        assertThat(config.members()).isEqualTo(2);
        for (String name : new String[] {ModelFactory.HISTORY_POOL, ModelFactory.MOVIE_EMBEDDING,
            ModelFactory.HIDDEN1, ModelFactory.HIDDEN2, ModelFactory.SCORE, ModelFactory.MOVIE_BIAS,
            ModelFactory.DOT}) {
            String second = ModelFactory.member(name, 1);
            assertThat(second).isEqualTo("m2_" + name);
            assertThat(g.getLayer(second).getParam("W").shape()).as(name)
                    .isEqualTo(g.getLayer(name).getParam("W").shape());
        }
        assertThat(g.getLayer(ModelFactory.member(ModelFactory.SCORE, 1)).getParam("b").getDouble(0))
                .isCloseTo(3.25, within(1e-6));
        assertThat(g.getVertex(ModelFactory.member(ModelFactory.HISTORY_POOL, 2))).isNull();
        assertThat(g.getVertex(ModelFactory.ENSEMBLE).getInputVertices()).hasSize(2);
        assertThat(g.numParams()).isEqualTo(2 * ModelFactory.rating(config.member(0), 21, 3.25).numParams());
    }

    @Test
    void theRankingNetworkIsADenoisingAutoencoderWithASoftmaxOverTheCatalogue() {
        ModelConfig config = ModelConfig.defaults();
        MultiLayerNetwork ranking = ModelFactory.ranking(config, 50);

        FeedForwardLayer encoder = (FeedForwardLayer) ranking.getLayer(ModelFactory.RANKING_ENCODER).conf()
                .getLayer();
        BaseOutputLayer output = (BaseOutputLayer) ranking.getLayer(ModelFactory.RANKING_OUTPUT).conf().getLayer();
        assertThat(new long[] {encoder.getNIn(), encoder.getNOut()}).containsExactly(50, 64);
        assertThat(encoder.getActivationFn()).isInstanceOf(ActivationTanH.class);
        // the input (the rated movies) is dropped with probability ranking_dropout: DL4J takes the keep probability
        assertThat(((Dropout) encoder.getIDropout()).getP()).isEqualTo(1 - config.rankingDropout());
        assertThat(new long[] {output.getNIn(), output.getNOut()}).containsExactly(64, 50);
        assertThat(output.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(output.getLossFn()).isInstanceOf(LossMCXENT.class);
    }

    private static Layer layer(ComputationGraph g, String name) {
        return g.getLayer(name).conf().getLayer();
    }

    private static void assertShape(ComputationGraph g, String name, long nIn, long nOut) {
        FeedForwardLayer l = (FeedForwardLayer) layer(g, name);
        assertThat(new long[] {l.getNIn(), l.getNOut()}).as(name).containsExactly(nIn, nOut);
    }
}
