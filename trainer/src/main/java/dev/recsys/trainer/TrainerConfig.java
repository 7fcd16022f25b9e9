package dev.recsys.trainer;

import dev.recsys.common.Secrets;
import dev.recsys.common.topics.Topics;
import dev.recsys.model.ModelConfig;
import dev.recsys.trainer.config.Durations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.recsys.config.EnvNumbers.doubleOf;
import static dev.recsys.config.EnvNumbers.longOf;

/**
 * Everything the trainer is configured with. {@link #fromEnv} reads environment variables (what containers set);
 * {@link dev.recsys.trainer.config.TrainerFlags} puts command-line flags on top. Kafka client properties beyond
 * these go in {@code kafkaOverrides} (flag {@code --config key=value}, env {@code TRAINER_CONFIG_<KEY_WITH_UNDERSCORES>})
 * and reach the admin client, the consumers and the producer alike, so security settings need saying once.
 *
 * @param retrainEveryRatings retrain once this many new ratings have arrived; 0 turns the count trigger off
 * @param retrainInterval     retrain this long after the last training if anything new arrived; zero turns it off
 * @param minRatings          ratings held before the first model is trained
 * @param modelName           the model configuration to start from: study or default
 * @param modelParams         hyperparameters replaced in it, by {@link ModelConfig#toMap()} key (such as epochs)
 * @param validationFraction  share of (user, movie) pairs held out to judge each new model
 * @param validationSeed      seeds which pairs are held out; keep it across restarts so a pair stays on its side
 * @param publishTolerance    a new model is published when its validation MSE is at most the current model's
 *                            times (1 + this); 0 means "not worse"
 * @param modelTopicPartitions        partitions of model-updates when the trainer creates it
 * @param modelTopicReplicationFactor its replication factor; -1 takes the broker's default
 * @param maxModelBytes       the topic's max.message.bytes and the producer's max.request.size
 * @param compression         the producer's compression.type
 * @param httpHost            where {@code GET /status} and {@code /health} are served
 * @param httpPort            their port; 0 picks a free one, -1 serves nothing
 */
public record TrainerConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        long retrainEveryRatings,
        Duration retrainInterval,
        long minRatings,
        String modelName,
        Map<String, String> modelParams,
        double validationFraction,
        long validationSeed,
        double publishTolerance,
        int modelTopicPartitions,
        int modelTopicReplicationFactor,
        int maxModelBytes,
        String compression,
        String httpHost,
        int httpPort,
        Map<String, String> kafkaOverrides) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081";
    // a retrain of the demo's 100k ratings takes well under a minute on a laptop; 5000 ratings is a few percent
    // more data, enough for the validation MSE to move
    public static final long DEFAULT_RETRAIN_EVERY = 5000;
    public static final Duration DEFAULT_RETRAIN_INTERVAL = Duration.ofSeconds(60);
    public static final long DEFAULT_MIN_RATINGS = 2000;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final long DEFAULT_VALIDATION_SEED = 42L;
    public static final int DEFAULT_MAX_MODEL_BYTES = Topics.MAX_MODEL_BYTES;
    public static final String DEFAULT_COMPRESSION = "zstd";
    public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
    // streams serves on 8080
    public static final int DEFAULT_HTTP_PORT = 8090;
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final String OVERRIDE_PREFIX = "TRAINER_CONFIG_";

    public TrainerConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrap servers must not be blank");
        require(schemaRegistryUrl != null && !schemaRegistryUrl.isBlank(), "schema registry URL must not be blank");
        require(retrainEveryRatings >= 0, "retrain-every-ratings must not be negative, got " + retrainEveryRatings);
        require(retrainInterval != null && !retrainInterval.isNegative(), "retrain interval must not be negative");
        require(retrainEveryRatings > 0 || !retrainInterval.isZero(),
                "retrain-every-ratings and retrain-interval cannot both be off: the trainer would never retrain");
        require(minRatings >= 1, "min-ratings must be at least 1, got " + minRatings);
        require(validationFraction >= 0 && validationFraction < 1,
                "validation fraction must be in [0, 1), got " + validationFraction);
        require(publishTolerance >= 0, "publish tolerance must not be negative, got " + publishTolerance);
        require(modelTopicPartitions >= 1, "model topic partitions must be at least 1, got " + modelTopicPartitions);
        require(modelTopicReplicationFactor == -1 || modelTopicReplicationFactor >= 1,
                "model topic replication factor must be -1 (broker default) or at least 1");
        require(maxModelBytes >= 1024 * 1024, "max model bytes must be at least 1 MiB, got " + maxModelBytes);
        require(compression != null && COMPRESSIONS.contains(compression),
                "compression must be one of " + COMPRESSIONS + ", got " + compression);
        require(httpHost != null && !httpHost.isBlank(), "HTTP host must not be blank");
        require(httpPort >= -1 && httpPort <= 65535, "HTTP port must be -1 (off), 0 (any) or a port, got " + httpPort);
        modelParams = Map.copyOf(modelParams);
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        modelConfigOf(modelName, modelParams);  // fails now, not at the first retrain
    }

    public static TrainerConfig defaults() {
        return fromEnv(Map.of());
    }

    public static TrainerConfig fromEnv(Map<String, String> env) {
        Map<String, String> params = new LinkedHashMap<>(parsePairs(env.getOrDefault("TRAINER_MODEL_PARAMS", ""),
                "TRAINER_MODEL_PARAMS"));
        if (env.containsKey("TRAINER_EPOCHS")) {
            params.put("epochs", env.get("TRAINER_EPOCHS").trim());
        }
        Map<String, String> overrides = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(OVERRIDE_PREFIX) && name.length() > OVERRIDE_PREFIX.length()) {
                overrides.put(name.substring(OVERRIDE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        String interval = env.get("TRAINER_RETRAIN_INTERVAL");
        return new TrainerConfig(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP),
                env.getOrDefault("SCHEMA_REGISTRY_URL", DEFAULT_REGISTRY),
                env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"),
                longOf(env, "TRAINER_RETRAIN_EVERY_RATINGS", DEFAULT_RETRAIN_EVERY),
                interval == null ? DEFAULT_RETRAIN_INTERVAL : Durations.parse(interval),
                longOf(env, "TRAINER_MIN_RATINGS", DEFAULT_MIN_RATINGS),
                env.getOrDefault("TRAINER_MODEL", "default"),
                params,
                doubleOf(env, "TRAINER_VALIDATION_FRACTION", DEFAULT_VALIDATION_FRACTION),
                longOf(env, "TRAINER_VALIDATION_SEED", DEFAULT_VALIDATION_SEED),
                doubleOf(env, "TRAINER_PUBLISH_TOLERANCE", 0.0),
                (int) longOf(env, "TRAINER_MODEL_TOPIC_PARTITIONS", Topics.spec(Topics.MODEL_UPDATES).partitions()),
                (int) longOf(env, "TRAINER_MODEL_TOPIC_REPLICATION_FACTOR", -1),
                (int) longOf(env, "TRAINER_MAX_MODEL_BYTES", DEFAULT_MAX_MODEL_BYTES),
                env.getOrDefault("TRAINER_COMPRESSION", DEFAULT_COMPRESSION).toLowerCase(Locale.ROOT),
                env.getOrDefault("TRAINER_HTTP_HOST", DEFAULT_HTTP_HOST),
                (int) longOf(env, "TRAINER_HTTP_PORT", DEFAULT_HTTP_PORT),
                overrides);
    }

    /** The model configuration to train with: the named one with {@link #modelParams} applied. */
    public ModelConfig modelConfig() {
        return modelConfigOf(modelName, modelParams);
    }

    /** The settings as name-value pairs with secrets masked: what the service logs at start. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bootstrap.servers", bootstrapServers);
        out.put("schema.registry.url", Secrets.maskUrls(schemaRegistryUrl));
        out.put("schema.registry.basic.auth.user.info", schemaRegistryUserInfo == null ? null : Secrets.MASK);
        out.put("retrain.every.ratings", retrainEveryRatings);
        out.put("retrain.interval", retrainInterval);
        out.put("min.ratings", minRatings);
        out.put("model", modelName);
        out.put("model.params", modelParams);
        out.put("validation.fraction", validationFraction);
        out.put("validation.seed", validationSeed);
        out.put("publish.tolerance", publishTolerance);
        out.put("model.topic.partitions", modelTopicPartitions);
        out.put("model.topic.replication.factor", modelTopicReplicationFactor);
        out.put("max.model.bytes", maxModelBytes);
        out.put("compression.type", compression);
        out.put("http", httpPort < 0 ? "off" : httpHost + ":" + httpPort);
        kafkaOverrides.forEach((key, value) -> out.put(key, Secrets.isSecret(key) ? Secrets.MASK : value));
        return out;
    }

    /** A copy training with other hyperparameters (the current ones with {@code params} put on top). */
    public TrainerConfig withModelParams(Map<String, String> params) {
        Map<String, String> merged = new LinkedHashMap<>(modelParams);
        merged.putAll(params);
        return new TrainerConfig(bootstrapServers, schemaRegistryUrl, schemaRegistryUserInfo, retrainEveryRatings,
                retrainInterval, minRatings, modelName, merged, validationFraction, validationSeed, publishTolerance,
                modelTopicPartitions, modelTopicReplicationFactor, maxModelBytes, compression, httpHost, httpPort,
                kafkaOverrides);
    }

    /** {@code k=v,k=v} as a map; blank gives an empty map. */
    public static Map<String, String> parsePairs(String text, String what) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + " needs KEY=VALUE pairs, got '" + pair.trim() + "'");
            }
            pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return pairs;
    }

    private static ModelConfig modelConfigOf(String name, Map<String, String> params) {
        ModelConfig base = ModelConfig.named(name);
        for (String key : params.keySet()) {
            require(base.toMap().containsKey(key), "unknown model parameter '" + key + "' (known: "
                    + String.join(", ", base.toMap().keySet()) + ")");
        }
        return params.isEmpty() ? base : base.with(params);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
