package dev.recsys.trainer.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the model log when it is absent, sized for its records, and checks an existing one can take them.
 *
 * <p>The topic is <b>compacted</b>, not deleted by time: with one key per model line, compaction keeps the latest
 * version forever, which is what a restarted trainer continues from and what a new streams instance loads. A
 * time-based retention could delete the only model after a quiet spell, and the trainer would restart at version 1.
 * {@code min.compaction.lag.ms} keeps every version for a week before the cleaner may drop superseded ones, so
 * recent history stays there to inspect or roll back to.
 */
public final class ModelTopic {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTopic.class);
    static final Duration HISTORY = Duration.ofDays(7);
    private static final long TIMEOUT_SECONDS = 30;

    private ModelTopic() {
    }

    /** The topic configs the trainer creates the model log with. */
    public static Map<String, String> configs(int maxMessageBytes) {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(HISTORY.toMillis()));
    }

    /** Creates the topic when absent; warns when an existing one would refuse records of maxMessageBytes. */
    public static void ensure(Admin admin, String topic, int partitions, int replicationFactor, int maxMessageBytes)
            throws InterruptedException {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(configs(maxMessageBytes));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("created topic {}: {} partition(s), {}", topic, partitions, configs(maxMessageBytes));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
            checkExisting(admin, topic, maxMessageBytes);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": no answer from the cluster in "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    private static void checkExisting(Admin admin, String topic, int maxMessageBytes) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
            ConfigEntry max = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            ConfigEntry cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (max != null && Long.parseLong(max.value()) < maxMessageBytes) {
                LOG.warn("topic {} has max.message.bytes={}, less than the {} the trainer may send: large models "
                        + "will be refused; raise it with kafka-configs --alter --add-config max.message.bytes={}",
                        topic, max.value(), maxMessageBytes, maxMessageBytes);
            }
            if (cleanup != null && !cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.info("topic {} has cleanup.policy={}: make sure its retention outlives the gap between "
                        + "models, or a restart cannot continue the version sequence", topic, cleanup.value());
            }
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            // only a check: the producer reports a record that is too large anyway
            LOG.warn("could not check the configuration of topic {}: {}", topic, e.getMessage());
        }
    }
}
