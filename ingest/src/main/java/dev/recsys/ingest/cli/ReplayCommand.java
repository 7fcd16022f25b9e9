package dev.recsys.ingest.cli;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.KafkaOptions;
import dev.recsys.common.cli.Validated;
import dev.recsys.ingest.replay.OnError;
import dev.recsys.ingest.replay.Pacing;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplayException;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.serde.SerdeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.CompressionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import static dev.recsys.common.cli.Validated.require;

/** {@code ingest replay}: replays MovieLens-format data to Kafka (movies, users, then ratings). */
@Command(name = "replay", description = "Replay MovieLens-format data to Kafka: movies, users, then the ratings.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (one line on standard error says why)", "2:usage error",
            "130:cancelled (Ctrl-C, docker stop): the producer delivered what it held"})
public final class ReplayCommand implements Callable<Integer>, Validated {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);
    static final int CANCELLED = 130;

    /** What a data directory that does not exist means. */
    enum IfMissing { FAIL, SYNTHETIC }

    @Mixin
    private HelpOption help;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:INGEST_DATA_DIR}",
            description = "A MovieLens directory: ml-100k, ml-1m, ml-latest or ml-25m (default: a synthetic set "
                    + "of 943 users, 1682 movies and 100,000 ratings, seed 42, generated into a temporary directory).")
    private Path data;

    @Option(names = "--if-missing", paramLabel = "fail|synthetic", defaultValue = "${env:INGEST_IF_MISSING:-fail}",
            description = "When the data directory does not exist: fail, or replay a generated synthetic set "
                    + "(default: ${DEFAULT-VALUE}).")
    private IfMissing ifMissing;

    @Mixin
    private final KafkaOptions kafka = new KafkaOptions("INGEST");

    @Option(names = "--rate", paramLabel = "R", defaultValue = "${env:INGEST_RATE}",
            description = "Send R ratings per second (default: as fast as possible).")
    private Double rate;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "${env:INGEST_SPEED}",
            description = "Keep the original gaps between ratings, X times shorter.")
    private Double speed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "${env:INGEST_LIMIT}",
            description = "Send at most N ratings (default: all).")
    private Long limit;

    @Option(names = "--skip", paramLabel = "N", defaultValue = "${env:INGEST_SKIP:-0}",
            description = "Leave out the first N ratings of the time-ordered log (default: ${DEFAULT-VALUE}).")
    private long skip;

    @Option(names = "--full-replay", defaultValue = "${env:INGEST_FULL_REPLAY:-false}",
            description = "Send every rating of the range, also those ratings holds already. By default a replay "
                    + "sends only the ratings (by source and sequence) not in the topic yet, so that running it again "
                    + "goes on where it stopped.")
    private boolean fullReplay;

    @Option(names = "--partitions", paramLabel = "P",
            defaultValue = "${env:INGEST_PARTITIONS:-" + ReplayConfig.DEFAULT_PARTITIONS + "}",
            description = "Partitions of ratings when ingest creates it (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:INGEST_REPLICATION_FACTOR:-1}",
            description = "Replication factor of the topics created when absent (default: ${DEFAULT-VALUE}).")
    private int replicationFactor;

    @Option(names = "--on-error", paramLabel = "skip|fail", defaultValue = "${env:INGEST_ON_ERROR:-skip}",
            description = "A bad input line is counted and skipped, or stops the replay (default: ${DEFAULT-VALUE}).")
    private OnError onError;

    @Option(names = "--compression", paramLabel = "TYPE",
            defaultValue = "${env:INGEST_COMPRESSION:-" + ReplayConfig.DEFAULT_COMPRESSION + "}",
            description = "The producer's compression: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private CompressionType compression;

    @Option(names = "--timeout", paramLabel = "S",
            defaultValue = "${env:INGEST_CONNECT_TIMEOUT_S:-" + ReplayConfig.DEFAULT_CONNECT_TIMEOUT_SECONDS + "}",
            description = "Seconds to wait for the broker before giving up (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public void validate() {
        require(rate == null || speed == null, "give --rate or --speed, not both");
        require(rate == null || rate > 0 && Double.isFinite(rate), "--rate must be a positive number, got " + rate);
        require(speed == null || speed > 0 && Double.isFinite(speed),
                "--speed must be a positive number, got " + speed);
        require(limit == null || limit >= 0, "--limit must not be negative, got " + limit);
        require(skip >= 0, "--skip must not be negative, got " + skip);
        require(partitions >= 1, "--partitions must be at least 1, got " + partitions);
        require(replicationFactor >= 1 && replicationFactor <= Short.MAX_VALUE,
                "--replication-factor must be between 1 and " + Short.MAX_VALUE + ", got " + replicationFactor);
        require(timeoutSeconds > 0 && Double.isFinite(timeoutSeconds),
                "--timeout must be a positive number of seconds, got " + timeoutSeconds);
    }

    /** The replay the flags and variables ask for. */
    public ReplayConfig config() {
        Pacing pacing = rate != null ? Pacing.rate(rate) : speed != null ? Pacing.speed(speed) : Pacing.fullSpeed();
        // the credentials; the URL is a setting of its own
        Map<String, String> registry = new HashMap<>();
        SerdeConfig.registry(kafka.schemaRegistryUrl(), kafka.schemaRegistryUserInfo())
                .forEach((key, value) -> registry.put(key, value.toString()));
        registry.remove(SerdeConfig.SCHEMA_REGISTRY_URL);
        return new ReplayConfig(data, kafka.bootstrapServers(), kafka.schemaRegistryUrl(), pacing,
                limit == null ? -1 : limit, skip, partitions, (short) replicationFactor, onError, compression.name,
                Duration.ofMillis((long) (timeoutSeconds * 1000)), kafka.clientProperties(), registry,
                ifMissing == IfMissing.SYNTHETIC, !fullReplay);
    }

    @Override
    public Integer call() {
        ReplayConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replayer replayer = new Replayer(config);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C or docker stop: stop after the rating in flight, let the producer deliver what it has, then exit
        Thread hook = new Thread(() -> {
            replayer.close();
            try {
                finished.await(config.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ReplaySummary summary = replayer.run(ConsoleProgress.forThisProcess());
            summary.lines().forEach(out::println);
            out.flush();
            return summary.cancelled() ? CANCELLED : 0;
        } catch (ReplayException e) {
            err.println("ingest: " + e.getMessage());
            err.flush();
            LOG.debug("Replay failed", e);
            return 1;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook is running or has run
        }
    }
}
