package dev.recsys.streams.config;

import dev.recsys.common.topics.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties the settings stand for; {@code kafkaOverrides} win over everything here. */
public final class StreamsProperties {
    /** Model updates carry the weights (a few MiB for MovieLens 100k): fetch the largest one in one go. */
    static final int MAX_FETCH_BYTES = Topics.MAX_MODEL_BYTES;
    /**
     * How long the group waits for a static member that stopped heartbeating before its partitions move: longer
     * than a restart takes, short enough that a standby takes over a dead instance's users within 30 s.
     */
    static final int SESSION_TIMEOUT_MS = 15_000;

    private StreamsProperties() {
    }

    public static Properties of(StreamsSettings settings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.numThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        if (settings.applicationServer() != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        // Static membership: an instance that restarts (after a crash too) rejoins as the member it was and gets its
        // partitions back at once, instead of waiting for the old member's session to expire first.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId(settings));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), MAX_FETCH_BYTES);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), MAX_FETCH_BYTES);
        props.putAll(settings.kafkaOverrides());
        return props;
    }

    /**
     * The same for every start of this instance and different for every other: the application id, the host name
     * and the state directory (which Kafka Streams locks, so two instances on one host never share it). Kafka
     * Streams appends the stream thread's index.
     */
    static String instanceId(StreamsSettings settings) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        String dir = settings.stateDir().toAbsolutePath().normalize().toString();
        return settings.applicationId() + "-" + host + "-" + String.format("%08x", dir.hashCode());
    }
}
