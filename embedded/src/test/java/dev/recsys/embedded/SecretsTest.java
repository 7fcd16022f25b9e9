package dev.recsys.embedded;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void hidesValuesWhoseNamesSayTheyAreSecret() {
        Map<String, String> masked = Secrets.mask(Map.of(
                "ssl.keystore.password", "hunter2",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config", "PlainLoginModule required password=x;",
                "log.retention.ms", "1000"));

        assertThat(masked).containsEntry("ssl.keystore.password", "[hidden]")
                .containsEntry("listener.name.sasl_plaintext.plain.sasl.jaas.config", "[hidden]")
                .containsEntry("log.retention.ms", "1000");
    }
}
