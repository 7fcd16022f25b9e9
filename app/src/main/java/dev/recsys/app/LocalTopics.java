package dev.recsys.app;

import dev.recsys.app.demo.LocalStack;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.schemas.Topics;
import java.util.List;
import java.util.Map;

/** The project's topics as docker-compose creates them, for a local broker. */
public final class LocalTopics {

    record Spec(String name, int partitions, Map<String, String> configs) {
    }

    static final List<Spec> SPECS = List.of(
            // the rating log is the source of truth the trainer rebuilds from: kept for ever
            new Spec(Topics.RATINGS, 4, Map.of("retention.ms", "-1")),
            new Spec(Topics.MOVIES, 1, Map.of("cleanup.policy", "compact")),
            new Spec(Topics.USERS, 1, Map.of("cleanup.policy", "compact")),
            // compacted: the latest model is kept for ever (a restarted trainer continues from it), and a week of
            // superseded versions for rollback; 16 MiB messages, as the trainer's producer sends
            new Spec(Topics.MODEL_UPDATES, 1, Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "604800000",
                    "max.message.bytes", "16777216")),
            new Spec(Topics.RECOMMENDATIONS, 4, Map.of()),
            new Spec(Topics.RATINGS_DLQ, 1, Map.of()));

    static final List<String> NAMES = SPECS.stream().map(Spec::name).toList();

    private LocalTopics() {
    }

    public static void create(EmbeddedKafka kafka) {
        create(kafka::createTopic);
    }

    public static void create(LocalStack.TopicMaker topics) {
        for (Spec spec : SPECS) {
            topics.createTopic(spec.name(), spec.partitions(), spec.configs());
        }
    }
}
