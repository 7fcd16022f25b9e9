package dev.recsys.streams.config;

import dev.recsys.common.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.recsys.config.EnvNumbers.doubleOf;
import static dev.recsys.config.EnvNumbers.intOf;
import static dev.recsys.config.EnvNumbers.longOf;

/**
 * Everything the streams app is configured with. {@link #fromEnv} reads environment variables (what containers set);
 * {@link StreamsFlags} puts command-line flags on top. Kafka client and Streams properties beyond these go in
 * {@code kafkaOverrides} (flag {@code --config key=value}, env {@code STREAMS_CONFIG_<KEY_WITH_UNDERSCORES>}).
 */
public record StreamsSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        String applicationId,
        Path stateDir,
        String httpHost,
        int httpPort,
        String applicationServer,
        int numThreads,
        int standbyReplicas,
        long commitIntervalMs,
        int replicationFactor,
        int historyLimit,
        int topN,
        Duration topicWait,
        Map<String, String> kafkaOverrides) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081";
    public static final String DEFAULT_APPLICATION_ID = "recsys-streams";
    public static final int DEFAULT_HTTP_PORT = 8080;
    /*
     * Under exactly-once a record's output becomes visible to read_committed consumers only when its transaction
     * commits, so the commit interval bounds the added latency. 100 ms (the Streams default under EOS) keeps p99 well
     * under a quarter second while a commit costs a few transaction markers per task ten times a second.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final int DEFAULT_HISTORY_LIMIT = 1000;
    public static final int DEFAULT_TOP_N = 10;
    public static final Duration DEFAULT_TOPIC_WAIT = Duration.ofSeconds(60);
    private static final String OVERRIDE_PREFIX = "STREAMS_CONFIG_";

    public StreamsSettings {
        require(!bootstrapServers.isBlank(), "bootstrap servers must not be blank");
        require(!applicationId.isBlank(), "application id must not be blank");
        require(httpPort >= 0 && httpPort <= 65535, "HTTP port must be 0..65535, got " + httpPort);
        require(numThreads >= 1, "threads must be at least 1, got " + numThreads);
        require(standbyReplicas >= 0, "standby replicas must not be negative, got " + standbyReplicas);
        require(commitIntervalMs >= 1, "commit interval must be at least 1 ms, got " + commitIntervalMs);
        require(replicationFactor == -1 || replicationFactor >= 1,
                "replication factor must be -1 (broker default) or at least 1, got " + replicationFactor);
        require(historyLimit >= 1, "history limit must be at least 1, got " + historyLimit);
        require(topN >= 1, "top-N must be at least 1, got " + topN);
        require(!topicWait.isNegative(), "topic wait must not be negative");
        require(applicationServer == null || applicationServer.matches("[^:/]+:\\d+"),
                "application server must be host:port, got " + applicationServer);
        kafkaOverrides = Map.copyOf(kafkaOverrides);
    }

    public static StreamsSettings defaults() {
        return fromEnv(Map.of());
    }

    public static StreamsSettings fromEnv(Map<String, String> env) {
        int httpPort = intOf(env, "STREAMS_HTTP_PORT", DEFAULT_HTTP_PORT);
        Map<String, String> overrides = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(OVERRIDE_PREFIX) && name.length() > OVERRIDE_PREFIX.length()) {
                overrides.put(name.substring(OVERRIDE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        return new StreamsSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
                env.getOrDefault("SCHEMA_REGISTRY_URL", DEFAULT_REGISTRY),
                env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"),
                env.getOrDefault("STREAMS_APPLICATION_ID", DEFAULT_APPLICATION_ID),
                Path.of(env.getOrDefault("STREAMS_STATE_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "recsys-streams").toString())),
                env.getOrDefault("STREAMS_HTTP_HOST", "0.0.0.0"),
                httpPort,
                env.getOrDefault("STREAMS_APPLICATION_SERVER", "localhost:" + httpPort),
                intOf(env, "STREAMS_NUM_THREADS", 1),
                intOf(env, "STREAMS_NUM_STANDBY_REPLICAS", 0),
                longOf(env, "STREAMS_COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL_MS),
                intOf(env, "STREAMS_REPLICATION_FACTOR", -1),
                intOf(env, "STREAMS_HISTORY_LIMIT", DEFAULT_HISTORY_LIMIT),
                intOf(env, "STREAMS_TOP_N", DEFAULT_TOP_N),
                Duration.ofSeconds(longOf(env, "STREAMS_TOPIC_WAIT_SECONDS", DEFAULT_TOPIC_WAIT.toSeconds())),
                overrides);
    }

    /** The settings as name-value pairs with secrets masked: what the app logs at start. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bootstrap.servers", bootstrapServers);
        out.put("schema.registry.url", Secrets.maskUrls(schemaRegistryUrl));
        out.put("schema.registry.basic.auth.user.info", schemaRegistryUserInfo == null ? null : Secrets.MASK);
        out.put("application.id", applicationId);
        out.put("state.dir", stateDir);
        out.put("http", httpHost + ":" + httpPort);
        out.put("application.server", applicationServer);
        out.put("num.stream.threads", numThreads);
        out.put("num.standby.replicas", standbyReplicas);
        out.put("commit.interval.ms", commitIntervalMs);
        out.put("replication.factor", replicationFactor);
        out.put("history.limit", historyLimit);
        out.put("top.n", topN);
        out.put("topic.wait", topicWait);
        kafkaOverrides.forEach((key, value) -> out.put(key, Secrets.isSecret(key) ? Secrets.MASK : value));
        return out;
    }

    public StreamsSettings withHttpPort(int port) {
        String server = applicationServer == null ? null
                : applicationServer.substring(0, applicationServer.lastIndexOf(':') + 1) + port;
        return new StreamsSettings(bootstrapServers, schemaRegistryUrl, schemaRegistryUserInfo, applicationId,
                stateDir, httpHost, port, server, numThreads, standbyReplicas, commitIntervalMs, replicationFactor,
                historyLimit, topN, topicWait, kafkaOverrides);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
