package dev.recsys.streams.config;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsPropertiesTest {
    private static final String INSTANCE_ID = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

    @Test
    void anInstanceIsAStaticMemberWithTheSameIdAtEveryStartAndAnotherIdForAnotherStateDirectory() {
        StreamsSettings one = settings("/var/lib/recsys/a");
        StreamsSettings again = settings("/var/lib/recsys/a");
        StreamsSettings other = settings("/var/lib/recsys/b");

        Object id = StreamsProperties.of(one).get(INSTANCE_ID);
        assertThat(id).asString().startsWith("recsys-streams-");
        assertThat(StreamsProperties.of(again).get(INSTANCE_ID)).isEqualTo(id);
        assertThat(StreamsProperties.of(other).get(INSTANCE_ID)).isNotEqualTo(id);
        assertThat(StreamsProperties.of(one))
                .containsEntry(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 15_000);
    }

    @Test
    void anOverrideChoosesTheInstanceId() {
        StreamsSettings pinned = StreamsSettings.fromEnv(Map.of("STREAMS_STATE_DIR", "/tmp/x",
                "STREAMS_APPLICATION_ID", "recsys-streams", "STREAMS_CONFIG_MAIN_CONSUMER_GROUP_INSTANCE_ID", "pod-0"));

        assertThat(StreamsProperties.of(pinned)).containsEntry(INSTANCE_ID, "pod-0");
    }

    private static StreamsSettings settings(String stateDir) {
        return StreamsSettings.fromEnv(Map.of("STREAMS_STATE_DIR", stateDir, "STREAMS_APPLICATION_ID",
                "recsys-streams"));
    }
}
