package dev.recsys.ingest.replay;

import dev.recsys.ingest.config.Option;
import dev.recsys.ingest.config.Settings;
import dev.recsys.serde.SerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The replay's settings as environment variables, and the CLI flag that overrides each: one table, so that the
 * usage text, the flag parser and {@link ReplayConfig#fromEnv} cannot drift apart.
 */
public final class ReplayEnv {

    public static final Option DATA = new Option("--data", "INGEST_DATA_DIR", "DIR",
            "MovieLens directory: ml-100k, ml-1m, ml-latest or ml-25m (absent: a generated synthetic set)");
    public static final Option IF_MISSING = new Option("--if-missing", "INGEST_IF_MISSING", "fail|synthetic",
            "when the data directory does not exist: fail (default), or replay a generated synthetic set");
    public static final Option BOOTSTRAP = new Option("--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS", "HOSTS",
            "Kafka bootstrap servers (default " + ReplayConfig.DEFAULT_BOOTSTRAP_SERVERS + ")");
    public static final Option REGISTRY = new Option("--schema-registry-url", "SCHEMA_REGISTRY_URL", "URL",
            "Schema Registry (default " + ReplayConfig.DEFAULT_SCHEMA_REGISTRY_URL + "; mock://NAME: in-JVM)");
    public static final Option RATE = new Option("--rate", "INGEST_RATE", "R",
            "send R ratings per second (default: as fast as possible)");
    public static final Option SPEED = new Option("--speed", "INGEST_SPEED", "X",
            "keep the original gaps between ratings, X times shorter");
    public static final Option LIMIT = new Option("--limit", "INGEST_LIMIT", "N", "send at most N ratings");
    public static final Option SKIP = new Option("--skip", "INGEST_SKIP", "N",
            "leave out the first N ratings (in time order)");
    public static final Option PARTITIONS = new Option("--partitions", "INGEST_PARTITIONS", "P",
            "partitions of ratings when ingest creates it (default " + ReplayConfig.DEFAULT_PARTITIONS + ")");
    public static final Option REPLICATION = new Option("--replication-factor", "INGEST_REPLICATION_FACTOR", "N",
            "replication factor of the topics created when absent (default 1)");
    public static final Option ON_ERROR = new Option("--on-error", "INGEST_ON_ERROR", "skip|fail",
            "a bad input line is counted and skipped (default), or stops the replay");
    public static final Option COMPRESSION = new Option("--compression", "INGEST_COMPRESSION", "TYPE",
            "producer compression: lz4 (default), zstd, snappy, gzip or none");
    public static final Option TIMEOUT = new Option("--timeout", "INGEST_CONNECT_TIMEOUT_S", "S",
            "seconds to wait for the broker before giving up (default "
                    + ReplayConfig.DEFAULT_CONNECT_TIMEOUT.toSeconds() + ")");
    public static final Option CLIENT_CONFIG = new Option("--client-config", "INGEST_CLIENT_CONFIG", "FILE",
            "a properties file of extra Kafka client settings (security.protocol, sasl.*, ssl.*)");
    public static final Option REGISTRY_USER_INFO = new Option(null, "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
            "USER:PASSWORD", "basic authentication with the Schema Registry");

    public static final List<Option> OPTIONS = List.of(DATA, IF_MISSING, BOOTSTRAP, REGISTRY, RATE, SPEED, LIMIT, SKIP, PARTITIONS,
            REPLICATION, ON_ERROR, COMPRESSION, TIMEOUT, CLIENT_CONFIG, REGISTRY_USER_INFO);

    private static final List<String> COMPRESSIONS = List.of("lz4", "zstd", "snappy", "gzip", "none");

    private ReplayEnv() {
    }

    static ReplayConfig read(Map<String, String> env) {
        Settings settings = new Settings(env);
        ReplayConfig defaults = ReplayConfig.defaults();
        String rate = settings.get(RATE);
        String speed = settings.get(SPEED);
        if (rate != null && speed != null) {
            throw new IllegalArgumentException("give " + RATE.label() + " or " + SPEED.label() + ", not both");
        }
        Pacing pacing = rate != null ? Pacing.rate(settings.positive(RATE, 1))
                : speed != null ? Pacing.speed(settings.positive(SPEED, 1))
                : Pacing.fullSpeed();
        String data = settings.get(DATA);
        String compression = settings.get(COMPRESSION, defaults.compression()).toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException(COMPRESSION.label() + ": '" + compression + "' is not one of "
                    + COMPRESSIONS);
        }
        Map<String, String> registry = new HashMap<>();
        String userInfo = settings.get(REGISTRY_USER_INFO);
        if (userInfo != null) {
            registry.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, SerdeConfig.CREDENTIALS_SOURCE_USER_INFO);
            registry.put(SerdeConfig.BASIC_AUTH_USER_INFO, userInfo);
        }
        String clientConfig = settings.get(CLIENT_CONFIG);
        double timeoutSeconds = settings.positive(TIMEOUT, defaults.connectTimeout().toSeconds());
        return new ReplayConfig(
                data == null ? null : Path.of(data),
                settings.get(BOOTSTRAP, defaults.bootstrapServers()),
                settings.get(REGISTRY, defaults.schemaRegistryUrl()),
                pacing,
                settings.whole(LIMIT, -1, 0, Long.MAX_VALUE),
                settings.whole(SKIP, 0, 0, Long.MAX_VALUE),
                (int) settings.whole(PARTITIONS, defaults.partitions(), 1, 100_000),
                (short) settings.whole(REPLICATION, defaults.replicationFactor(), 1, Short.MAX_VALUE),
                onError(settings.get(ON_ERROR)),
                compression,
                Duration.ofMillis((long) (timeoutSeconds * 1000)),
                clientConfig == null ? Map.of() : properties(Path.of(clientConfig)),
                registry,
                ifMissing(settings.get(IF_MISSING)));
    }

    private static boolean ifMissing(String text) {
        if (text == null || text.equalsIgnoreCase("fail")) {
            return false;
        }
        if (text.equalsIgnoreCase("synthetic")) {
            return true;
        }
        throw new IllegalArgumentException(IF_MISSING.label() + ": '" + text + "' is not fail or synthetic");
    }

    private static OnError onError(String text) {
        if (text == null) {
            return OnError.SKIP;
        }
        try {
            return OnError.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ON_ERROR.label() + ": '" + text + "' is not skip or fail");
        }
    }

    private static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(CLIENT_CONFIG.label() + ": cannot read " + file + " (" + e + ")");
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
