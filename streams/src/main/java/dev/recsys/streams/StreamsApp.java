package dev.recsys.streams;

import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.common.topics.Topics;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelLog;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.http.QueryServer;
import dev.recsys.streams.topology.AppCounters;
import dev.recsys.streams.topology.ModelInstaller;
import dev.recsys.streams.http.Readiness;
import dev.recsys.streams.http.ServingGauges;
import dev.recsys.streams.http.WebPage;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.serde.AppSerdes;
import dev.recsys.streams.stats.StreamSampler;
import dev.recsys.streams.topology.RecsysTopology;
import dev.recsys.streams.topology.TopologyNames;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    private final AppCounters counters;
    private final ServiceMetrics metrics;
    private final QueryServer http;
    private final StreamSampler sampler;
    private final KafkaStreams streams;
    private final ThreadReplacementPolicy replacements = new ThreadReplacementPolicy(5, Duration.ofMinutes(10));
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StreamsApp(StreamsSettings settings, ModelHolder models, Readiness readiness, AppCounters counters,
                       ServiceMetrics metrics, QueryServer http, StreamSampler sampler, KafkaStreams streams) {
        this.settings = settings;
        this.models = models;
        this.readiness = readiness;
        this.counters = counters;
        this.metrics = metrics;
        this.http = http;
        this.sampler = sampler;
        this.streams = streams;
    }

    /**
     * Waits for the source topics, creates the outputs if absent, serves HTTP (port 0 = a free port, advertised as
     * application.server), then starts Kafka Streams. Returns once started; {@link #awaitReady} waits for serving.
     */
    public static StreamsApp start(StreamsSettings settings)
            throws IOException, InterruptedException, TopicCheck.MissingTopicsException {
        log.info("Starting streams with {}", settings.describe());
        Thread warmUp = new Thread(ModelCodec::warmUp, "recsys-model-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        ModelHolder models = new ModelHolder(new FastScorerLoader());
        Readiness readiness = new Readiness(models);
        ServiceMetrics metrics = new ServiceMetrics();
        AppCounters counters = new AppCounters(metrics.registry());
        AppSerdes serdes = AppSerdes.from(settings);
        // first of all: on a restart the model's load is the longest step before the app answers again
        loadNewestModel(settings, serdes, new ModelInstaller(models, counters));
        Map<String, Object> admin = new HashMap<>();
        settings.streamsProperties(settings.httpPort()).forEach((k, v) -> admin.put(k.toString(), v));
        try {
            TopicCheck.prepare(adminOnly(admin), settings.topicWait(), settings.replicationFactor());
        } catch (InterruptedException | TopicCheck.MissingTopicsException | RuntimeException e) {
            metrics.close();
            throw e;
        }

        ServingGauges.bind(metrics.registry(), models, readiness);
        // the live page charts the stream from the counters and Kafka Streams' metrics, once Streams exists
        AtomicReference<KafkaStreams> created = new AtomicReference<>();
        StreamSampler sampler = new StreamSampler(counters,
                () -> created.get() == null ? Map.of() : created.get().metrics(), StreamSampler.EVERY,
                StreamSampler.KEPT);
        // the place to add routes of other parts of the app (see QueryServer#start)
        QueryServer http;
        try {
            http = QueryServer.start(settings.httpHost(), settings.httpPort(), models, readiness, metrics,
                    config -> WebPage.register(config, sampler));
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        KafkaStreams streams;
        try {
            Topology topology = RecsysTopology.build(settings, serdes, models, counters);
            log.debug("Topology:\n{}", topology.describe());
            streams = new KafkaStreams(topology, settings.streamsProperties(http.port()));
            created.set(streams);
        } catch (RuntimeException e) {
            http.close();
            metrics.close();
            throw e;
        }
        try {
            StateOwnership.check(adminOnly(admin), settings.stateDir(), settings.applicationId(), streams::cleanUp);
            metrics.bindKafka((scheduler, every) -> new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, every));
        } catch (IOException | RuntimeException e) {
            streams.close();
            sampler.close();
            http.close();
            metrics.close();
            throw e;
        }
        StreamsApp app = new StreamsApp(settings, models, readiness, counters, metrics, http, sampler,
                streams);
        app.startStreams();
        return app;
    }

    /**
     * Starts loading the newest published model now, in the background, rather than when Kafka Streams has restored
     * its global stores: a restart then answers with the model as soon as its stream threads run (its set-up and the
     * load both take seconds). The restore still reads every update; its newest version, if it is this one, is not
     * loaded twice, and a newer one published meanwhile replaces it.
     */
    private static void loadNewestModel(StreamsSettings settings, AppSerdes serdes, ModelInstaller installer) {
        installer.models().loadInBackground(() -> {
            long started = System.nanoTime();
            Optional<ModelUpdate> newest;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.modelReaderProperties(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                newest = new ModelLog(consumer, serdes.modelUpdate().deserializer(), Topics.MODEL_UPDATES)
                        .latest(Topics.MODEL_NAME);
            } catch (RuntimeException e) {
                log.warn("Could not read the newest model at start ({}); it loads when the model updates are restored",
                        e.toString());
                return;
            }
            if (newest.isEmpty()) {
                log.info("No model published yet: popularity answers until the first one");
                return;
            }
            log.info("Read model version {} at start in {} ms; loading it", newest.get().getVersion(),
                    (System.nanoTime() - started) / 1_000_000);
            installer.install(newest.get(), Instant.now());
        });
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
        http.attach(() -> streams, self);
        streams.start();
        sampler.start();
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

    /** What the processors counted since start (also on {@code /metrics}). */
    public AppCounters counters() {
        return counters;
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

    /** Stops HTTP, Streams and the metrics; state stays on disk, so a restart restores from it and the changelogs. */
    public void close(Duration timeout) {
        http.close();
        sampler.close();
        // a static member does not leave the group on close unless told to: without this a clean stop would hold its
        // partitions until the session expires
        if (!streams.close(new KafkaStreams.CloseOptions().timeout(timeout).leaveGroup(true))) {
            log.warn("Kafka Streams did not close within {}", timeout);
        }
        metrics.close();
        stopped.countDown();
    }
}
