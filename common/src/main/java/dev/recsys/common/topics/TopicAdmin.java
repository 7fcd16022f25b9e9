package dev.recsys.common.topics;

import static dev.recsys.common.Errors.rootMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics a service needs from the table's rows, and says where an existing one differs. */
public final class TopicAdmin {
    /** A replication factor that leaves the choice to the broker ({@code default.replication.factor}). */
    public static final int BROKER_DEFAULT = -1;

    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private TopicAdmin() {
    }

    /**
     * What {@link #ensureTopics} did: the topics it created, and one line for each config of an existing topic that
     * differs from its row (also logged as a warning).
     */
    public record Outcome(List<String> created, List<String> differences) {
        public Outcome {
            created = List.copyOf(created);
            differences = List.copyOf(differences);
        }
    }

    /**
     * Creates the topics that are absent, with each row's partitions and configs, then compares the configs of
     * those that existed with their rows. An existing topic is never changed: its owner may have chosen otherwise,
     * so a difference is a warning, not an error. A topic another client creates meanwhile counts as existing.
     *
     * @param replicationFactor of the topics created; {@link #BROKER_DEFAULT} for the broker's default
     * @param timeout           bound on the whole call
     * @throws TopicException when the topics cannot be listed or one cannot be created
     */
    public static Outcome ensureTopics(Admin admin, Collection<TopicSpec> specs, int replicationFactor,
                                       Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> names = get(admin.listTopics(new ListTopicsOptions().timeoutMs(remainingMs(deadline))).names(),
                deadline, timeout, "Listing the topics", "Could not list the topics");
        List<TopicSpec> existing = new ArrayList<>();
        List<TopicSpec> missing = new ArrayList<>();
        for (TopicSpec spec : specs) {
            (names.contains(spec.name()) ? existing : missing).add(spec);
        }
        List<String> created = new ArrayList<>();
        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing.stream()
                    .map(spec -> newTopic(spec, replicationFactor)).toList(),
                    new CreateTopicsOptions().timeoutMs(remainingMs(deadline))).values();
            for (TopicSpec spec : missing) {
                try {
                    get(results.get(spec.name()), deadline, timeout, "Creating topic " + spec.name(),
                            "Could not create topic " + spec.name());
                    created.add(spec.name());
                    LOG.info("Created topic {}: {} partition(s), replication factor {}, {}", spec.name(),
                            spec.partitions(), replicationFactor < 1 ? "(broker default)" : replicationFactor,
                            spec.configs());
                } catch (TopicException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    existing.add(spec); // another client created it in between
                }
            }
        }
        return new Outcome(created, compareConfigs(admin, existing, deadline));
    }

    private static NewTopic newTopic(TopicSpec spec, int replicationFactor) {
        return new NewTopic(spec.name(), Optional.of(spec.partitions()),
                replicationFactor < 1 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(spec.configs());
    }

    private static List<String> compareConfigs(Admin admin, List<TopicSpec> existing, long deadline)
            throws InterruptedException {
        List<TopicSpec> withConfigs = existing.stream().filter(spec -> !spec.configs().isEmpty()).toList();
        if (withConfigs.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = withConfigs.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList();
        Map<ConfigResource, Config> actual;
        try {
            actual = admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(remainingMs(deadline)))
                    .all().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // only a check: what depends on a config (the size of a record, say) fails clearly on its own
            LOG.warn("Could not check the configuration of topics {}: {}",
                    withConfigs.stream().map(TopicSpec::name).toList(), rootMessage(e));
            return List.of();
        }
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < withConfigs.size(); i++) {
            TopicSpec spec = withConfigs.get(i);
            Config config = actual.get(resources.get(i));
            spec.configs().forEach((key, wanted) -> {
                ConfigEntry entry = config == null ? null : config.get(key);
                if (entry != null && entry.value() != null && !satisfies(key, entry.value(), wanted)) {
                    differences.add(difference(spec, key, entry.value(), wanted));
                }
            });
        }
        differences.forEach(LOG::warn);
        return differences;
    }

    /** Larger records than the row allows are fine; other values must be the row's (lists in any order). */
    private static boolean satisfies(String key, String actual, String wanted) {
        if (key.equals(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)) {
            try {
                return Long.parseLong(actual.trim()) >= Long.parseLong(wanted.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return tokens(actual).equals(tokens(wanted));
    }

    private static Set<String> tokens(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String difference(TopicSpec spec, String key, String actual, String wanted) {
        String fix = "; change it with kafka-configs.sh --alter --entity-type topics --entity-name " + spec.name()
                + " --add-config " + key + "=" + wanted;
        if (key.equals(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)) {
            return "Topic " + spec.name() + " has " + key + "=" + actual + ", less than the " + wanted
                    + " its records may take: larger ones will be refused" + fix;
        }
        return "Topic " + spec.name() + " has " + key + "=" + actual + ", not " + wanted
                + (spec.why().isEmpty() ? "" : " (" + spec.why() + ")") + fix;
    }

    /** Bounds the call itself too, so that closing the admin client afterwards does not wait for it. */
    private static int remainingMs(long deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
    }

    private static <T> T get(KafkaFuture<T> future, long deadline, Duration timeout, String doing, String failed)
            throws InterruptedException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new TopicException(doing + " took longer than " + timeout.toSeconds() + " s", e.getCause());
            }
            throw new TopicException(failed + ": " + rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicException(doing + " took longer than " + timeout.toSeconds() + " s", e);
        }
    }
}
