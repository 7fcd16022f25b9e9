package dev.recsys.streams;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.streams.config.StreamsSettings;
import java.nio.file.Path;

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
        return StreamsSettings.parse("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", "mock://" + scope, "--application-id", applicationId,
                "--state-dir", stateDir.toString(), "--http-host", "localhost", "--http-port", Integer.toString(httpPort),
                "--topic-wait-seconds", "10");
    }
}
