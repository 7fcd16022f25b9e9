package dev.recsys.streams.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Static membership: what makes a restarted instance rejoin at once. */
class StaticMembershipTest {
    private static final String INSTANCE_ID = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

    @Test
    void anInstanceIsAStaticMemberWithTheSameIdAtEveryStartAndAnotherIdForAnotherStateDirectory() {
        Object id = properties("/var/lib/recsys/a").get(INSTANCE_ID);

        assertThat(id).asString().startsWith("recsys-streams-");
        assertThat(properties("/var/lib/recsys/a").get(INSTANCE_ID)).isEqualTo(id);
        assertThat(properties("/var/lib/recsys/b").get(INSTANCE_ID)).isNotEqualTo(id);
        assertThat(properties("/var/lib/recsys/a"))
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
    }

    @Test
    void anOverrideChoosesTheInstanceId() {
        StreamsSettings pinned = StreamsSettings.parse("--state-dir", "/tmp/x", "--application-id",
                "recsys-streams", "--config", "main.consumer.group.instance.id=pod-0");

        assertThat(pinned.streamsProperties(8080)).containsEntry(INSTANCE_ID, "pod-0");
    }

    private static java.util.Properties properties(String stateDir) {
        return StreamsSettings.parse("--state-dir", stateDir, "--application-id", "recsys-streams")
                .streamsProperties(8080);
    }
}
