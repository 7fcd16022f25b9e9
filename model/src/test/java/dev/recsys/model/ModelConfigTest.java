package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    @Test
    void theArchitectureIsTheLayersAndShapesNotTheLearningSettings() {
        ModelConfig defaults = ModelConfig.defaults();

        assertThat(defaults.architecture()).isEqualTo("64/64/32+bias+dot, ranking 64");
        assertThat(ModelConfig.study().architecture()).isEqualTo("64/64/32");
        assertThat(defaults.sameArchitecture(defaults.with(Map.of("learning_rate", "0.001", "epochs", "3",
                "seed", "7", "members", "1", "average_from", "0", "ranking_epochs", "5", "blend_weight", "0.5",
                "bias_shrinkage", "2")))).isTrue();
        for (String change : new String[] {"embedding_size=16", "hidden1=128", "hidden2=16", "dot_term=false",
            "ranking=false", "ranking_width=32"}) {
            String[] kv = change.split("=");
            assertThat(defaults.sameArchitecture(defaults.with(Map.of(kv[0], kv[1])))).as(change).isFalse();
        }
        assertThat(defaults.sameArchitecture(ModelConfig.study())).isFalse();
    }

    @Test
    void survivesItsMap() {
        ModelConfig tuned = ModelConfig.defaults().with(Map.of("learning_rate", "0.002", "ranking_width", "32",
                "low_rating_weight", "0.25", "blend_weight", "0.5"));

        assertThat(ModelConfig.fromMap(tuned.toMap())).isEqualTo(tuned);
        assertThat(ModelConfig.fromMap(ModelConfig.study().toMap())).isEqualTo(ModelConfig.study());
    }

    @Test
    void theStudyOrdersByPredictedRatingAndTheDefaultRanksWithABlendChosenOnValidation() {
        assertThat(ModelConfig.study().ranking()).isFalse();
        assertThat(ModelConfig.defaults().ranking()).isTrue();
        assertThat(ModelConfig.defaults().blendChosen()).isTrue();
        assertThat(ModelConfig.defaults().with(Map.of("blend_weight", "0.5")).blendChosen()).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ModelConfig.study().with(Map.of("dot_term", "true")))
                .hasMessageContaining("dot_term requires bias_terms");
        assertThatThrownBy(() -> ModelConfig.study().withMembers(2))
                .hasMessageContaining("members > 1 requires bias_terms");
        assertThatThrownBy(() -> ModelConfig.defaults().with(Map.of("dropout", "1.0")))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> ModelConfig.defaults().with(Map.of("low_rating_weight", "0")))
                .hasMessageContaining("lowRatingWeight must be in (0, 1]");
        assertThatThrownBy(() -> ModelConfig.defaults().with(Map.of("blend_weight", "NaN")))
                .hasMessageContaining("blendWeight must be a number");
        assertThatThrownBy(() -> ModelConfig.defaults().with(Map.of("ranking", "maybe")))
                .hasMessageContaining("bad hyperparameter value: ranking=maybe");
        assertThatThrownBy(() -> ModelConfig.named("best")).hasMessageContaining("unknown config 'best'");
    }

    @Test
    void aMemberIsOneNetworkSeededByItsIndex() {
        ModelConfig pair = ModelConfig.defaults();

        assertThat(pair.member(1).members()).isEqualTo(1);
        assertThat(pair.member(1).seed()).isEqualTo(pair.seed() + 1);
        assertThatThrownBy(() -> pair.member(2)).hasMessageContaining("member 2 of 2");
    }
}
