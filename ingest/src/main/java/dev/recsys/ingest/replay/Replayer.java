package dev.recsys.ingest.replay;

import static dev.recsys.common.Errors.rootMessage;

import dev.recsys.common.Secrets;
import dev.recsys.common.TempDirs;
import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.User;
import dev.recsys.serde.AvroSerializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a MovieLens directory to Kafka: movies to the compacted {@code movies} topic and users to the compacted
 * {@code users} topic first, then the ratings in timestamp order (stable for ties) to {@code ratings}, keyed by user
 * id so that each user's ratings stay in order, all values in Avro through the Schema Registry.
 *
 * <p>A replayer runs once. {@link #close()} from another thread (or an interrupt of the running one) stops it
 * after the rating in flight; {@link #run} then returns a summary marked cancelled. Problems that end a run
 * (broker or registry unreachable, bad input under {@link OnError#FAIL}, a refused record) are a
 * {@link ReplayException} with a one-line message.
 */
public final class Replayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final ReplayConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelled;

    public Replayer(ReplayConfig config) {
        this.config = config;
    }

    public ReplaySummary run(ProgressListener listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Replayer runs once");
        }
        long start = System.nanoTime();
        LOG.info("Ingest replay starting: {}", config.describe());
        if (config.dataDir() != null && config.data().isEmpty()) {
            LOG.warn("Data directory {} does not exist: replaying a synthetic set instead (if-missing=synthetic)",
                    config.dataDir());
        }
        Path dir = config.data().orElseGet(ReplayInput::synthesize);
        boolean generated = config.data().isEmpty();
        try {
            listener.onProgress(new ReplayProgress(ReplayProgress.Phase.READING, 0, 0, Duration.ZERO));
            TopicSetup.prepare(config);
            ReplayInput input = ReplayInput.read(dir, config.onError());
            return send(input, listener, start);
        } finally {
            if (generated) {
                TempDirs.deleteQuietly(dir);
            }
        }
    }

    /** Stops a running replay after the rating in flight; returns at once. */
    @Override
    public void close() {
        cancelled = true;
    }

    private boolean stopping() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    private ReplaySummary send(ReplayInput input, ProgressListener listener, long start) {
        RatingLog log = input.ratings();
        int from = (int) Math.min(config.skip(), log.size());
        int to = config.limit() < 0 ? log.size() : (int) Math.min(log.size(), from + config.limit());
        LOG.info("Read {} from {}: {} movies, {} users, {} ratings, {} bad lines; sending ratings {}..{} at {}",
                input.reader().format(), input.reader().dir(), input.movies().size(), input.users().size(),
                log.size(), input.errors().total(), from, to, config.pacing());
        LoggedRatings logged = config.resume() ? LoggedRatings.read(config, log.source()) : LoggedRatings.none();
        long already = 0;
        for (int i = from; i < to; i++) {
            already += logged(logged, log, i) ? 1 : 0;
        }
        if (config.resume()) {
            LOG.info("{} of these ratings are in {} already and are not sent again (--full-replay sends them)",
                    already, Topics.RATINGS);
        }
        Acks catalogueAcks = new Acks();
        Acks ratingAcks = new Acks();
        long ratingsStart = 0;
        long ratingsEnd = 0;
        // Values are encoded here, through the Avro serializer and the registry, and handed to the producer as
        // bytes: ratings are encoded on a second thread while this one sends (see EncodingPipeline).
        try (AvroSerializer<SpecificRecord> values = avroSerializer();
             Producer<Integer, byte[]> producer = new KafkaProducer<>(ProducerSettings.producer(config),
                     new IntegerSerializer(), new ByteArraySerializer())) {
            checkRegistry(values, input, from, to);
            listener.onProgress(new ReplayProgress(ReplayProgress.Phase.CATALOGUE, 0, to - from, Duration.ZERO));
            for (Movie movie : input.movies()) {
                producer.send(new ProducerRecord<>(Topics.MOVIES, movie.getMovieId(),
                        values.serialize(Topics.MOVIES, movie)), catalogueAcks);
            }
            for (User user : input.users()) {
                producer.send(new ProducerRecord<>(Topics.USERS, user.getUserId(),
                        values.serialize(Topics.USERS, user)), catalogueAcks);
            }
            // the catalogue is on the broker before the first rating: consumers can always resolve a rated movie
            producer.flush();
            catalogueAcks.throwIfFailed();
            ratingsStart = System.nanoTime();
            sendRatings(producer, values, log, from, to, logged, ratingAcks, listener, ratingsStart);
            producer.flush();
            ratingsEnd = System.nanoTime();
            ratingAcks.throwIfFailed();
        } catch (KafkaException e) {
            throw new ReplayException("Kafka did not take a record: " + rootMessage(e), e);
        }
        boolean incomplete = ratingAcks.acked.get() < to - from - already;
        ReplaySummary summary = new ReplaySummary(input.reader().format(), input.reader().ratingsSource(),
                input.movies().size(), input.users().size(), log.size(), ratingAcks.acked.get(), already,
                input.skipped(),
                input.errors().examples(), (System.nanoTime() - start) / 1e9, (ratingsEnd - ratingsStart) / 1e9,
                incomplete && stopping());
        LOG.debug("{}", summary.lines().get(0));
        listener.onProgress(new ReplayProgress(ReplayProgress.Phase.DONE, summary.ratingsSent(), to - from,
                Duration.ofNanos(ratingsEnd - ratingsStart)));
        return summary;
    }

    private void sendRatings(Producer<Integer, byte[]> producer, AvroSerializer<SpecificRecord> values,
                             RatingLog log, int from, int to, LoggedRatings logged, Acks acks,
                             ProgressListener listener,
                             long ratingsStart) {
        if (from >= to) {
            return;
        }
        Pacer pacer = new Pacer(config.pacing());
        pacer.start(log.timeMillis(from));
        long nextProgress = ratingsStart + PROGRESS_EVERY_NANOS;
        int i = from;
        int turn = 0;
        try (EncodingPipeline encoded = new EncodingPipeline(log, from, to, values)) {
            while (i < to) {
                EncodingPipeline.Chunk chunk = encoded.next();
                for (byte[] value : chunk.values()) {
                    if (logged(logged, log, i)) {
                        i++;
                        continue;
                    }
                    if (!pacer.awaitTurn(turn++, log.timeMillis(i), this::stopping) || stopping()) {
                        LOG.info("Replay cancelled after {} of {} ratings", i - from, to - from);
                        return;
                    }
                    producer.send(new ProducerRecord<>(Topics.RATINGS, log.userId(i), value), acks);
                    i++;
                    // reading the clock on every event would cost more than the send at full speed
                    if ((pacer.paced() || (i & 255) == 0) && System.nanoTime() >= nextProgress) {
                        nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
                        listener.onProgress(new ReplayProgress(ReplayProgress.Phase.RATINGS, acks.acked.get(),
                                to - from, Duration.ofNanos(System.nanoTime() - ratingsStart)));
                    }
                }
                if (acks.failure.get() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("Replay interrupted after {} of {} ratings", i - from, to - from);
        } catch (SerializationException e) {
            throw new ReplayException("Could not encode a rating: " + rootMessage(e), e);
        }
    }

    private static boolean logged(LoggedRatings logged, RatingLog log, int i) {
        return logged.contains(log.sequence(i), log.userId(i), log.movieId(i), log.rating(i));
    }

    private AvroSerializer<SpecificRecord> avroSerializer() {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(ProducerSettings.avroProducer(config), false);
        return values;
    }

    /** Serializes one record per topic before sending anything: a registry that is down fails here, once, clearly. */
    private void checkRegistry(AvroSerializer<SpecificRecord> values, ReplayInput input, int from, int to) {
        try {
            if (!input.movies().isEmpty()) {
                values.serialize(Topics.MOVIES, input.movies().get(0));
            }
            if (!input.users().isEmpty()) {
                values.serialize(Topics.USERS, input.users().get(0));
            }
            if (from < to) {
                values.serialize(Topics.RATINGS, input.ratings().event(from));
            }
        } catch (RuntimeException e) {
            throw new ReplayException("Schema Registry at " + Secrets.maskUrls(config.schemaRegistryUrl())
                    + " could not be used: " + rootMessage(e), e);
        }
    }

    /** Counts acknowledgements and keeps the first failure; one instance per topic group, no per-record allocation. */
    private static final class Acks implements Callback {
        final AtomicLong acked = new AtomicLong();
        final AtomicReference<Exception> failure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                acked.incrementAndGet();
            } else {
                failure.compareAndSet(null, exception);
            }
        }

        void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw new ReplayException("Kafka did not take a record: " + rootMessage(e), e);
            }
        }
    }
}
