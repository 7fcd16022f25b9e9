package dev.recsys.serde;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration names of the serde and of the Schema Registry client. They are Confluent's names, so that a
 * properties file written for Confluent's KafkaAvroSerializer works unchanged with ours.
 */
public final class SerdeConfig {
    /** One or more comma-separated registry URLs, tried in turn; {@code mock://<scope>} for the in-JVM registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the writer schema under the subject when serializing (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Serialize with the subject's latest registered version, not the record's own schema (default false). */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Deserialize into the generated SpecificRecord class instead of a GenericRecord (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** USER_INFO: credentials in basic.auth.user.info; URL: credentials in the URL's user-info part. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP basic authentication with the registry. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Confluent also accepts the user info under this prefixed name. */
    public static final String SCHEMA_REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Milliseconds to wait for a TCP connection to one registry URL before trying the next. */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Milliseconds to wait for the registry's answer to one request. */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    /** Seconds for which use.latest.version trusts the latest version it fetched; -1: for the serializer's life. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    public static final String CREDENTIALS_SOURCE_USER_INFO = "USER_INFO";
    public static final String CREDENTIALS_SOURCE_URL = "URL";

    // A registry that does not answer must fail a produce within seconds, not after Confluent's 60 s defaults:
    // the producer's own delivery timeout is already counting.
    public static final long DEFAULT_HTTP_CONNECT_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_HTTP_READ_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_LATEST_CACHE_TTL_SEC = -1;

    private SerdeConfig() {
    }

    /** What a serde needs to reach the registry: its URL and, when given, basic authentication as user:password. */
    public static Map<String, Object> registry(String url, String userInfo) {
        Map<String, Object> config = new HashMap<>();
        config.put(SCHEMA_REGISTRY_URL, url);
        if (userInfo != null && !userInfo.isBlank()) {
            config.put(BASIC_AUTH_CREDENTIALS_SOURCE, CREDENTIALS_SOURCE_USER_INFO);
            config.put(BASIC_AUTH_USER_INFO, userInfo);
        }
        return config;
    }

    /** A boolean setting given as Boolean or as text ("true"/"false"); anything else is a configuration error. */
    public static boolean getBoolean(Map<String, ?> config, String name, boolean defaultValue) {
        Object value = config.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new ConfigException(name, value, "expected true or false");
    }

    /** A long setting given as a Number or as text. */
    public static long getLong(Map<String, ?> config, String name, long defaultValue) {
        Object value = config.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "expected a whole number");
        }
    }

    /** A text setting, or null when absent or blank. */
    public static String getString(Map<String, ?> config, String name) {
        Object value = config.get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
