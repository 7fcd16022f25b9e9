package dev.recsys.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelConfigTest {

    @Test
    void theArchitectureIsTheLayersAndShapesNotTheLearningSettings() {
        ModelConfig defaults = ModelConfig.defaults();
        assertThat(defaults.architecture()).isEqualTo("64/64/32+bias+dot");
        assertThat(ModelConfig.study().architecture()).isEqualTo("64/64/32");
        assertThat(defaults.sameArchitecture(defaults.with(Map.of("learning_rate", "0.001", "epochs", "3",
                "seed", "7", "members", "1", "average_from", "0")))).isTrue();
        for (String change : new String[] {"embedding_size=16", "hidden1=128", "hidden2=16", "dot_term=false",
            "user_features=true"}) {
            String[] kv = change.split("=");
            assertThat(defaults.sameArchitecture(defaults.with(Map.of(kv[0], kv[1])))).as(change).isFalse();
        }
        assertThat(defaults.sameArchitecture(ModelConfig.study())).isFalse();
    }
}
