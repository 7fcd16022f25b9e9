package dev.recsys.ingest.replay;

import dev.recsys.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks that the cluster answers, within the configured time, and creates the replay's topics when absent. */
final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    static void prepare(ReplayConfig config) {
        long timeoutMs = config.connectTimeout().toMillis();
        try (Admin admin = Admin.create(ProducerSettings.admin(config))) {
            int brokers;
            try {
                brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                        .nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            } catch (ExecutionException | TimeoutException e) {
                throw new ReplayException("Kafka broker at " + config.bootstrapServers() + " did not answer within "
                        + config.connectTimeout().toSeconds() + " s", e);
            }
            LOG.info("Connected to a Kafka cluster of {} broker(s) at {}", brokers, config.bootstrapServers());
            createMissing(admin, config, timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while connecting to Kafka", e);
        }
    }

    private static void createMissing(Admin admin, ReplayConfig config, long timeoutMs) throws InterruptedException {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplayException("Could not list the topics of " + config.bootstrapServers() + ": "
                    + rootMessage(e), e);
        }
        // The rating log is the source of truth the trainer rebuilds from: keep it for ever. The catalogue and
        // the demographics are tables, so compaction keeps the latest record per id.
        List<NewTopic> wanted = List.of(
                topic(config, Topics.RATINGS, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                topic(config, Topics.MOVIES, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                topic(config, Topics.USERS, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        List<NewTopic> missing = new ArrayList<>();
        for (NewTopic topic : wanted) {
            if (!existing.contains(topic.name())) {
                missing.add(topic);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                LOG.info("Created topic {} ({} partitions, replication factor {})", entry.getKey(),
                        config.partitions(), config.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ReplayException("Could not create topic " + entry.getKey() + ": " + rootMessage(e), e);
                }
                // another client created it in between: fine
            } catch (TimeoutException e) {
                throw new ReplayException("Creating topic " + entry.getKey() + " took longer than "
                        + config.connectTimeout().toSeconds() + " s", e);
            }
        }
    }

    private static NewTopic topic(ReplayConfig config, String name, Map<String, String> configs) {
        return new NewTopic(name, config.partitions(), config.replicationFactor()).configs(configs);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
