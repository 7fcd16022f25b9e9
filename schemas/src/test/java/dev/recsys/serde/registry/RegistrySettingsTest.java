package dev.recsys.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.serde.SerdeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistrySettingsTest {

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.drop("Settings_Test");
    }

    @Test
    void severalUrlsAndDefaults() {
        RegistrySettings settings = RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                " http://a:8081 ,https://b:8443/sr/"));

        assertThat(settings.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8443/sr/"));
        assertThat(settings.userInfo()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.isMock()).isFalse();
    }

    @Test
    void urlCredentialsAreMovedOutOfTheUrlAndMaskedInDescriptions() {
        RegistrySettings settings = RegistrySettings.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "http://bob:hunter2@registry:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "url",
                SerdeConfig.HTTP_CONNECT_TIMEOUT_MS, "750"));

        assertThat(settings.urls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(settings.userInfo()).isEqualTo(Optional.of("bob:hunter2"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.describe()).contains("bob:******").doesNotContain("hunter2");
    }

    @Test
    void userInfoAlsoUnderItsPrefixedName() {
        RegistrySettings settings = RegistrySettings.from(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                SerdeConfig.SCHEMA_REGISTRY_USER_INFO, "carol:pw"));

        assertThat(settings.userInfo()).contains("carol:pw");
    }

    @Test
    void mockUrlsNameAScopeSharedInTheJvm() {
        SchemaRegistryClient first = SchemaRegistryClients.create(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://Settings_Test"));
        SchemaRegistryClient second = SchemaRegistryClients.create(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://Settings_Test/"));

        assertThat(first).isSameAs(second).isSameAs(MockSchemaRegistry.forScope("Settings_Test"));
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                "mock://a,http://b:8081"))).isInstanceOf(ConfigException.class).hasMessageContaining("mock://");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, " , ")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a",
                SerdeConfig.HTTP_READ_TIMEOUT_MS, "0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.HTTP_READ_TIMEOUT_MS);
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("USER_INFO");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://a",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password");
    }
}
