package dev.recsys.app.demo;

import dev.recsys.app.LocalTopics;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.StreamsApp;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.trainer.TrainerConfig;
import dev.recsys.trainer.TrainerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: an embedded KRaft broker with the project's topics, an in-memory schema registry,
 * the streams app (with its HTTP port) and the trainer. Ingest runs on top of it (the demo and the end-to-end test
 * drive the replay themselves). Services are configured the way containers configure them: environment maps.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final EmbeddedKafka kafka;
    private final String registryUrl;
    private final Path stateDir;
    private final StreamsApp streams;
    private final TrainerService trainer;

    private LocalStack(EmbeddedKafka kafka, String registryUrl, Path stateDir, StreamsApp streams,
                       TrainerService trainer) {
        this.kafka = kafka;
        this.registryUrl = registryUrl;
        this.stateDir = stateDir;
        this.streams = streams;
        this.trainer = trainer;
    }

    /**
     * @param httpPort    the streams app's HTTP port (0: a free one)
     * @param trainerEnv  trainer settings on top of the local defaults, as environment variables (TRAINER_*)
     */
    public static LocalStack start(String scope, int httpPort, Map<String, String> trainerEnv) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        String registryUrl = "mock://" + scope;
        Path stateDir = null;
        StreamsApp streams = null;
        try {
            LocalTopics.create(kafka);
            stateDir = Files.createTempDirectory("recsys-streams-");
            Map<String, String> streamsEnv = clientEnv(kafka, registryUrl);
            streamsEnv.put("STREAMS_STATE_DIR", stateDir.toString());
            streamsEnv.put("STREAMS_HTTP_HOST", "127.0.0.1");
            streamsEnv.put("STREAMS_HTTP_PORT", Integer.toString(httpPort));
            streamsEnv.put("STREAMS_APPLICATION_SERVER", "localhost:" + httpPort);
            streams = StreamsApp.start(StreamsSettings.fromEnv(streamsEnv));

            Map<String, String> env = clientEnv(kafka, registryUrl);
            env.putAll(trainerEnv);
            TrainerService trainer = new TrainerService(TrainerConfig.fromEnv(env));
            trainer.start();
            return new LocalStack(kafka, registryUrl, stateDir, streams, trainer);
        } catch (Exception | Error e) {
            if (streams != null) {
                streams.close();
            }
            kafka.close();
            deleteQuietly(stateDir);
            MockSchemaRegistry.drop(scope);
            throw e;
        }
    }

    private static Map<String, String> clientEnv(EmbeddedKafka kafka, String registryUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        return env;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registryUrl;
    }

    public StreamsApp streams() {
        return streams;
    }

    public TrainerService trainer() {
        return trainer;
    }

    /** Stops ingest's consumers first, then the trainer, the streams app and last the broker they all need. */
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
        kafka.close();
        deleteQuietly(stateDir);
        MockSchemaRegistry.drop(registryUrl.substring("mock://".length()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}: {}", dir, e.toString());
        }
    }
}
