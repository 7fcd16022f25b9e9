package dev.recsys.trainer.config;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import dev.recsys.trainer.TrainerConfig;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line flags of {@code ./recsys trainer}, applied on top of the environment. */
public final class TrainerFlags {
    public static final String USAGE = """
            usage: recsys trainer [flags]
              --bootstrap-servers HOST:PORT,...   Kafka (env KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)
              --schema-registry-url URL           http(s)://... or mock://scope (env SCHEMA_REGISTRY_URL,
                                                  default http://localhost:8081)
              --retrain-every-ratings N           retrain after N new ratings, 0 = off (env TRAINER_RETRAIN_EVERY_RATINGS,
                                                  default 5000)
              --retrain-interval T                retrain after T if anything new arrived, 0 = off; PT60S, 60s, 5m
                                                  (env TRAINER_RETRAIN_INTERVAL, default PT60S)
              --min-ratings N                     ratings before the first model (env TRAINER_MIN_RATINGS, default 2000)
              --model study|default               hyperparameters to start from (env TRAINER_MODEL, default default)
              --epochs N                          maximum epochs per training (env TRAINER_EPOCHS, default the model's)
              --model-param KEY=VALUE             any hyperparameter, such as learning_rate=0.001; repeatable
                                                  (env TRAINER_MODEL_PARAMS=k=v,k=v)
              --validation-fraction F             share of (user, movie) pairs held out to judge models
                                                  (env TRAINER_VALIDATION_FRACTION, default 0.1)
              --validation-seed N                 which pairs are held out (env TRAINER_VALIDATION_SEED, default 42)
              --publish-tolerance F               publish when val MSE <= current * (1 + F) (env TRAINER_PUBLISH_TOLERANCE,
                                                  default 0: never publish a worse model)
              --model-topic-partitions N          when creating model-updates (env TRAINER_MODEL_TOPIC_PARTITIONS, default 1)
              --model-topic-replication-factor N  when creating it, -1 = broker default
                                                  (env TRAINER_MODEL_TOPIC_REPLICATION_FACTOR)
              --max-model-bytes N                 topic max.message.bytes and producer max.request.size
                                                  (env TRAINER_MAX_MODEL_BYTES, default 16777216)
              --compression none|gzip|snappy|lz4|zstd   producer compression (env TRAINER_COMPRESSION, default zstd)
              --http-host HOST                    where GET /status and /health are served (env TRAINER_HTTP_HOST,
                                                  default 0.0.0.0)
              --http-port N                       their port, 0 = any free one, -1 = off (env TRAINER_HTTP_PORT,
                                                  default 8090)
              --config KEY=VALUE                  any Kafka client property, such as security.protocol; repeatable
                                                  (env TRAINER_CONFIG_<KEY_WITH_UNDERSCORES>)
              --help                              this text
            """;

    private static final Set<String> FLAGS = Set.of("bootstrap-servers", "schema-registry-url",
            "retrain-every-ratings", "retrain-interval", "min-ratings", "model", "epochs", "model-param",
            "validation-fraction", "validation-seed", "publish-tolerance", "model-topic-partitions",
            "model-topic-replication-factor", "max-model-bytes", "compression", "http-host", "http-port", "config");

    private TrainerFlags() {
    }

    /** Null when --help was asked for. */
    public static TrainerConfig parse(String[] args, Map<String, String> env) {
        CliArgs cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        if (cli.has("help")) {
            return null;
        }
        try {
            TrainerConfig base = TrainerConfig.fromEnv(env);
            Map<String, String> params = new LinkedHashMap<>(base.modelParams());
            for (String pair : cli.all("model-param")) {
                params.putAll(TrainerConfig.parsePairs(pair, "--model-param"));
            }
            if (cli.has("epochs")) {
                params.put("epochs", Long.toString(cli.longValue("epochs", 0L)));
            }
            Map<String, String> overrides = new HashMap<>(base.kafkaOverrides());
            for (String pair : cli.all("config")) {
                overrides.putAll(TrainerConfig.parsePairs(pair, "--config"));
            }
            return new TrainerConfig(
                    cli.get("bootstrap-servers", base.bootstrapServers()),
                    cli.get("schema-registry-url", base.schemaRegistryUrl()),
                    base.schemaRegistryUserInfo(),
                    cli.longValue("retrain-every-ratings", base.retrainEveryRatings()),
                    cli.has("retrain-interval") ? Durations.parse(cli.get("retrain-interval")) : base.retrainInterval(),
                    cli.longValue("min-ratings", base.minRatings()),
                    cli.get("model", base.modelName()),
                    params,
                    cli.doubleValue("validation-fraction", base.validationFraction()),
                    cli.longValue("validation-seed", base.validationSeed()),
                    cli.doubleValue("publish-tolerance", base.publishTolerance()),
                    cli.intValue("model-topic-partitions", base.modelTopicPartitions()),
                    cli.intValue("model-topic-replication-factor", base.modelTopicReplicationFactor()),
                    cli.intValue("max-model-bytes", base.maxModelBytes()),
                    cli.has("compression") ? cli.get("compression").toLowerCase(Locale.ROOT) : base.compression(),
                    cli.get("http-host", base.httpHost()),
                    cli.intValue("http-port", base.httpPort()),
                    overrides);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
