package dev.recsys.embedded.junit;

import dev.recsys.common.topics.TopicSpec;
import java.util.Map;

/**
 * The broker a {@link WithKafka} test runs against, injected as a parameter into test methods, constructors
 * and {@code @BeforeAll}/{@code @BeforeEach} methods. The same interface is backed by the in-JVM broker or by
 * a Testcontainers broker, so a test body never knows which one it got.
 */
public interface KafkaBroker {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /**
     * Creates a topic with replication factor 1 and returns once every partition has a leader; an existing
     * topic with the same partition count is accepted, so that {@code @BeforeEach} may call this.
     */
    void createTopic(String name, int partitions, Map<String, String> configs);

    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** {@link #createTopic(String, int, Map)} for a row of the topic table, such as {@code Topics.spec(name)}. */
    default void createTopic(TopicSpec topic) {
        createTopic(topic.name(), topic.partitions(), topic.configs());
    }
}
