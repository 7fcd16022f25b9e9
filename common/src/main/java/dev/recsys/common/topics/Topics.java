package dev.recsys.common.topics;

import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT;
import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.MAX_MESSAGE_BYTES_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The project's topics, in one table: their names and how they are created. Ingest, the trainer, streams and the
 * local broker create them from here ({@link TopicAdmin#ensureTopics}); docker-compose's one-shot {@code topics}
 * service writes the same table as kafka-topics commands, and a test holds the two together.
 * Keys are plain Kafka int or string bytes, values Avro in Confluent's wire format (the classes of
 * {@code dev.recsys.schemas}).
 */
public final class Topics {
    /** Rating events, key: user id (int), value: RatingEvent. The log is the source of truth. */
    public static final String RATINGS = "ratings";
    /** The catalogue, compacted, key: movie id (int), value: Movie. */
    public static final String MOVIES = "movies";
    /** Demographics, compacted, key: user id (int), value: User. */
    public static final String USERS = "users";
    /**
     * Published model versions, key: model name (string; name#k for chunk k of a model in chunks), value:
     * ModelUpdate.
     */
    public static final String MODEL_UPDATES = "model-updates";
    /** A user's refreshed top-10 per rating, key: user id (int), value: Recommendations. */
    public static final String RECOMMENDATIONS = "recommendations";
    /** Ratings that could not be processed, with the reason in headers and the original bytes. */
    public static final String RATINGS_DLQ = "ratings-dlq";

    /** The key of model updates: one model line per name. */
    public static final String MODEL_NAME = "hybrid";

    /**
     * The largest record of model-updates, in bytes: its {@code max.message.bytes}, and what its producer and
     * consumers must allow. A ModelUpdate of ml-100k is a few MiB and one record; a larger model (210 MB at ml-25m's
     * 62,423 movies) is published as chunks of at most this size, in one transaction.
     */
    public static final int MAX_MODEL_BYTES = 16 * 1024 * 1024;

    /** Partitions of ratings (and of recommendations, keyed alike); a constant, so that option defaults can use it. */
    public static final int RATINGS_PARTITIONS = 4;

    /** How long superseded model versions stay in the compacted log. */
    static final Duration MODEL_HISTORY = Duration.ofDays(7);

    /** Every topic, as created when absent. */
    public static final List<TopicSpec> TABLE = List.of(
            new TopicSpec(RATINGS, RATINGS_PARTITIONS, Map.of(RETENTION_MS_CONFIG, "-1"),
                    "the rating log is the source of truth the trainer rebuilds from: it is kept for ever"),
            new TopicSpec(MOVIES, 1, Map.of(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT),
                    "the catalogue is a table: compaction keeps the latest record of every movie"),
            new TopicSpec(USERS, 1, Map.of(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT),
                    "the demographics are a table: compaction keeps the latest record of every user"),
            // With one key per model line (and per chunk index: name, name#1, ... for a model in chunks),
            // compaction keeps the latest version for ever: what a restarted trainer continues from and a new
            // streams instance loads. A time-based retention could delete the only model after a quiet spell, and
            // the trainer would start over at version 1. The compaction lag keeps a week of versions to inspect or
            // roll back to.
            new TopicSpec(MODEL_UPDATES, 1, Map.of(
                    CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT,
                    MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(MODEL_HISTORY.toMillis()),
                    MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MODEL_BYTES)),
                    "compaction keeps the latest model for ever (a restarted trainer continues its versions from it)"
                            + " and a week of older ones; a model larger than a record travels as chunks"),
            // streams creates it with as many partitions as ratings has, so that both stay keyed alike
            new TopicSpec(RECOMMENDATIONS, RATINGS_PARTITIONS, Map.of()),
            new TopicSpec(RATINGS_DLQ, 1, Map.of()));

    /** The names of {@link #TABLE}, in its order. */
    public static final List<String> NAMES = TABLE.stream().map(TopicSpec::name).toList();

    private Topics() {
    }

    /** The table's row for a topic. */
    public static TopicSpec spec(String name) {
        return TABLE.stream().filter(spec -> spec.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name + " in the table: " + NAMES));
    }
}
