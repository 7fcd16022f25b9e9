package dev.recsys.ingest.replay;

import dev.recsys.common.Secrets;
import dev.recsys.common.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a replay needs. The command line builds it from its flags and variables
 * ({@link dev.recsys.ingest.cli.ReplayCommand}); the demo and tests build it with {@link #defaults()} and the
 * {@code with...} methods.
 *
 * @param dataDir            a MovieLens directory, or null to generate the demo-sized synthetic set into a temp dir
 * @param bootstrapServers   Kafka's bootstrap servers
 * @param schemaRegistryUrl  the Schema Registry (http(s)://...) or an in-JVM mock (mock://scope)
 * @param pacing             how fast ratings go out
 * @param limit              at most this many ratings (after skip); negative: all
 * @param skip               ratings to leave out at the start of the time-ordered log
 * @param partitions         partitions of the rating log when this replay creates it
 * @param replicationFactor  replication factor of topics this replay creates
 * @param onError            what a bad input line does
 * @param compression        producer compression.type
 * @param connectTimeout     how long the broker (and registry) may take to answer before the replay gives up
 * @param clientProperties   more Kafka client settings (security, for example), for the admin client and producer
 * @param registryProperties more serde settings (such as basic.auth.user.info)
 * @param synthesizeIfMissing whether a data directory that does not exist means "replay a generated synthetic set"
 *                           (the container image's default, so that the stack runs without MovieLens) or an error
 * @param resume             whether to send only the ratings of the range that ratings does not hold yet (same source
 *                           and sequence number), so that a re-run goes on where an earlier one stopped; the command
 *                           line's default, {@code --full-replay} turns it off
 */
public record ReplayConfig(Path dataDir, String bootstrapServers, String schemaRegistryUrl, Pacing pacing, long limit,
                           long skip, int partitions, short replicationFactor, OnError onError, String compression,
                           Duration connectTimeout, Map<String, String> clientProperties,
                           Map<String, String> registryProperties, boolean synthesizeIfMissing, boolean resume) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";
    public static final int DEFAULT_PARTITIONS = Topics.RATINGS_PARTITIONS;
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;

    public ReplayConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be empty");
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new IllegalArgumentException("schema registry url must not be empty");
        }
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative, got " + skip);
        }
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        clientProperties = Map.copyOf(clientProperties);
        registryProperties = Map.copyOf(registryProperties);
    }

    public static ReplayConfig defaults() {
        return new ReplayConfig(null, DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_SCHEMA_REGISTRY_URL, Pacing.fullSpeed(), -1, 0,
                DEFAULT_PARTITIONS, (short) 1, OnError.SKIP, DEFAULT_COMPRESSION,
                Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS), Map.of(), Map.of(), false, false);
    }

    public ReplayConfig withDataDir(Path value) {
        return new ReplayConfig(value, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withKafka(String servers, String registryUrl) {
        return new ReplayConfig(dataDir, servers, registryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withPacing(Pacing value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, value, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withRange(long skipRatings, long limitRatings) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limitRatings, skipRatings,
                partitions, replicationFactor, onError, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withTopics(int topicPartitions, short topicReplicationFactor) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, topicPartitions,
                topicReplicationFactor, onError, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withOnError(OnError value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, value, compression, connectTimeout, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withConnectTimeout(Duration value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, value, clientProperties,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withClientProperties(Map<String, String> value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, value,
                registryProperties, synthesizeIfMissing, resume);
    }

    public ReplayConfig withResume(boolean value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, clientProperties, registryProperties,
                synthesizeIfMissing, value);
    }

    public ReplayConfig withSynthesizeIfMissing(boolean value) {
        return new ReplayConfig(dataDir, bootstrapServers, schemaRegistryUrl, pacing, limit, skip, partitions,
                replicationFactor, onError, compression, connectTimeout, clientProperties, registryProperties, value,
                resume);
    }

    /** The directory to replay; empty when a synthetic set is to be generated. */
    public Optional<Path> data() {
        if (dataDir != null && synthesizeIfMissing && !Files.exists(dataDir)) {
            return Optional.empty();
        }
        return Optional.ofNullable(dataDir);
    }

    /** The effective configuration for the start-up log line, with passwords and credentials masked. */
    public String describe() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("data", dataDir == null ? "(synthetic, generated)" : dataDir);
        shown.put("if.missing", synthesizeIfMissing ? "synthetic" : "fail");
        shown.put("bootstrap.servers", bootstrapServers);
        shown.put("schema.registry.url", Secrets.maskUrls(schemaRegistryUrl));
        shown.put("pacing", pacing);
        shown.put("skip", skip);
        shown.put("limit", limit < 0 ? "none" : limit);
        shown.put("partitions", partitions);
        shown.put("replication.factor", replicationFactor);
        shown.put("on.error", onError.name().toLowerCase(Locale.ROOT));
        shown.put("compression.type", compression);
        shown.put("connect.timeout", connectTimeout.toMillis() + " ms");
        clientProperties.forEach((key, value) -> shown.put(key, Secrets.mask(key, value)));
        registryProperties.forEach((key, value) -> shown.put(key, Secrets.mask(key, value)));
        return shown.toString();
    }
}
