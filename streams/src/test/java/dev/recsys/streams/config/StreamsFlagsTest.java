package dev.recsys.streams.config;

import dev.recsys.config.UsageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsFlagsTest {
    @Test
    void flagsWinOverEnvironmentAndEnvironmentOverDefaults() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "STREAMS_NUM_THREADS", "3",
                "STREAMS_CONFIG_MAX_POLL_RECORDS", "250");
        StreamsSettings s = StreamsFlags.parse(new String[] {"--threads", "2", "--state-dir=/var/state",
            "--standby-replicas", "1", "--config", "linger.ms=20"}, env);
        assertThat(s.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(s.numThreads()).isEqualTo(2);
        assertThat(s.standbyReplicas()).isEqualTo(1);
        assertThat(s.stateDir()).isEqualTo(Path.of("/var/state"));
        assertThat(s.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(s.kafkaOverrides()).containsEntry("max.poll.records", "250").containsEntry("linger.ms", "20");
        assertThat(StreamsProperties.of(s)).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2).containsEntry("linger.ms", "20")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    }

    @Test
    void theApplicationServerFollowsTheHttpPortUnlessPinned() {
        assertThat(StreamsFlags.parse(new String[] {"--http-port", "9001"}, Map.of()).applicationServer())
                .isEqualTo("localhost:9001");
        assertThat(StreamsFlags.parse(new String[] {"--http-port", "9001"},
                Map.of("STREAMS_APPLICATION_SERVER", "streams:8080")).applicationServer()).isEqualTo("streams:8080");
    }

    @Test
    void badFlagsAreUsageErrorsWithOneClearLine() {
        assertThatThrownBy(() -> StreamsFlags.parse(new String[] {"--threads", "many"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("--threads must be an integer, got 'many'");
        assertThatThrownBy(() -> StreamsFlags.parse(new String[] {"--colour"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("unknown flag --colour");
        assertThatThrownBy(() -> StreamsFlags.parse(new String[] {"--threads", "0"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("threads must be at least 1");
        assertThatThrownBy(() -> StreamsFlags.parse(new String[] {"--http-port"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("--http-port needs a value");
        assertThatThrownBy(() -> StreamsFlags.parse(new String[0], Map.of("STREAMS_NUM_THREADS", "x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("STREAMS_NUM_THREADS");
        assertThat(StreamsFlags.parse(new String[] {"--help"}, Map.of())).isNull();
    }

    @Test
    void describeMasksSecrets() {
        StreamsSettings s = StreamsFlags.parse(new String[] {"--config", "sasl.jaas.config=secret-stuff"},
                Map.of("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "user:pw"));
        assertThat(s.describe().toString()).doesNotContain("secret-stuff").doesNotContain("user:pw");
    }

    @Test
    void describeMasksCredentialsInTheRegistryUrl() {
        StreamsSettings s = StreamsFlags.parse(new String[] {"--schema-registry-url",
            "https://fred:hunter2@registry:8081"}, Map.of());
        assertThat(s.describe()).containsEntry("schema.registry.url", "https://********@registry:8081");
        assertThat(s.describe().toString()).doesNotContain("hunter2");
    }
}
