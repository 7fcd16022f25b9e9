package dev.recsys.ingest.replay;

import dev.recsys.common.topics.TopicAdmin;
import dev.recsys.common.topics.TopicException;
import dev.recsys.common.topics.Topics;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the cluster answers, within the configured time, and creates the replay's topics when absent, as the
 * topic table has them; {@code --partitions} sets those of the rating log.
 */
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
            TopicAdmin.ensureTopics(admin, List.of(
                    Topics.spec(Topics.RATINGS).withPartitions(config.partitions()),
                    Topics.spec(Topics.MOVIES),
                    Topics.spec(Topics.USERS)), config.replicationFactor(), config.connectTimeout());
        } catch (TopicException e) {
            throw new ReplayException(e.getMessage() + " (at " + config.bootstrapServers() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while connecting to Kafka", e);
        }
    }
}
