package dev.recsys.trainer;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.DurationConverter;
import dev.recsys.common.cli.KafkaOptions;
import dev.recsys.common.cli.Validated;
import dev.recsys.common.topics.Topics;
import dev.recsys.model.ModelConfig;
import dev.recsys.trainer.training.RetrainLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.record.CompressionType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/**
 * Everything the trainer is configured with: each setting is a flag with the environment variable it defaults to
 * (what containers set) and its default, in one annotation. {@link #parse} fills it from arguments, as the command
 * line does. Kafka client properties come through {@link KafkaOptions} ({@code --config key=value},
 * {@code TRAINER_CONFIG_<KEY_WITH_UNDERSCORES>}, {@code --client-config FILE}) and reach the admin client, the
 * consumers and the producer alike, so security settings need saying once.
 */
public final class TrainerConfig implements Validated {
    // streams serves on 8080
    public static final int DEFAULT_HTTP_PORT = 8090;
    // the topic table's limit: a ModelUpdate of ml-100k is a few MiB; 16 MiB leaves room for larger catalogues
    static final int DEFAULT_MAX_MODEL_BYTES = Topics.MAX_MODEL_BYTES;

    @Mixin
    private final KafkaOptions kafka = new KafkaOptions("TRAINER");

    // a retrain of the demo's 100k ratings takes well under a minute on a laptop; 5000 ratings is a few percent
    // more data, enough for the validation figures to move
    @Option(names = "--retrain-every-ratings", paramLabel = "N",
            defaultValue = "${env:TRAINER_RETRAIN_EVERY_RATINGS:-5000}",
            description = "Retrain once N new ratings have arrived; 0: never for the count "
                    + "(default: ${DEFAULT-VALUE}).")
    private long retrainEveryRatings;

    @Option(names = "--retrain-interval", paramLabel = "T", converter = DurationConverter.class,
            defaultValue = "${env:TRAINER_RETRAIN_INTERVAL:-PT60S}",
            description = "Retrain T after the last training if anything new arrived; 0: never for the time; "
                    + "PT60S, 60s, 5m (default: ${DEFAULT-VALUE}).")
    private Duration retrainInterval;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "${env:TRAINER_MIN_RATINGS:-2000}",
            description = "Ratings held before the first model is trained (default: ${DEFAULT-VALUE}).")
    private long minRatings;

    // ml-1m's size: a retrain of the default model on it takes a few minutes on 2 cores, and its working copy
    // (about 50 bytes a rating) stays near 50 MB however long the log grows
    @Option(names = "--max-training-ratings", paramLabel = "N",
            defaultValue = "${env:TRAINER_MAX_TRAINING_RATINGS:-1000000}",
            description = "Train on at most N ratings: past that, on a sample of whole users, those who rated since "
                    + "the last retrain first (default: ${DEFAULT-VALUE}).")
    private long maxTrainingRatings;

    // a full retrain of 1,000,000 ratings takes minutes on 2 cores; every 6 hours that is a few percent of the
    // training thread's time, and a time (not a count of retrains) keeps that share whatever the traffic
    @Option(names = "--full-retrain-interval", paramLabel = "T", converter = DurationConverter.class,
            defaultValue = "${env:TRAINER_FULL_RETRAIN_INTERVAL:-PT6H}",
            description = "Make the next retrain a full one (up to --max-training-ratings, the model's epochs) T after "
                    + "the last full one; the others are incremental; 0: only the first model is full "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration fullRetrainInterval;

    // the first model on a long log should be served within 10 minutes: 8 for training leaves 2 for the snapshot,
    // judging and publishing; on a quiet machine the model's epochs usually end first
    @Option(names = "--full-retrain-budget", paramLabel = "T", converter = DurationConverter.class,
            defaultValue = "${env:TRAINER_FULL_RETRAIN_BUDGET:-PT8M}",
            description = "Training time of a full retrain (the first model is one); 0: none, the model's epochs and "
                    + "early stopping (default: ${DEFAULT-VALUE}).")
    private Duration fullRetrainBudget;

    // a fifth of --max-training-ratings: the users who rated lately and a sample of the others, a few epochs of it
    // warm-started fit the budget on 2 cores
    @Option(names = "--incremental-max-ratings", paramLabel = "N",
            defaultValue = "${env:TRAINER_INCREMENTAL_MAX_RATINGS:-200000}",
            description = "An incremental retrain trains on at most N ratings: the users who rated since the last "
                    + "retrain first, then a sample of the others (default: ${DEFAULT-VALUE}).")
    private long incrementalMaxRatings;

    // an incremental retrain should be served within a minute: after the networks stop, the choice of blend weight
    // and recency, the judging and the encoding took another 15-25 s on 200,000 ratings on 2 shared cores
    // (56 s in all at 40 s, 78 s at 60 s)
    @Option(names = "--retrain-budget", paramLabel = "T", converter = DurationConverter.class,
            defaultValue = "${env:TRAINER_RETRAIN_BUDGET:-PT40S}",
            description = "Training time of an incremental retrain: each network stops after the epoch past which "
                    + "another would not fit; 0: none (default: ${DEFAULT-VALUE}).")
    private Duration retrainBudget;

    @Option(names = "--model", paramLabel = "study|default", defaultValue = "${env:TRAINER_MODEL:-default}",
            description = "The hyperparameters to start from (default: ${DEFAULT-VALUE}).")
    private String modelName;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "${env:TRAINER_EPOCHS}",
            description = "Maximum epochs per training (default: the model's).")
    private Integer epochs;

    @Option(names = "--model-param", paramLabel = "KEY=VALUE", split = ",",
            defaultValue = "${env:TRAINER_MODEL_PARAMS}",
            description = "Any hyperparameter by its key, such as learning_rate=0.001 or members=1; repeatable, or "
                    + "KEY=VALUE,KEY=VALUE.")
    private Map<String, String> modelParams;

    @Option(names = "--validation-fraction", paramLabel = "F",
            defaultValue = "${env:TRAINER_VALIDATION_FRACTION:-0.1}",
            description = "Share of (user, movie) pairs held out to judge each model (default: ${DEFAULT-VALUE}).")
    private double validationFraction;

    @Option(names = "--validation-seed", paramLabel = "N", defaultValue = "${env:TRAINER_VALIDATION_SEED:-42}",
            description = "Seeds which pairs are held out; keep it across restarts so that a pair stays on its side "
                    + "(default: ${DEFAULT-VALUE}).")
    private long validationSeed;

    @Option(names = "--publish-tolerance", paramLabel = "F", defaultValue = "${env:TRAINER_PUBLISH_TOLERANCE:-0}",
            description = "Relative slack for publishing a model that judges worse; 0: never "
                    + "(default: ${DEFAULT-VALUE}).")
    private double publishTolerance;

    @Option(names = "--model-topic-partitions", paramLabel = "N",
            defaultValue = "${env:TRAINER_MODEL_TOPIC_PARTITIONS:-1}",
            description = "Partitions of model-updates when the trainer creates it (default: ${DEFAULT-VALUE}).")
    private int modelTopicPartitions;

    @Option(names = "--model-topic-replication-factor", paramLabel = "N",
            defaultValue = "${env:TRAINER_MODEL_TOPIC_REPLICATION_FACTOR:--1}",
            description = "Its replication factor; -1: the broker's default (default: ${DEFAULT-VALUE}).")
    private int modelTopicReplicationFactor;

    @Option(names = "--max-model-bytes", paramLabel = "N",
            defaultValue = "${env:TRAINER_MAX_MODEL_BYTES:-" + DEFAULT_MAX_MODEL_BYTES + "}",
            description = "The largest record of the model topic: its max.message.bytes and the producer's "
                    + "max.request.size; a larger model is published as several records (default: ${DEFAULT-VALUE}).")
    private int maxModelBytes;

    @Option(names = "--compression", paramLabel = "TYPE", defaultValue = "${env:TRAINER_COMPRESSION:-zstd}",
            description = "The producer's compression: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private CompressionType compression;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:TRAINER_HTTP_HOST:-0.0.0.0}",
            description = "Where GET /status, /health and /metrics are served (default: ${DEFAULT-VALUE}).")
    private String httpHost;

    @Option(names = "--http-port", paramLabel = "N",
            defaultValue = "${env:TRAINER_HTTP_PORT:-" + DEFAULT_HTTP_PORT + "}",
            description = "Their port; 0: any free one, -1: none (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    /**
     * The settings the arguments give, over the environment and the defaults.
     *
     * @throws picocli.CommandLine.ParameterException saying what is wrong, for a value that cannot be used
     */
    public static TrainerConfig parse(String... args) {
        return Cli.parse(new TrainerConfig(), args);
    }

    @Override
    public void validate() {
        require(retrainEveryRatings >= 0, "--retrain-every-ratings must not be negative, got " + retrainEveryRatings);
        require(!retrainInterval.isNegative(), "--retrain-interval must not be negative, got " + retrainInterval);
        require(retrainEveryRatings > 0 || !retrainInterval.isZero(),
                "--retrain-every-ratings and --retrain-interval cannot both be 0: the trainer would never retrain");
        require(minRatings >= 1, "--min-ratings must be at least 1, got " + minRatings);
        require(maxTrainingRatings >= 1, "--max-training-ratings must be at least 1, got " + maxTrainingRatings);
        require(!fullRetrainInterval.isNegative(),
                "--full-retrain-interval must not be negative, got " + fullRetrainInterval);
        require(!fullRetrainBudget.isNegative(),
                "--full-retrain-budget must not be negative, got " + fullRetrainBudget);
        require(incrementalMaxRatings >= 1,
                "--incremental-max-ratings must be at least 1, got " + incrementalMaxRatings);
        require(!retrainBudget.isNegative(), "--retrain-budget must not be negative, got " + retrainBudget);
        require(validationFraction >= 0 && validationFraction < 1,
                "--validation-fraction must be in [0, 1), got " + validationFraction);
        require(publishTolerance >= 0, "--publish-tolerance must not be negative, got " + publishTolerance);
        require(modelTopicPartitions >= 1, "--model-topic-partitions must be at least 1, got " + modelTopicPartitions);
        require(modelTopicReplicationFactor == -1 || modelTopicReplicationFactor >= 1,
                "--model-topic-replication-factor must be -1 (the broker's default) or at least 1, got "
                        + modelTopicReplicationFactor);
        require(maxModelBytes >= 1024 * 1024, "--max-model-bytes must be at least 1 MiB, got " + maxModelBytes);
        require(httpPort >= -1 && httpPort <= 65535,
                "--http-port must be -1 (none), 0 (any) or a port, got " + httpPort);
        modelConfig(); // an unknown model or parameter fails now, not at the first retrain
    }

    /** The model configuration to train with: the named one with the parameters and epochs applied. */
    public ModelConfig modelConfig() {
        ModelConfig base;
        try {
            base = ModelConfig.named(modelName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage(), e);
        }
        Map<String, String> params = new LinkedHashMap<>(modelParams());
        if (epochs != null) {
            params.put("epochs", epochs.toString());
        }
        for (String key : params.keySet()) {
            require(base.toMap().containsKey(key), "--model-param: unknown model parameter '" + key + "' (known: "
                    + String.join(", ", base.toMap().keySet()) + ")");
        }
        return params.isEmpty() ? base : base.with(params);
    }

    /** The settings as name-value pairs with secrets masked: what the service logs at start. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(kafka.describe());
        out.put("retrain.every.ratings", retrainEveryRatings);
        out.put("retrain.interval", retrainInterval);
        out.put("min.ratings", minRatings);
        out.put("max.training.ratings", maxTrainingRatings);
        out.put("full.retrain.interval", fullRetrainInterval);
        out.put("full.retrain.budget", fullRetrainBudget);
        out.put("incremental.max.ratings", incrementalMaxRatings);
        out.put("retrain.budget", retrainBudget);
        out.put("model", modelName);
        out.put("model.params", modelParams());
        out.put("epochs", epochs == null ? "the model's" : epochs);
        out.put("validation.fraction", validationFraction);
        out.put("validation.seed", validationSeed);
        out.put("publish.tolerance", publishTolerance);
        out.put("model.topic.partitions", modelTopicPartitions);
        out.put("model.topic.replication.factor", modelTopicReplicationFactor);
        out.put("max.model.bytes", maxModelBytes);
        out.put("compression.type", compression());
        out.put("http", httpPort < 0 ? "off" : httpHost + ":" + httpPort);
        return out;
    }

    public KafkaOptions kafka() {
        return kafka;
    }

    public long retrainEveryRatings() {
        return retrainEveryRatings;
    }

    public Duration retrainInterval() {
        return retrainInterval;
    }

    public long minRatings() {
        return minRatings;
    }

    public long maxTrainingRatings() {
        return maxTrainingRatings;
    }

    public Duration fullRetrainInterval() {
        return fullRetrainInterval;
    }

    /** What each kind of retrain trains on, and for how long. */
    public RetrainLimits retrainLimits() {
        return new RetrainLimits(maxTrainingRatings, fullRetrainBudget, incrementalMaxRatings, retrainBudget);
    }

    public Map<String, String> modelParams() {
        return modelParams == null ? Map.of() : Map.copyOf(modelParams);
    }

    public double validationFraction() {
        return validationFraction;
    }

    public long validationSeed() {
        return validationSeed;
    }

    public double publishTolerance() {
        return publishTolerance;
    }

    public int modelTopicPartitions() {
        return modelTopicPartitions;
    }

    public int modelTopicReplicationFactor() {
        return modelTopicReplicationFactor;
    }

    public int maxModelBytes() {
        return maxModelBytes;
    }

    /** The producer's compression.type. */
    public String compression() {
        return compression.name;
    }

    public String httpHost() {
        return httpHost;
    }

    public int httpPort() {
        return httpPort;
    }
}
