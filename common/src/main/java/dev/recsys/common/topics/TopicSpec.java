package dev.recsys.common.topics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A topic as it is created: name, partitions and topic configs, and why those configs matter, which is what a
 * warning about an existing topic that differs says.
 *
 * @param name       the topic's name
 * @param partitions partitions when created (an existing topic keeps its own)
 * @param configs    topic-level configs ({@code cleanup.policy}, {@code retention.ms}, ...), sorted by key
 * @param why        one line on what the configs protect; empty for a topic without a reason to give
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String why) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, got " + partitions + " for "
                    + name);
        }
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
        why = Objects.requireNonNullElse(why, "");
    }

    public TopicSpec(String name, int partitions, Map<String, String> configs) {
        this(name, partitions, configs, "");
    }

    /** The same topic with another partition count, as a service's own setting asks. */
    public TopicSpec withPartitions(int value) {
        return new TopicSpec(name, value, configs, why);
    }

    /** The same topic with one config set to another value, as a service's own setting asks. */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> changed = new TreeMap<>(configs);
        changed.put(key, value);
        return new TopicSpec(name, partitions, changed, why);
    }
}
