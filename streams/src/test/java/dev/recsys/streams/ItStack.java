package dev.recsys.streams;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.streams.config.StreamsSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the integration tests of this module set up alike: the app's topics and its settings on a test broker. */
final class ItStack {
    private ItStack() {
    }

    /** The topics the app reads and writes, as the trainer and ingest would have made them. */
    static void createTopics(KafkaBroker broker, int partitions) {
        broker.createTopic(Topics.spec(Topics.RATINGS).withPartitions(partitions));
        broker.createTopic(Topics.spec(Topics.MOVIES));
        broker.createTopic(Topics.spec(Topics.MODEL_UPDATES));
        broker.createTopic(Topics.spec(Topics.RECOMMENDATIONS).withPartitions(partitions));
        broker.createTopic(Topics.spec(Topics.RATINGS_DLQ));
    }

    /** An instance on the broker with the in-JVM registry of the scope; HTTP on localhost (port 0: a free one). */
    static StreamsSettings settings(KafkaBroker broker, String scope, String applicationId, Path stateDir,
                                    int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", "mock://" + scope);
        env.put("STREAMS_APPLICATION_ID", applicationId);
        env.put("STREAMS_STATE_DIR", stateDir.toString());
        env.put("STREAMS_HTTP_HOST", "localhost");
        env.put("STREAMS_HTTP_PORT", Integer.toString(httpPort));
        env.put("STREAMS_TOPIC_WAIT_SECONDS", "10");
        // a closed member does not leave the group (Streams never does on close): keep its session short so
        // that its partitions move within seconds, not the 45 s default
        env.put("STREAMS_CONFIG_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        env.put("STREAMS_CONFIG_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        return StreamsSettings.fromEnv(env);
    }
}
