package dev.recsys.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** The flags; what the environment gives when a flag is absent is checked on a real process in the app module. */
class StreamsSettingsTest {

    @Test
    void flagsReachTheStreamsProperties() {
        StreamsSettings s = StreamsSettings.parse("--threads", "2", "--state-dir=/var/state",
                "--standby-replicas", "1", "--commit-interval-ms", "50", "--application-id", "app",
                "--bootstrap-servers", "kafka:9092", "--config", "linger.ms=20");

        assertThat(s.numThreads()).isEqualTo(2);
        assertThat(s.streamsProperties(8080))
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, Path.of("/var/state").toString())
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50L)
                .containsEntry("linger.ms", "20");
    }

    @Test
    void theProducerKeepsOneRequestInFlightUnlessToldOtherwise() {
        String inFlight = StreamsConfig.producerPrefix("max.in.flight.requests.per.connection");

        assertThat(StreamsSettings.parse().streamsProperties(8080)).containsEntry(inFlight, 1);
        assertThat(StreamsSettings.parse("--config", inFlight + "=5").streamsProperties(8080))
                .containsEntry(inFlight, "5");
    }

    @Test
    void aClientSettingOverridesWhatTheAppSetsItself() {
        StreamsSettings s = StreamsSettings.parse("--config", "processing.guarantee=at_least_once");

        assertThat(s.streamsProperties(8080)).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                "at_least_once");
    }

    @Test
    void theApplicationServerFollowsTheHttpPortUnlessPinned() {
        assertThat(StreamsSettings.parse("--http-port", "9001").applicationServer(9001)).isEqualTo("localhost:9001");
        assertThat(StreamsSettings.parse("--http-port", "9001", "--application-server", "streams:8080")
                .applicationServer(9001)).isEqualTo("streams:8080");
    }

    @Test
    void withAnyFreePortTheBoundOneIsAdvertised() {
        StreamsSettings s = StreamsSettings.parse("--http-port", "0", "--application-server", "app-1:0");

        assertThat(s.applicationServer(41234)).isEqualTo("app-1:41234");
        assertThat(s.streamsProperties(41234)).containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "app-1:41234");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFlag() {
        assertThatThrownBy(() -> StreamsSettings.parse("--threads", "many"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Invalid value for option '--threads': 'many' is not an int");
    }

    @Test
    void aValueOutOfRangeSaysTheRange() {
        assertThatThrownBy(() -> StreamsSettings.parse("--threads", "0"))
                .isInstanceOf(ParameterException.class).hasMessage("--threads must be at least 1, got 0");
        assertThatThrownBy(() -> StreamsSettings.parse("--http-port", "70000"))
                .isInstanceOf(ParameterException.class).hasMessage("--http-port must be 0..65535, got 70000");
        assertThatThrownBy(() -> StreamsSettings.parse("--application-server", "streams"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--application-server must be HOST:PORT, got streams");
    }

    @Test
    void anUnknownFlagOrAMissingValueIsAUsageError() {
        assertThatThrownBy(() -> StreamsSettings.parse("--colour"))
                .isInstanceOf(ParameterException.class).hasMessage("Unknown option: '--colour'");
        assertThatThrownBy(() -> StreamsSettings.parse("--http-port"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("Missing required parameter")
                .hasMessageContaining("--http-port");
    }

    @Test
    void theLoggedConfigurationMasksSecrets() {
        StreamsSettings s = StreamsSettings.parse("--config", "sasl.jaas.config=secret-stuff",
                "--schema-registry-user-info", "user:pw",
                "--schema-registry-url", "https://fred:hunter2@registry:8081");

        assertThat(s.describe())
                .containsEntry("schema.registry.url", "https://********@registry:8081")
                .containsEntry("schema.registry.basic.auth.user.info", "********")
                .containsEntry("sasl.jaas.config", "********");
        assertThat(s.describe().toString()).doesNotContain("secret-stuff", "user:pw", "hunter2");
    }
}
