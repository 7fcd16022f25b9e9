package dev.recsys.common.cli;

import dev.recsys.common.Secrets;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * What every command that talks to Kafka takes, as a picocli mixin: the bootstrap servers, the Schema Registry and
 * its credentials, and Kafka client properties. Those come from a file ({@code --client-config}), then from
 * variables {@code <PREFIX>_CONFIG_<KEY>}, then from {@code --config KEY=VALUE}, a later one winning per key; they
 * reach every client of the command (admin, consumers, producers), so that security settings are said once.
 */
public final class KafkaOptions implements Validated {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP_SERVERS + "}",
            description = "Kafka's bootstrap servers (default: ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    // its value stays out of the help: a registry URL may carry user:password@
    @Option(names = "--schema-registry-url", paramLabel = "URL", showDefaultValue = Visibility.NEVER,
            defaultValue = "${env:SCHEMA_REGISTRY_URL:-" + DEFAULT_SCHEMA_REGISTRY_URL + "}",
            description = "The Schema Registry (default " + DEFAULT_SCHEMA_REGISTRY_URL + "); mock://NAME: an "
                    + "in-memory one inside this JVM, for this process only.")
    private String schemaRegistryUrl;

    @Option(names = "--schema-registry-user-info", paramLabel = "USER:PASSWORD", showDefaultValue = Visibility.NEVER,
            defaultValue = "${env:SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}",
            description = "Basic authentication with the registry. Better set by its variable: a command line "
                    + "is visible to the other users of the machine.")
    private String schemaRegistryUserInfo;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "A properties file of Kafka client settings (security.protocol, sasl.*, ssl.*).")
    private Path clientConfig;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting, over the file's and the variables'; repeatable.")
    private Map<String, String> config = new LinkedHashMap<>();

    private final String envPrefix;
    private final Map<String, String> overridesFromEnv;

    /**
     * @param envPrefix the command's variables start with it: {@code <envPrefix>_CLIENT_CONFIG} names the file,
     *                  {@code <envPrefix>_CONFIG_<KEY>} a setting ({@code STREAMS_CONFIG_MAX_POLL_RECORDS=500})
     */
    public KafkaOptions(String envPrefix) {
        this(envPrefix, System.getenv());
    }

    KafkaOptions(String envPrefix, Map<String, String> env) {
        this.envPrefix = envPrefix;
        this.overridesFromEnv = overrides(env, envPrefix + "_CONFIG_");
        String file = env.get(clientConfigVariable());
        // the field's initial value is the option's default: picocli keeps it unless the flag is given
        this.clientConfig = file == null || file.isBlank() ? null : Path.of(file.trim());
    }

    /** {@code <PREFIX>_CONFIG_<KEY_WITH_UNDERSCORES>=value} as {@code key.with.underscores=value}. */
    static Map<String, String> overrides(Map<String, String> env, String prefix) {
        Map<String, String> overrides = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                overrides.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return overrides;
    }

    /** The variable naming the client properties file of this command. */
    public String clientConfigVariable() {
        return envPrefix + "_CLIENT_CONFIG";
    }

    /** The variables giving one client setting each, as shown in the help. */
    public String configVariables() {
        return envPrefix + "_CONFIG_<KEY>";
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** {@code user:password} for the registry, or null. */
    public String schemaRegistryUserInfo() {
        return schemaRegistryUserInfo == null || schemaRegistryUserInfo.isBlank() ? null : schemaRegistryUserInfo;
    }

    /**
     * The file's settings, then the variables', then the flags'.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new TreeMap<>();
        if (clientConfig != null) {
            properties.putAll(load(clientConfig));
        }
        properties.putAll(overridesFromEnv);
        properties.putAll(config);
        return properties;
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-config: cannot read " + file + " (" + e + ")");
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    @Override
    public void validate() {
        Validated.require(!bootstrapServers.isBlank(), "--bootstrap-servers must not be empty");
        Validated.require(!schemaRegistryUrl.isBlank(), "--schema-registry-url must not be empty");
        clientProperties();
    }

    /** The settings for the start-up log line, every secret masked. */
    public Map<String, Object> describe() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("bootstrap.servers", bootstrapServers);
        shown.put("schema.registry.url", Secrets.maskUrls(schemaRegistryUrl));
        if (schemaRegistryUserInfo() != null) {
            shown.put("schema.registry.basic.auth.user.info", Secrets.MASK);
        }
        if (clientConfig != null) {
            shown.put("client.config", clientConfig);
        }
        shown.putAll(Secrets.mask(clientProperties()));
        return shown;
    }
}
