package dev.recsys.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConfigTest {

    private static final Path DATA = Path.of("data");

    @Test
    void makesOneCombinedNodeListeningOnLoopbackOnly() {
        Map<String, String> props = NodeConfig.properties(7, "127.0.0.1", 9092, 9093, DATA, Map.of());

        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "7")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("controller.quorum.voters", "7@127.0.0.1:9093")
                .containsEntry("log.dirs", DATA.toString())
                .containsEntry("unstable.feature.versions.enable", "false");
    }

    @Test
    void carriesTheProjectDefaultsAndLetsOverridesWin() {
        Map<String, String> props = NodeConfig.properties(1, "127.0.0.1", 1, 2, DATA,
                Map.of("message.max.bytes", "1048588", "log.retention.ms", "1000"));

        assertThat(props).containsAllEntriesOf(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "message.max.bytes", "1048588",
                "log.retention.ms", "1000"));
    }

    @Test
    void refusesOverridesOfTheSettingsThatWireTheNode() {
        assertThatThrownBy(() -> NodeConfig.properties(1, "127.0.0.1", 1, 2, DATA,
                Map.of("log.dirs", "/elsewhere", "listeners", "PLAINTEXT://:9092", "log.retention.ms", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[listeners, log.dirs]");
    }
}
