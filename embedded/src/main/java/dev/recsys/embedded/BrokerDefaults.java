package dev.recsys.embedded;

import dev.recsys.common.topics.Topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings shared by every single-node broker this project starts for itself: the in-JVM one and,
 * in tests, the Testcontainers one. They make one node behave like a small production cluster would for
 * our clients: transactions and exactly_once_v2 work, model updates fit in one record, and a typo in a
 * topic name fails instead of quietly creating a topic.
 */
public final class BrokerDefaults {

    /** Largest record batch the broker accepts: a serialized model update must fit in one record. */
    public static final int MAX_MESSAGE_BYTES = Topics.MAX_MODEL_BYTES;

    private BrokerDefaults() {
    }

    /** A fresh, mutable copy of the defaults, in a stable order for logging. */
    public static Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        // Topics are created on purpose (by the services or the tests), never by a producer's typo.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Internal topics default to replication factor 3, which one node can never satisfy: consumer
        // groups, transactions (and so exactly_once_v2) would wait forever for their coordinators.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // 50 partitions each is sized for a cluster; on one node they only slow the first group join
        // and the first transaction down.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.num.partitions", "4");
        // The 3 s default exists to batch joins of a large group; here it only delays every test.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        return props;
    }
}
