package dev.recsys.common;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void masksEveryKindOfSecretTheServicesAndTheBrokerTake() {
        Map<String, String> settings = new HashMap<>();
        settings.put("ssl.keystore.password", "hunter2");
        settings.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", "PlainLoginModule required password=x;");
        settings.put("basic.auth.user.info", "user:pw");
        settings.put("sasl.oauthbearer.token.endpoint.url", "https://idp/token");
        settings.put("sasl.client.credentials", "c");
        settings.put("ssl.key", "-----BEGIN");
        settings.put("log.retention.ms", "1000");
        settings.put("absent", null);

        assertThat(Secrets.mask(settings))
                .containsEntry("ssl.keystore.password", Secrets.MASK)
                .containsEntry("listener.name.sasl_plaintext.plain.sasl.jaas.config", Secrets.MASK)
                .containsEntry("basic.auth.user.info", Secrets.MASK)
                .containsEntry("sasl.oauthbearer.token.endpoint.url", Secrets.MASK)
                .containsEntry("sasl.client.credentials", Secrets.MASK)
                .containsEntry("ssl.key", Secrets.MASK)
                .containsEntry("log.retention.ms", "1000")
                .containsEntry("absent", null);
    }

    @Test
    void masksTheUserInfoOfEachUrl() {
        assertThat(Secrets.maskUrls("https://bob:pw@registry:8081,http://host:8081"))
                .isEqualTo("https://********@registry:8081,http://host:8081");
        assertThat(Secrets.maskUrls(null)).isNull();
    }
}
