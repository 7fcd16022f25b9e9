package dev.recsys.trainer;

import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.common.topics.TopicAdmin;
import dev.recsys.common.topics.Topics;
import dev.recsys.model.HybridModel;
import dev.recsys.model.InvalidModelException;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelLog;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.model.NativeThreads;
import dev.recsys.trainer.data.RatingStore;
import dev.recsys.trainer.data.ValidationSplit;
import dev.recsys.trainer.http.StatusServer;
import dev.recsys.trainer.kafka.KafkaClients;
import dev.recsys.trainer.kafka.LogReader;
import dev.recsys.trainer.kafka.ModelPublisher;
import dev.recsys.trainer.training.CurrentModel;
import dev.recsys.trainer.training.PublishDecision;
import dev.recsys.trainer.training.Retrainer;
import dev.recsys.trainer.training.RetrainLimits;
import dev.recsys.trainer.training.RetrainTrigger;
import dev.recsys.trainer.training.TrainingWorker;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The trainer: reads the rating log and the catalogue from the beginning, keeps every rating in memory, retrains
 * the model when enough is new, and publishes a version to the model log when it is not worse than the last.
 *
 * <p>Two threads: {@code trainer-log} consumes and decides when to retrain; {@code trainer-training} trains,
 * judges and publishes, one retrain at a time, while consumption goes on. Started and closed programmatically, so
 * the demo can run it beside the other services in one JVM.
 */
public final class TrainerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final TrainerConfig config;
    private final KafkaClients clients;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    // set at start, read by the status and metrics of other threads
    private volatile ModelPublisher publisher;
    private volatile TrainingWorker worker;
    private volatile LogReader reader;
    private volatile TrainingLoop loop;
    private Thread logThread;
    private volatile StatusServer http;
    private volatile Throwable failure;

    public TrainerService(TrainerConfig config) {
        this.config = config;
        this.clients = new KafkaClients(config);
    }

    /**
     * Creates the model log if absent, loads the last published model and starts consuming.
     *
     * @throws IllegalStateException when the cluster cannot be reached or the topic cannot be created
     * @throws UncheckedIOException  when the status port cannot be bound
     */
    public synchronized void start() throws InterruptedException {
        if (logThread != null) {
            throw new IllegalStateException("already started");
        }
        // the model's matrices are small: more native threads only spin against each other (see NativeThreads)
        NativeThreads.limit(1);
        try {
            if (config.httpPort() >= 0) {
                http = StatusServer.start(config.httpHost(), config.httpPort(), this::status, metrics);
            }
            startClients();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot serve the trainer's status on " + config.httpHost() + ":"
                    + config.httpPort() + ": " + e.getMessage(), e);
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void startClients() throws InterruptedException {
        LOG.info("trainer configuration: {}", config.describe());
        LOG.info("model configuration: {}", config.modelConfig().toMap());
        Admin admin = Admin.create(clients.admin());
        try {
            TopicAdmin.ensureTopics(admin, List.of(Topics.spec(Topics.MODEL_UPDATES)
                    .withPartitions(config.modelTopicPartitions())
                    .withConfig(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.maxModelBytes()))),
                    config.modelTopicReplicationFactor(), TOPIC_TIMEOUT);
        } finally {
            // after a timeout the call is still pending: do not wait out the admin's own 60 s for it
            admin.close(Duration.ofSeconds(5));
        }
        Map<String, Object> serde = clients.serde();
        Optional<ModelUpdate> last = lastPublished(serde);
        CurrentModel current = last.map(TrainerService::load).orElse(null);
        if (current == null) {
            LOG.info("no model published yet: the first is trained once {} ratings are held", config.minRatings());
        }

        KafkaProducer<String, ModelUpdate> producer = new KafkaProducer<>(clients.producer(), new StringSerializer(),
                AvroSerdes.value(ModelUpdate.class, serde).serializer());
        metrics.bindKafka((scheduler, every) -> new KafkaClientMetrics(producer, Tags.empty(), scheduler, every));
        publisher = new ModelPublisher(producer, Topics.MODEL_UPDATES, Topics.MODEL_NAME, config.maxModelBytes());
        Retrainer retrainer = new Retrainer(config.modelConfig(), config.publishTolerance(), publisher, current,
                closing::get);
        worker = new TrainingWorker(retrainer, this::fail);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.logReader("recsys-trainer-log"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        metrics.bindKafka((scheduler, every) -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, every));
        reader = new LogReader(consumer, AvroSerdes.value(RatingEvent.class, serde).deserializer(),
                AvroSerdes.value(Movie.class, serde).deserializer(), Topics.RATINGS, Topics.MOVIES);
        RetrainTrigger trigger = new RetrainTrigger(config.retrainEveryRatings(), config.retrainInterval(),
                config.minRatings(), config.fullRetrainInterval());
        loop = new TrainingLoop(Topics.RATINGS,
                new RatingStore(new ValidationSplit(config.validationFraction(), config.validationSeed())), trigger,
                config.retrainLimits(), worker, last.map(TrainerService::trainedThrough).orElse(Map.of()),
                last.map(ModelUpdate::getCreatedAt).orElse(null));
        logThread = new Thread(this::consume, "trainer-log");
        logThread.setUncaughtExceptionHandler((thread, e) -> fail(e));
        logThread.start();
    }

    /** Completes when the service stops: normally after {@link #close()}, exceptionally when it failed. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    public TrainerStats stats() {
        TrainingLoop l = loop;
        TrainingWorker w = worker;
        if (l == null || w == null) {
            return new TrainerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, false, false);
        }
        CurrentModel current = w.retrainer().current();
        return new TrainerStats(l.ratingsHeld(), l.validationRatings(), l.ratingBytesHeld(), l.moviesKnown(),
                l.badRecords(), w.retrainer().published(), w.retrainer().rejected(), w.failures(),
                current == null ? 0 : current.version(), w.busy(), reader.caughtUp());
    }

    /** What the service is doing now, as {@code GET /status} serves it. Safe to call from any thread. */
    public TrainerStatus status() {
        TrainerStats stats = stats();
        TrainingLoop l = loop;
        TrainingWorker w = worker;
        Throwable failed = failure;
        TrainerState state;
        if (failed != null) {
            state = TrainerState.FAILED;
        } else if (closing.get()) {
            state = TrainerState.STOPPED;
        } else if (l == null || !stats.caughtUp()) {
            state = TrainerState.READING;
        } else if (stats.training()) {
            state = TrainerState.TRAINING;
        } else {
            state = TrainerState.WAITING;
        }
        TrainerStatus.NextRetrain next = next(l);
        CurrentModel current = w == null ? null : w.retrainer().current();
        return new TrainerStatus(state, failed == null ? null : failed.toString(), stats, next,
                w == null ? null : w.retrainer().progress().orElse(null),
                TrainerStatus.Decision.of(w == null ? null : w.retrainer().lastDecision()),
                current == null ? null : new TrainerStatus.Published(current.version(), current.metrics()));
    }

    /** What the next retrain waits for, and what it will be if it came now. */
    private TrainerStatus.NextRetrain next(TrainingLoop l) {
        Instant last = l == null ? null : l.lastTraining();
        Instant lastFull = l == null ? null : l.lastFullTraining();
        RetrainTrigger.Kind kind = l == null ? RetrainTrigger.Kind.FULL : l.nextKind(Instant.now());
        RetrainLimits limits = config.retrainLimits();
        Duration budget = limits.budget(kind);
        return new TrainerStatus.NextRetrain(l == null ? 0 : l.newRatings(), config.retrainEveryRatings(),
                config.retrainInterval().toSeconds(), config.minRatings(), last == null ? null : last.toString(),
                kind.toString(), config.fullRetrainInterval().toSeconds(),
                lastFull == null ? null : lastFull.toString(), limits.maxRatings(kind),
                budget.isZero() ? null : budget.toNanos() / 1e9);
    }

    /** The port {@code /status} is served on (resolved when configured as 0); -1 when not served. */
    public int httpPort() {
        StatusServer server = http;
        return server == null ? -1 : server.port();
    }

    /** Whether the last model trained was published, with both validation figures; empty before the first. */
    public Optional<PublishDecision> lastDecision() {
        TrainingWorker w = worker;
        return w == null ? Optional.empty() : Optional.ofNullable(w.retrainer().lastDecision());
    }

    @Override
    public synchronized void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (reader != null) {
            reader.wakeup();
        }
        joinQuietly(logThread);
        if (worker != null) {
            worker.close(CLOSE_TIMEOUT);
        }
        if (publisher != null) {
            publisher.close();
        }
        if (http != null) {
            http.close();
        }
        metrics.close();
        stopped.complete(null);
        LOG.info("trainer closed");
    }

    private void consume() {
        Instant started = Instant.now();
        boolean caughtUp = false;
        try {
            while (!closing.get()) {
                reader.poll(POLL, loop);
                if (!caughtUp && reader.caughtUp()) {
                    caughtUp = true;
                    LOG.info("caught up with the log in {} s: {} ratings held ({} held out), {} movies, {} skipped",
                            Duration.between(started, Instant.now()).toMillis() / 1000.0, loop.ratingsHeld(),
                            loop.validationRatings(), loop.moviesKnown(), loop.badRecords());
                }
                loop.maybeRetrain(caughtUp, reader::ratingPositions, Instant.now());
            }
        } catch (WakeupException e) {
            if (!closing.get()) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            reader.close();
        }
    }

    /** A failure the service cannot go on after: logged once, reported through {@link #stopped()}. */
    private void fail(Throwable e) {
        if (closing.get()) {
            LOG.warn("error while closing: {}", e.toString());
            return;
        }
        failure = e;
        LOG.error("trainer failed and stops: {}", e.toString(), e);
        stopped.completeExceptionally(e);
    }

    private Optional<ModelUpdate> lastPublished(Map<String, Object> serde) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.modelReader(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return new ModelLog(consumer, AvroSerdes.value(ModelUpdate.class, serde).deserializer(),
                    Topics.MODEL_UPDATES).latest(Topics.MODEL_NAME);
        }
    }

    private static CurrentModel load(ModelUpdate update) {
        try {
            HybridModel model = ModelCodec.fromUpdate(update);
            LOG.info("continuing from published model v{}: {} ratings seen, trained through {}, metrics {}",
                    update.getVersion(), update.getRatingsSeen(), trainedThrough(update),
                    update.getMetrics());
            return new CurrentModel(update.getVersion(), model, update.getMetrics());
        } catch (InvalidModelException e) {
            LOG.warn("the last published model cannot be loaded ({}): versions continue after v{}, the next model "
                    + "is trained from scratch and published without comparison", e.getMessage(), update.getVersion());
            return new CurrentModel(update.getVersion(), null, update.getMetrics());
        }
    }

    private static void joinQuietly(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The offsets a model was trained through, per ratings partition. */
    static Map<Integer, Long> trainedThrough(ModelUpdate update) {
        Map<Integer, Long> offsets = new HashMap<>();
        update.getTrainedThrough().stream()
                .filter(p -> p.getTopic().equals(Topics.RATINGS))
                .forEach(p -> offsets.put(p.getPartition(), p.getOffset()));
        return offsets;
    }
}
