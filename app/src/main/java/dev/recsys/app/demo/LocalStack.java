package dev.recsys.app.demo;

import dev.recsys.app.LocalTopics;
import dev.recsys.common.TempDirs;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.StreamsApp;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.trainer.TrainerConfig;
import dev.recsys.trainer.TrainerService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: an embedded KRaft broker with the project's topics, an in-memory schema registry,
 * the streams app (with its HTTP port) and the trainer. Ingest runs on top of it (the demo and the end-to-end test
 * drive the replay themselves). Services are configured with the flags of their commands; what the stack does not set
 * comes from the process environment, as for the commands.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Creates a topic on the broker the stack runs on. */
    @FunctionalInterface
    public interface TopicMaker {
        void createTopic(String name, int partitions, Map<String, String> configs);
    }

    private final String bootstrapServers;
    private final AutoCloseable ownedBroker;
    private final String registryUrl;
    private final Path stateDir;
    private final StreamsApp streams;
    private final TrainerService trainer;

    private LocalStack(String bootstrapServers, AutoCloseable ownedBroker, String registryUrl, Path stateDir,
                       StreamsApp streams, TrainerService trainer) {
        this.bootstrapServers = bootstrapServers;
        this.ownedBroker = ownedBroker;
        this.registryUrl = registryUrl;
        this.stateDir = stateDir;
        this.streams = streams;
        this.trainer = trainer;
    }

    /**
     * Starts an embedded broker and the services on it; closing the stack closes the broker too.
     *
     * @param httpPort    the streams app's HTTP port (0: a free one)
     * @param trainerArgs trainer flags on top of the local ones, such as {@code --min-ratings 2000}
     * @param streamsArgs the same for the streams app, such as {@code --history-cache-entries 50000}
     */
    public static LocalStack start(String scope, int httpPort, List<String> trainerArgs, List<String> streamsArgs)
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            return start(kafka.bootstrapServers(), kafka::createTopic, kafka, scope, httpPort, trainerArgs,
                    streamsArgs);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    /** Starts the services on a broker someone else runs (a test's, a container); {@code ownedBroker} may be null. */
    public static LocalStack start(String bootstrapServers, TopicMaker topics, AutoCloseable ownedBroker, String scope,
                                   int httpPort, List<String> trainerArgs, List<String> streamsArgs)
            throws Exception {
        String registryUrl = "mock://" + scope;
        Path stateDir = null;
        StreamsApp streams = null;
        try {
            LocalTopics.create(topics);
            stateDir = Files.createTempDirectory("recsys-streams-");
            List<String> streamsFlags = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                    "--schema-registry-url", registryUrl, "--state-dir", stateDir.toString(),
                    "--http-host", "127.0.0.1", "--http-port", Integer.toString(httpPort),
                    "--application-server", "localhost:" + httpPort));
            streamsFlags.addAll(streamsArgs);
            streams = StreamsApp.start(StreamsSettings.parse(streamsFlags.toArray(String[]::new)));

            // the trainer's /status on loopback, on a free port unless trainerArgs name one (the last flag wins)
            List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers,
                    "--schema-registry-url", registryUrl, "--http-host", "127.0.0.1", "--http-port", "0"));
            args.addAll(trainerArgs);
            TrainerService trainer = new TrainerService(TrainerConfig.parse(args.toArray(String[]::new)));
            trainer.start();
            return new LocalStack(bootstrapServers, ownedBroker, registryUrl, stateDir, streams, trainer);
        } catch (Exception | Error e) {
            if (streams != null) {
                streams.close();
            }
            TempDirs.deleteQuietly(stateDir);
            MockSchemaRegistry.drop(scope);
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return registryUrl;
    }

    /** The streams app's state directory (a fresh temporary one, deleted on close). */
    public Path stateDir() {
        return stateDir;
    }

    public StreamsApp streams() {
        return streams;
    }

    public TrainerService trainer() {
        return trainer;
    }

    /** Stops the trainer, then the streams app, and last the broker (when it is the stack's own). */
    @Override
    public void close() {
        try {
            trainer.close();
        } catch (RuntimeException e) {
            log.warn("The trainer did not close cleanly: {}", e.toString());
        }
        try {
            streams.close();
        } catch (RuntimeException e) {
            log.warn("The streams app did not close cleanly: {}", e.toString());
        }
        if (ownedBroker != null) {
            try {
                ownedBroker.close();
            } catch (Exception e) {
                log.warn("The broker did not close cleanly: {}", e.toString());
            }
        }
        TempDirs.deleteQuietly(stateDir);
        MockSchemaRegistry.drop(registryUrl.substring("mock://".length()));
    }
}
