package dev.recsys.streams;

import dev.recsys.common.topics.TopicAdmin;
import dev.recsys.common.topics.TopicException;
import dev.recsys.common.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's topic policy. Source topics (ratings, movies, model-updates) belong to ingest and the trainer, who choose
 * their partitions and retention: the app waits a bounded time for them and then fails with one clear line rather
 * than guess. Its own outputs (recommendations, ratings-dlq) it creates when absent, as the topic table has them but
 * recommendations with as many partitions as ratings, so that both stay keyed alike.
 */
final class TopicCheck {
    static final List<String> SOURCES = List.of(Topics.RATINGS, Topics.MOVIES, Topics.MODEL_UPDATES);
    private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(15);

    private TopicCheck() {
    }

    /** Thrown with the one line to show when source topics are still missing after the wait. */
    static final class MissingTopicsException extends Exception {
        MissingTopicsException(String message) {
            super(message);
        }
    }

    static void prepare(Map<String, Object> adminConfig, Duration wait, int replicationFactor)
            throws MissingTopicsException, InterruptedException {
        Properties props = new Properties();
        props.putAll(adminConfig);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Admin admin = Admin.create(props);
        try {
            Map<String, TopicDescription> sources = awaitSources(admin, wait);
            int partitions = sources.get(Topics.RATINGS).partitions().size();
            createOutputs(admin, partitions, replicationFactor);
        } finally {
            // do not wait for calls to an unreachable broker to time out: the answer is already known
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static void createOutputs(Admin admin, int partitions, int replicationFactor)
            throws InterruptedException {
        try {
            TopicAdmin.ensureTopics(admin, List.of(
                    Topics.spec(Topics.RECOMMENDATIONS).withPartitions(partitions),
                    Topics.spec(Topics.RATINGS_DLQ)), replicationFactor, OUTPUT_TIMEOUT);
        } catch (TopicException e) {
            log.warn("{}; Streams will fail if the topic does not exist", e.getMessage());
        }
    }

    private static Map<String, TopicDescription> awaitSources(Admin admin, Duration wait)
            throws MissingTopicsException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean logged = false;
        while (true) {
            long callTimeoutMs = Math.max(1_000, Math.min(15_000, (deadline - System.nanoTime()) / 1_000_000));
            List<String> missing = new ArrayList<>(SOURCES);
            String problem;
            try {
                missing.removeAll(admin.listTopics().names().get(callTimeoutMs, TimeUnit.MILLISECONDS));
                if (missing.isEmpty()) {
                    return admin.describeTopics(SOURCES).allTopicNames().get(callTimeoutMs, TimeUnit.MILLISECONDS);
                }
                problem = "source topics missing after " + wait.toSeconds() + " s: " + String.join(", ", missing)
                        + " (ingest creates ratings and movies, the trainer model-updates)";
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = Optional.ofNullable(e.getCause()).orElse(e);
                problem = "Kafka did not answer within " + wait.toSeconds() + " s ("
                        + Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName()) + ")";
            }
            if (System.nanoTime() > deadline) {
                throw new MissingTopicsException(problem);
            }
            if (!logged) {
                log.info("Waiting up to {} s for source topics {}", wait.toSeconds(), SOURCES);
                logged = true;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
