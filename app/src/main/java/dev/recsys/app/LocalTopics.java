package dev.recsys.app;

import dev.recsys.app.demo.LocalStack;
import dev.recsys.common.topics.TopicSpec;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.EmbeddedKafka;
import java.util.List;

/** Every topic of the table, on a local broker, as docker-compose creates them. */
public final class LocalTopics {

    static final List<String> NAMES = Topics.NAMES;

    private LocalTopics() {
    }

    public static void create(EmbeddedKafka kafka) {
        create(kafka::createTopic);
    }

    public static void create(LocalStack.TopicMaker topics) {
        for (TopicSpec spec : Topics.TABLE) {
            topics.createTopic(spec.name(), spec.partitions(), spec.configs());
        }
    }
}
