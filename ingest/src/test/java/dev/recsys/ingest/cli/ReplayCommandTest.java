package dev.recsys.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.common.cli.Cli;
import dev.recsys.ingest.replay.OnError;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ReplayConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

/** The flags; what the environment gives when a flag is absent is checked on a real process in the app module. */
class ReplayCommandTest {

    private static ReplayConfig config(String... args) {
        return Cli.parse(new ReplayCommand(), args).config();
    }

    @Test
    void everyFlagReachesTheReplay() {
        ReplayConfig config = config("--data", "/data/ml-100k", "--rate=50", "--partitions", "2",
                "--bootstrap-servers", "kafka:9092", "--schema-registry-url", "http://registry:8081",
                "--limit", "1000", "--skip", "10", "--replication-factor", "3", "--on-error", "fail",
                "--compression", "zstd", "--timeout", "2.5");

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
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void speedKeepsTheOriginalGaps() {
        assertThat(config("--speed", "10").pacing()).isEqualTo(Pacing.speed(10));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFlag() {
        assertThatThrownBy(() -> config("--speed", "-1")).isInstanceOf(ParameterException.class)
                .hasMessage("--speed must be a positive number, got -1.0");
        assertThatThrownBy(() -> config("--partitions", "0")).isInstanceOf(ParameterException.class)
                .hasMessage("--partitions must be at least 1, got 0");
        assertThatThrownBy(() -> config("--compression", "brotli")).isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("Invalid value for option '--compression': expected one of");
        assertThatThrownBy(() -> config("--if-missing", "maybe")).isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("Invalid value for option '--if-missing': expected one of [FAIL, SYNTHETIC]");
    }

    @Test
    void theLoggedConfigurationHidesCredentials(@TempDir Path dir) throws IOException {
        Path clientConfig = dir.resolve("client.properties");
        Files.write(clientConfig, List.of("security.protocol=SASL_SSL",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required password=\\\"p\\\";",
                "ssl.truststore.password=changeit"));
        ReplayConfig config = config("--schema-registry-url", "https://alice:s3cret@registry:8081",
                "--schema-registry-user-info", "bob:hunter2", "--client-config", clientConfig.toString());

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

        ReplayConfig strict = config("--data", missing.toString(), "--if-missing", "fail");
        ReplayConfig lenient = config("--data", missing.toString(), "--if-missing", "synthetic");

        assertThat(strict.data()).contains(missing);
        assertThat(lenient.data()).isEmpty();
        assertThat(lenient.withDataDir(dir).data()).contains(dir);
    }
}
