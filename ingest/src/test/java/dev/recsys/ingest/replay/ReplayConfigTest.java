package dev.recsys.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.ingest.cli.CliArgs;
import dev.recsys.ingest.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayConfigTest {

    @Test
    void emptyEnvironmentGivesKafkaStyleDefaults() {
        ReplayConfig config = ReplayConfig.fromEnv(Map.of());

        assertThat(config.dataDir()).isNull();
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.pacing()).isEqualTo(Pacing.fullSpeed());
        assertThat(config.limit()).isEqualTo(-1);
        assertThat(config.skip()).isZero();
        assertThat(config.partitions()).isEqualTo(4);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.onError()).isEqualTo(OnError.SKIP);
        assertThat(config.compression()).isEqualTo("lz4");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void readsEveryVariableAndFlagsWinOverThem() {
        Map<String, String> env = Map.of("INGEST_DATA_DIR", "/data/ml-100k", "INGEST_RATE", "200",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SCHEMA_REGISTRY_URL", "http://registry:8081",
                "INGEST_LIMIT", "1_000", "INGEST_SKIP", "10", "INGEST_PARTITIONS", "8",
                "INGEST_REPLICATION_FACTOR", "3", "INGEST_ON_ERROR", "fail", "INGEST_COMPRESSION", "zstd");
        Map<String, String> flags = CliArgs.parse(new String[] {"--rate=50", "--partitions", "2"}, ReplayEnv.OPTIONS);

        ReplayConfig config = ReplayConfig.fromEnv(Settings.withFlags(env, flags, ReplayEnv.OPTIONS));

        assertThat(config.dataDir()).isEqualTo(Path.of("/data/ml-100k"));
        assertThat(config.pacing()).isEqualTo(Pacing.rate(50));
        assertThat(config.partitions()).isEqualTo(2);
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081");
        assertThat(config.limit()).isEqualTo(1000);
        assertThat(config.skip()).isEqualTo(10);
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.onError()).isEqualTo(OnError.FAIL);
        assertThat(config.compression()).isEqualTo("zstd");
    }

    @Test
    void badValuesAreRejectedNamingTheFlagAndVariable() {
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_RATE", "fast")))
                .hasMessage("--rate (INGEST_RATE): 'fast' is not a number");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_RATE", "10", "INGEST_SPEED", "2")))
                .hasMessage("give --rate (INGEST_RATE) or --speed (INGEST_SPEED), not both");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_SPEED", "-1")))
                .hasMessage("--speed (INGEST_SPEED): must be a positive number, got -1");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_PARTITIONS", "0")))
                .hasMessageStartingWith("--partitions (INGEST_PARTITIONS): must be between 1 and");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_ON_ERROR", "ignore")))
                .hasMessage("--on-error (INGEST_ON_ERROR): 'ignore' is not skip or fail");
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_COMPRESSION", "brotli")))
                .hasMessageContaining("'brotli' is not one of");
    }

    @Test
    void theLoggedConfigurationHidesCredentials(@TempDir Path dir) throws IOException {
        Path clientConfig = dir.resolve("client.properties");
        Files.write(clientConfig, List.of("security.protocol=SASL_SSL",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\\\"p\\\";",
                "ssl.truststore.password=changeit"));
        ReplayConfig config = ReplayConfig.fromEnv(Map.of(
                "SCHEMA_REGISTRY_URL", "https://alice:s3cret@registry:8081",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "bob:hunter2",
                "INGEST_CLIENT_CONFIG", clientConfig.toString()));

        String logged = config.describe();

        assertThat(config.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.registryProperties()).containsEntry("basic.auth.user.info", "bob:hunter2");
        assertThat(logged).contains("https://********@registry:8081", "security.protocol=SASL_SSL",
                "sasl.jaas.config=********", "ssl.truststore.password=********", "basic.auth.user.info=********");
        assertThat(logged).doesNotContain("s3cret", "hunter2", "changeit", "password=\\\"p");
    }

    @Test
    void aMissingDataDirectoryMeansSyntheticOnlyWhenAskedFor(@TempDir Path dir) {
        Path missing = dir.resolve("ml-100k");

        ReplayConfig strict = ReplayConfig.fromEnv(Map.of("INGEST_DATA_DIR", missing.toString()));
        ReplayConfig lenient = ReplayConfig.fromEnv(Map.of("INGEST_DATA_DIR", missing.toString(),
                "INGEST_IF_MISSING", "synthetic"));

        assertThat(strict.data()).contains(missing);
        assertThat(lenient.data()).isEmpty();
        assertThat(lenient.withDataDir(dir).data()).contains(dir);
        assertThatThrownBy(() -> ReplayConfig.fromEnv(Map.of("INGEST_IF_MISSING", "maybe")))
                .hasMessage("--if-missing (INGEST_IF_MISSING): 'maybe' is not fail or synthetic");
    }
}
