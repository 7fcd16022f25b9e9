package dev.recsys.streams;

import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.http.QueryServer;
import dev.recsys.streams.topology.AppCounters;
import dev.recsys.streams.http.Readiness;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.serde.AppSerdes;
import dev.recsys.streams.topology.RecsysTopology;
import dev.recsys.streams.topology.TopologyNames;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the streams app: Kafka Streams with the recommender topology and its HTTP query server.
 * Started and closed programmatically (the demo runs it beside ingest and the trainer); {@link StreamsMain} wraps it
 * for the command line.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsSettings settings;
    private final ModelHolder models;
    private final Readiness readiness;
    private final QueryServer http;
    private final KafkaStreams streams;
    private final ThreadReplacementPolicy replacements = new ThreadReplacementPolicy(5, Duration.ofMinutes(10));
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StreamsApp(StreamsSettings settings, ModelHolder models, Readiness readiness, QueryServer http,
                       KafkaStreams streams) {
        this.settings = settings;
        this.models = models;
        this.readiness = readiness;
        this.http = http;
        this.streams = streams;
    }

    /**
     * Waits for the source topics, creates the outputs if absent, binds HTTP (port 0 = a free port, advertised as
     * application.server), then starts Kafka Streams. Returns once started; {@link #awaitReady} waits for serving.
     */
    public static StreamsApp start(StreamsSettings settings)
            throws IOException, InterruptedException, TopicCheck.MissingTopicsException {
        log.info("Starting streams with {}", settings.describe());
        Map<String, Object> admin = new HashMap<>();
        settings.streamsProperties(settings.httpPort()).forEach((k, v) -> admin.put(k.toString(), v));
        TopicCheck.prepare(adminOnly(admin), settings.topicWait(), settings.replicationFactor());

        ModelHolder models = new ModelHolder(new FastScorerLoader());
        Readiness readiness = new Readiness(models);
        AppCounters counters = new AppCounters();
        QueryServer http = QueryServer.bind(settings.httpHost(), settings.httpPort(), models, readiness, counters);
        KafkaStreams streams;
        try {
            Topology topology = RecsysTopology.build(settings, AppSerdes.from(settings), models, counters);
            log.debug("Topology:\n{}", topology.describe());
            streams = new KafkaStreams(topology, settings.streamsProperties(http.port()));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        StreamsApp app = new StreamsApp(settings, models, readiness, http, streams);
        app.startStreams();
        return app;
    }

    private void startStreams() {
        streams.setStateListener((newState, oldState) -> {
            readiness.onStateChange(newState, oldState);
            log.info("Kafka Streams {} -> {}", oldState, newState);
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setGlobalStateRestoreListener(readiness);
        readiness.watchCatalogue(this::catalogueSize);
        streams.setUncaughtExceptionHandler(this::onUncaught);
        HostInfo self = HostInfo.buildFromEndpoint(settings.applicationServer(http.port()));
        http.start(() -> streams, self);
        streams.start();
    }

    private StreamThreadExceptionResponse onUncaught(Throwable e) {
        StreamThreadExceptionResponse response = replacements.decide();
        if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            log.error("A stream thread died; replacing it (it resumes from the last committed transaction)", e);
        } else {
            log.error("Stream threads died {} times within {}; shutting this instance down", replacements.limit(),
                    replacements.window(), e);
        }
        return response;
    }

    private static Map<String, Object> adminOnly(Map<String, Object> all) {
        Map<String, Object> admin = new HashMap<>(all);
        admin.keySet().removeIf(key -> key.startsWith("consumer.") || key.startsWith("producer.")
                || key.startsWith("global.consumer.") || key.startsWith("main.consumer.")
                || key.startsWith("restore.consumer.") || key.startsWith("admin."));
        all.forEach((key, value) -> {
            if (key.startsWith("admin.")) {
                admin.put(key.substring("admin.".length()), value);
            }
        });
        // Admin warns about every Streams-only key; keep only what a client understands.
        admin.keySet().retainAll(AdminClientConfig.configNames());
        return admin;
    }

    /** Movies in this instance's catalogue store (approximate), 0 while the store cannot be queried. */
    public long catalogueSize() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(TopologyNames.MOVIE_CATALOGUE_STORE,
                    QueryableStoreTypes.keyValueStore())).approximateNumEntries();
        } catch (InvalidStateStoreException e) {
            return 0;
        }
    }

    public StreamsSettings settings() {
        return settings;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ModelHolder models() {
        return models;
    }

    public Readiness readiness() {
        return readiness;
    }

    public int httpPort() {
        return http.port();
    }

    /** True once ready (Streams RUNNING, stores restored, model loaded), false if the timeout passed first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readiness.ready()) {
            if (System.nanoTime() > deadline || !readiness.healthy() && readiness.state() != KafkaStreams.State.CREATED) {
                return false;
            }
            stopped.await(100, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** Blocks until Kafka Streams stops (error or close). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public boolean failed() {
        return readiness.state() == KafkaStreams.State.ERROR;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Stops HTTP and Streams; state stays on disk, so a restart restores from it and the changelogs. */
    public void close(Duration timeout) {
        http.close();
        if (!streams.close(timeout)) {
            log.warn("Kafka Streams did not close within {}", timeout);
        }
        stopped.countDown();
    }
}
