package dev.recsys.streams.config;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.KafkaOptions;
import dev.recsys.common.cli.Validated;
import dev.recsys.common.topics.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/**
 * Everything the streams app is configured with: each setting is a flag with the environment variable it defaults
 * to (what containers set) and its default, in one annotation. {@link #parse} fills it from arguments, as the
 * command line does; Kafka client and Streams properties beyond these come through {@link KafkaOptions}
 * ({@code --config key=value}, {@code STREAMS_CONFIG_<KEY_WITH_UNDERSCORES>}, {@code --client-config FILE}).
 */
public final class StreamsSettings implements Validated {
    /*
     * Under exactly-once a record's output becomes visible to read_committed consumers only when its transaction
     * commits, so the commit interval bounds the added latency. 100 ms (the Streams default under EOS) keeps p99 well
     * under a quarter second while a commit costs a few transaction markers per task ten times a second.
     */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    /**
     * Model updates carry the weights (a few MiB for MovieLens 100k, chunks of up to 16 MiB for a larger catalogue):
     * fetch the largest record in one go.
     */
    static final int MAX_FETCH_BYTES = Topics.MAX_MODEL_BYTES;
    /**
     * How long the group waits for a static member that stopped heartbeating before its partitions move: longer
     * than a restart takes, short enough that a standby takes over a dead instance's users within 30 s.
     */
    static final int SESSION_TIMEOUT_MS = 15_000;
    /** The compression of everything the app writes: its output, changelogs and dead letters. */
    static final String COMPRESSION = "lz4";

    @Mixin
    private final KafkaOptions kafka = new KafkaOptions("STREAMS");

    @Option(names = "--application-id", paramLabel = "ID",
            defaultValue = "${env:STREAMS_APPLICATION_ID:-recsys-streams}",
            description = "The Streams application id: consumer group and prefix of the internal topics (default: "
                    + "${DEFAULT-VALUE}).")
    private String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            defaultValue = "${env:STREAMS_STATE_DIR:-${sys:java.io.tmpdir}/recsys-streams}",
            description = "Where RocksDB keeps the state stores (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "${env:STREAMS_HTTP_HOST:-0.0.0.0}",
            description = "The address HTTP queries are served on (default: ${DEFAULT-VALUE}).")
    private String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:STREAMS_HTTP_PORT:-8080}",
            description = "The HTTP port; 0: any free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--application-server", paramLabel = "HOST:PORT",
            defaultValue = "${env:STREAMS_APPLICATION_SERVER}",
            description = "Where the other instances reach this one's HTTP (default: localhost and the HTTP port).")
    private String applicationServer;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:STREAMS_NUM_THREADS:-1}",
            description = "Stream threads (default: ${DEFAULT-VALUE}).")
    private int numThreads;

    @Option(names = "--standby-replicas", paramLabel = "N",
            defaultValue = "${env:STREAMS_NUM_STANDBY_REPLICAS:-0}",
            description = "Warm copies of each task's state on other instances (default: ${DEFAULT-VALUE}).")
    private int standbyReplicas;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            defaultValue = "${env:STREAMS_COMMIT_INTERVAL_MS:-" + DEFAULT_COMMIT_INTERVAL_MS + "}",
            description = "The transaction commit interval, which bounds the added latency "
                    + "(default: ${DEFAULT-VALUE}).")
    private long commitIntervalMs;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:STREAMS_REPLICATION_FACTOR:--1}",
            description = "Of the internal topics; -1: the broker's default (default: ${DEFAULT-VALUE}).")
    private int replicationFactor;

    @Option(names = "--history-limit", paramLabel = "N", defaultValue = "${env:STREAMS_HISTORY_LIMIT:-1000}",
            description = "Latest ratings kept per user, which the model reads the user from "
                    + "(default: ${DEFAULT-VALUE}).")
    private int historyLimit;

    // 16 bytes an entry: about 16 MB of arrays per task, a thousand full histories
    @Option(names = "--history-cache-entries", paramLabel = "N",
            defaultValue = "${env:STREAMS_HISTORY_CACHE_ENTRIES:-1048576}",
            description = "Rating entries of recent users' histories each task keeps in memory, so that most "
                    + "ratings read no history from the store; 0: none (default: ${DEFAULT-VALUE}).")
    private long historyCacheEntries;

    @Option(names = "--top-n", paramLabel = "N", defaultValue = "${env:STREAMS_TOP_N:-10}",
            description = "Recommendations per list (default: ${DEFAULT-VALUE}).")
    private int topN;

    @Option(names = "--topic-wait-seconds", paramLabel = "S", defaultValue = "${env:STREAMS_TOPIC_WAIT_SECONDS:-60}",
            description = "How long to wait for the source topics before giving up (default: ${DEFAULT-VALUE}).")
    private long topicWaitSeconds;

    /**
     * The settings the arguments give, over the environment and the defaults.
     *
     * @throws picocli.CommandLine.ParameterException saying what is wrong, for a value that cannot be used
     */
    public static StreamsSettings parse(String... args) {
        return Cli.parse(new StreamsSettings(), args);
    }

    @Override
    public void validate() {
        require(!applicationId.isBlank(), "--application-id must not be empty");
        require(httpPort >= 0 && httpPort <= 65535, "--http-port must be 0..65535, got " + httpPort);
        require(numThreads >= 1, "--threads must be at least 1, got " + numThreads);
        require(standbyReplicas >= 0, "--standby-replicas must not be negative, got " + standbyReplicas);
        require(commitIntervalMs >= 1, "--commit-interval-ms must be at least 1, got " + commitIntervalMs);
        require(replicationFactor == -1 || replicationFactor >= 1,
                "--replication-factor must be -1 (the broker's default) or at least 1, got " + replicationFactor);
        require(historyLimit >= 1, "--history-limit must be at least 1, got " + historyLimit);
        require(historyCacheEntries >= 0, "--history-cache-entries must not be negative, got "
                + historyCacheEntries);
        require(topN >= 1, "--top-n must be at least 1, got " + topN);
        require(topicWaitSeconds >= 0, "--topic-wait-seconds must not be negative, got " + topicWaitSeconds);
        require(applicationServer == null || applicationServer.matches("[^:/]+:\\d+"),
                "--application-server must be HOST:PORT, got " + applicationServer);
    }

    /**
     * Where other instances reach this one: the configured server, or localhost; on the port HTTP is bound to when
     * the configured port was 0 (any free one), so that what is advertised is what answers.
     */
    public String applicationServer(int boundHttpPort) {
        String server = applicationServer == null ? "localhost:" + httpPort : applicationServer;
        return httpPort == 0 ? server.substring(0, server.lastIndexOf(':') + 1) + boundHttpPort : server;
    }

    /** The Kafka Streams properties, with the client properties of {@link KafkaOptions} over everything here. */
    public Properties streamsProperties(int boundHttpPort) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numThreads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer(boundHttpPort));
        // Static membership: an instance that restarts (after a crash too) rejoins as the member it was and gets its
        // partitions back at once, instead of waiting for the old member's session to expire first.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        // Under transactions v2 a commit's markers may still be in flight when the next transaction writes; its first
        // batch is then refused and retried, and a batch pipelined behind it fails out of order and is resent after
        // a back-off (see the README). One request in flight keeps the refusal to that one batch.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        // Every rating writes its user's list to the output and to the latest-list store's changelog, and a history
        // entry and a count to theirs: lz4 batches cost little CPU and keep the brokers' bytes a fraction of that.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), COMPRESSION);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), MAX_FETCH_BYTES);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), MAX_FETCH_BYTES);
        // a model's chunks are written in one transaction: only a committed version is read, never an aborted
        // publish's chunks (exactly-once sets it too; said here because the model's assembly relies on it)
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        props.putAll(kafka.clientProperties());
        return props;
    }

    /**
     * A plain consumer of the model updates, for reading the newest model at start beside Kafka Streams' own set-up:
     * no group, committed records only, fetches as large as a model's record, one record a poll.
     */
    public Map<String, Object> modelReaderProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-model-reader");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // read before the topics are checked: a topic not there yet means no model yet, never a topic made here
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        kafka.clientProperties().forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key) && !key.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                props.put(key, value);
            }
        });
        return props;
    }

    /**
     * The same for every start of this instance and different for every other: the application id, the host name
     * and the state directory (which Kafka Streams locks, so two instances on one host never share it). Kafka
     * Streams appends the stream thread's index.
     */
    String instanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        String dir = stateDir.toAbsolutePath().normalize().toString();
        return applicationId + "-" + host + "-" + String.format("%08x", dir.hashCode());
    }

    /** The settings as name-value pairs with secrets masked: what the app logs at start. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(kafka.describe());
        out.put("application.id", applicationId);
        out.put("state.dir", stateDir);
        out.put("http", httpHost + ":" + httpPort);
        out.put("application.server", applicationServer(httpPort));
        out.put("num.stream.threads", numThreads);
        out.put("num.standby.replicas", standbyReplicas);
        out.put("commit.interval.ms", commitIntervalMs);
        out.put("replication.factor", replicationFactor);
        out.put("history.limit", historyLimit);
        out.put("history.cache.entries", historyCacheEntries);
        out.put("top.n", topN);
        out.put("topic.wait", topicWait());
        return out;
    }

    public KafkaOptions kafka() {
        return kafka;
    }

    public String applicationId() {
        return applicationId;
    }

    public Path stateDir() {
        return stateDir;
    }

    public String httpHost() {
        return httpHost;
    }

    public int httpPort() {
        return httpPort;
    }

    public int numThreads() {
        return numThreads;
    }

    public long commitIntervalMs() {
        return commitIntervalMs;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int historyLimit() {
        return historyLimit;
    }

    /** Per task: see {@code UserRatings}. */
    public long historyCacheEntries() {
        return historyCacheEntries;
    }

    public int topN() {
        return topN;
    }

    public Duration topicWait() {
        return Duration.ofSeconds(topicWaitSeconds);
    }
}
