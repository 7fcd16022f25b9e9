package dev.recsys.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParameterException;

class KafkaOptionsTest {
    @TempDir
    Path dir;

    private Path clientConfig(String... lines) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void clientSettingsComeFromTheFileThenTheVariablesThenTheFlags() throws IOException {
        Path file = clientConfig("security.protocol=SSL", "linger.ms=5", "acks=1");
        KafkaOptions kafka = new KafkaOptions("STREAMS", Map.of("STREAMS_CLIENT_CONFIG", file.toString(),
                "STREAMS_CONFIG_LINGER_MS", "10", "STREAMS_CONFIG_ACKS", "all", "TRAINER_CONFIG_ACKS", "0"));

        Cli.parse(kafka, "--config", "acks=-1", "--config", "max.poll.records=250");

        assertThat(kafka.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SSL",
                "linger.ms", "10", "acks", "-1", "max.poll.records", "250"));
    }

    @Test
    void theFlagNamesAnotherFileThanTheVariable() throws IOException {
        Path file = clientConfig("security.protocol=SASL_SSL");
        KafkaOptions kafka = new KafkaOptions("INGEST", Map.of("INGEST_CLIENT_CONFIG", dir.resolve("none").toString()));

        Cli.parse(kafka, "--client-config", file.toString());

        assertThat(kafka.clientProperties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void anUnreadableFileIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> Cli.parse(new KafkaOptions("INGEST", Map.of()), "--client-config", missing.toString()))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("--client-config: cannot read " + missing);
    }

    @Test
    void aSettingWithoutAValueIsAUsageError() {
        assertThatThrownBy(() -> Cli.parse(new KafkaOptions("INGEST", Map.of()), "--config", "acks"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'--config'").hasMessageEndingWith("should be in KEY=VALUE format but was acks");
    }

    @Test
    void theLoggedSettingsMaskEverySecret() throws IOException {
        Path file = clientConfig("ssl.keystore.password=changeit", "security.protocol=SSL");
        KafkaOptions kafka = new KafkaOptions("STREAMS", Map.of("STREAMS_CONFIG_SASL_JAAS_CONFIG", "jaas-secret"));

        Cli.parse(kafka, "--schema-registry-url", "https://fred:hunter2@registry:8081",
                "--schema-registry-user-info", "fred:hunter2", "--client-config", file.toString(),
                "--bootstrap-servers", "kafka:9093");

        assertThat(kafka.describe()).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("schema.registry.url", "https://********@registry:8081")
                .containsEntry("schema.registry.basic.auth.user.info", "********")
                .containsEntry("ssl.keystore.password", "********")
                .containsEntry("sasl.jaas.config", "********")
                .containsEntry("security.protocol", "SSL");
        assertThat(kafka.describe().toString()).doesNotContain("hunter2", "changeit", "jaas-secret");
        assertThat(kafka.schemaRegistryUserInfo()).isEqualTo("fred:hunter2");
    }
}
