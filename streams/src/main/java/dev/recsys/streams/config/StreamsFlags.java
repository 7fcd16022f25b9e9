package dev.recsys.streams.config;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Command-line flags of {@code ./recsys streams}, applied on top of the environment. */
public final class StreamsFlags {
    public static final String USAGE = """
            usage: recsys streams [flags]
              --bootstrap-servers HOST:PORT,...   Kafka (env KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)
              --schema-registry-url URL           http(s)://... or mock://scope (env SCHEMA_REGISTRY_URL,
                                                  default http://localhost:8081)
              --application-id ID                 Streams application id (env STREAMS_APPLICATION_ID, default recsys-streams)
              --state-dir DIR                     RocksDB state (env STREAMS_STATE_DIR)
              --http-host HOST                    HTTP bind address (env STREAMS_HTTP_HOST, default 0.0.0.0)
              --http-port PORT                    HTTP port for queries (env STREAMS_HTTP_PORT, default 8080; 0 = any free)
              --application-server HOST:PORT      how other instances reach this one's HTTP (env STREAMS_APPLICATION_SERVER,
                                                  default localhost:<http-port>)
              --threads N                         stream threads (env STREAMS_NUM_THREADS, default 1)
              --standby-replicas N                warm copies of each task's state (env STREAMS_NUM_STANDBY_REPLICAS, default 0)
              --commit-interval-ms MS             transaction commit interval (env STREAMS_COMMIT_INTERVAL_MS, default 100)
              --replication-factor N              of internal topics, -1 = broker default (env STREAMS_REPLICATION_FACTOR)
              --history-limit N                   ratings kept per user (env STREAMS_HISTORY_LIMIT, default 1000)
              --top-n N                           recommendations per list (env STREAMS_TOP_N, default 10)
              --topic-wait-seconds S              how long to wait for the source topics (env STREAMS_TOPIC_WAIT_SECONDS, default 60)
              --config KEY=VALUE                  any Kafka Streams or client property; repeatable
              --help                              this text
            """;

    private static final Set<String> FLAGS = Set.of("bootstrap-servers", "schema-registry-url", "application-id",
            "state-dir", "http-host", "http-port", "application-server", "threads", "standby-replicas",
            "commit-interval-ms", "replication-factor", "history-limit", "top-n", "topic-wait-seconds", "config");

    private StreamsFlags() {
    }

    /** Null when --help was asked for. */
    public static StreamsSettings parse(String[] args, Map<String, String> env) {
        CliArgs cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        if (cli.has("help")) {
            return null;
        }
        try {
            return apply(cli, env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static StreamsSettings apply(CliArgs cli, Map<String, String> env) {
        StreamsSettings base = StreamsSettings.fromEnv(env);
        int httpPort = cli.intValue("http-port", base.httpPort());
        String server = cli.get("application-server");
        if (server == null) {
            // the default application server follows the HTTP port unless the environment pinned it
            server = env.containsKey("STREAMS_APPLICATION_SERVER") ? base.applicationServer() : "localhost:" + httpPort;
        }
        Map<String, String> overrides = new HashMap<>(base.kafkaOverrides());
        for (String pair : cli.all("config")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--config needs KEY=VALUE, got '" + pair + "'");
            }
            overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        return new StreamsSettings(
                cli.get("bootstrap-servers", base.bootstrapServers()),
                cli.get("schema-registry-url", base.schemaRegistryUrl()),
                base.schemaRegistryUserInfo(),
                cli.get("application-id", base.applicationId()),
                cli.has("state-dir") ? Path.of(cli.get("state-dir")) : base.stateDir(),
                cli.get("http-host", base.httpHost()),
                httpPort,
                server,
                cli.intValue("threads", base.numThreads()),
                cli.intValue("standby-replicas", base.standbyReplicas()),
                cli.longValue("commit-interval-ms", base.commitIntervalMs()),
                cli.intValue("replication-factor", base.replicationFactor()),
                cli.intValue("history-limit", base.historyLimit()),
                cli.intValue("top-n", base.topN()),
                cli.has("topic-wait-seconds") ? Duration.ofSeconds(cli.longValue("topic-wait-seconds", 0))
                        : base.topicWait(),
                overrides);
    }
}
