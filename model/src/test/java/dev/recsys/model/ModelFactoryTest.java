package dev.recsys.model;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelFactoryTest {

    @Test
    void studyGraphIsTheStudysArchitecture() {
        ModelConfig study = ModelConfig.study();
        ComputationGraph g = ModelFactory.create(study, 944, 1683, 3.5);

        assertShape(g, ModelFactory.USER_EMBEDDING, 944, 64);
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
        assertThat(study.epochs()).isEqualTo(15);
        assertThat(g.getVertex(ModelFactory.USER_BIAS)).isNull();
    }

    @Test
    void biasTermsStartAtTheGlobalMean() {
        ModelConfig config = ModelConfig.defaults();
        ComputationGraph g = ModelFactory.create(config, 11, 21, 3.25);
        assertThat(g.getLayer(ModelFactory.SCORE).getParam("b").getDouble(0)).isCloseTo(3.25, within(1e-6));
        assertThat(g.getLayer(ModelFactory.USER_BIAS).getParam("W").sumNumber().doubleValue()).isZero();
        assertShape(g, ModelFactory.MOVIE_BIAS, 21, 1);
    }

    @Test
    void theDefaultIsTwoIdenticalNetworksSideBySideAveraged() {
        ModelConfig config = ModelConfig.defaults();
        ComputationGraph g = ModelFactory.create(config, 11, 21, 3.25);
        assertThat(config.members()).isEqualTo(2);
        for (String name : new String[] {ModelFactory.USER_EMBEDDING, ModelFactory.MOVIE_EMBEDDING,
            ModelFactory.HIDDEN1, ModelFactory.HIDDEN2, ModelFactory.SCORE, ModelFactory.USER_BIAS,
            ModelFactory.MOVIE_BIAS, ModelFactory.DOT}) {
            String second = ModelFactory.member(name, 1);
            assertThat(second).isEqualTo("m2_" + name);
            assertThat(g.getLayer(second).getParam("W").shape()).as(name)
                    .isEqualTo(g.getLayer(name).getParam("W").shape());
        }
        assertThat(g.getLayer(ModelFactory.member(ModelFactory.SCORE, 1)).getParam("b").getDouble(0))
                .isCloseTo(3.25, within(1e-6));
        assertThat(g.getVertex(ModelFactory.member(ModelFactory.USER_EMBEDDING, 2))).isNull();
        assertThat(g.getVertex(ModelFactory.ENSEMBLE).getInputVertices()).hasSize(2);
        assertThat(g.numParams()).isEqualTo(2 * ModelFactory.create(config.member(0), 11, 21, 3.25).numParams());
        assertThatThrownBy(() -> ModelConfig.study().withMembers(2))
                .hasMessageContaining("members > 1 requires bias_terms");
    }

    @Test
    void configSurvivesItsMapAndRejectsNonsense() {
        ModelConfig tuned = ModelConfig.defaults().with(Map.of("dot_term", "true", "learning_rate", "0.002"));
        assertThat(ModelConfig.fromMap(tuned.toMap())).isEqualTo(tuned);
        assertThat(ModelConfig.fromMap(ModelConfig.study().toMap())).isEqualTo(ModelConfig.study());
        assertThatThrownBy(() -> ModelConfig.study().with(Map.of("dot_term", "true")))
                .hasMessageContaining("dot_term requires bias_terms");
        assertThatThrownBy(() -> ModelConfig.defaults().with(Map.of("dropout", "1.0")))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> ModelConfig.named("best")).hasMessageContaining("unknown config 'best'");
    }

    private static Layer layer(ComputationGraph g, String name) {
        return g.getLayer(name).conf().getLayer();
    }

    private static void assertShape(ComputationGraph g, String name, long nIn, long nOut) {
        FeedForwardLayer l = (FeedForwardLayer) layer(g, name);
        assertThat(new long[] {l.getNIn(), l.getNOut()}).as(name).containsExactly(nIn, nOut);
    }
}
