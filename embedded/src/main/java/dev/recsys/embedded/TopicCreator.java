package dev.recsys.embedded;

import dev.recsys.common.topics.TopicAdmin;
import dev.recsys.common.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates a topic ({@link TopicAdmin#ensureTopics}, as every service does) and returns only once every partition has
 * a leader that answers for its log, so that a producer or consumer started right after never sees
 * UNKNOWN_TOPIC_OR_PARTITION or a missing leader. Creating a topic that already exists with the same partition count
 * is not an error: tests that share a broker per class may create their topics in {@code @BeforeEach}.
 */
public final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private TopicCreator() {
    }

    public static void create(String bootstrapServers, TopicSpec topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "recsys-topic-creator"))) {
            TopicAdmin.ensureTopics(admin, List.of(topic), TopicAdmin.BROKER_DEFAULT, timeout);
            awaitUsable(admin, topic.name(), topic.partitions(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic.name(), e);
        }
        LOG.debug("Topic {} is ready with {} partitions", topic.name(), topic.partitions());
    }

    /** Polls until every partition has a leader and that leader serves a list-offsets request. */
    private static void awaitUsable(Admin admin, String name, int partitions, long deadline)
            throws InterruptedException {
        while (true) {
            try {
                TopicDescription description = describe(admin, name, deadline);
                if (description.partitions().size() != partitions) {
                    throw new IllegalStateException("Topic " + name + " already exists with "
                            + description.partitions().size() + " partitions, not " + partitions);
                }
                if (allHaveLeaders(description)) {
                    Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                            .collect(Collectors.toMap(p -> new TopicPartition(name, p.partition()),
                                    p -> OffsetSpec.latest()));
                    get(admin.listOffsets(request).all(), deadline, name);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("Topic " + name + " did not become usable: "
                            + e.getCause().getMessage(), e.getCause());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + name + " was created but not usable in time");
            }
            // Metadata reaches the partition leader asynchronously; a short poll beats a fixed wait.
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static boolean allHaveLeaders(TopicDescription description) {
        return description.partitions().stream()
                .map(TopicPartitionInfo::leader)
                .allMatch(leader -> leader != null && !leader.isEmpty());
    }

    private static TopicDescription describe(Admin admin, String name, long deadline)
            throws ExecutionException, InterruptedException {
        return get(admin.describeTopics(List.of(name)).allTopicNames(), deadline, name).get(name);
    }

    private static <T> T get(KafkaFuture<T> future, long deadline, String name)
            throws ExecutionException, InterruptedException {
        long remaining = Math.max(0, deadline - System.nanoTime());
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        }
    }
}
