package dev.recsys.embedded.junit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerBrokerTest {

    @Test
    void namesEnvironmentVariablesTheWayTheApacheKafkaImageReadsThem() {
        assertThat(ContainerBroker.environmentName("message.max.bytes")).isEqualTo("KAFKA_MESSAGE_MAX_BYTES");
        assertThat(ContainerBroker.environmentName("listener.name.internal_x.ssl-key"))
                .isEqualTo("KAFKA_LISTENER_NAME_INTERNAL__X_SSL___KEY");
    }

    @Test
    void passesEveryBrokerPropertyAsAVariable() {
        assertThat(ContainerBroker.environment(Map.of("auto.create.topics.enable", "false")))
                .containsExactly(Map.entry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"));
    }
}
