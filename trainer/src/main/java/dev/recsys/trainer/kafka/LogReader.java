package dev.recsys.trainer.kafka;

import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Follows the ratings and movies topics from their beginning: every
 * partition assigned (no consumer group), read as bytes and decoded here, so that one undecodable record is reported
 * and skipped instead of stopping the consumer at its offset. Partitions added later are picked up within
 * {@link #DISCOVERY_INTERVAL}, topics created later within {@link #MISSING_TOPIC_RETRY}.
 *
 * <p>Used by one thread only, except {@link #wakeup()}.
 */
public final class LogReader implements AutoCloseable {
    /** Told about each record in log order. */
    public interface Handler {
        void rating(int partition, long offset, RatingEvent rating);

        /** movie is null for a tombstone. */
        void movie(int movieId, Movie movie);

        void badRecord(String topic, int partition, long offset, String reason);
    }

    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(30);
    static final Duration MISSING_TOPIC_RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<RatingEvent> ratings;
    private final Deserializer<Movie> movies;
    private final IntegerDeserializer keys = new IntegerDeserializer();
    private final String ratingsTopic;
    private final String moviesTopic;
    private final Set<TopicPartition> assigned = new HashSet<>();
    // end offsets seen when each partition was first assigned: reaching them all is "caught up"
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    // read by the stats getter on other threads
    private volatile boolean caughtUp;
    private Instant nextDiscovery = Instant.MIN;

    public LogReader(Consumer<byte[], byte[]> consumer, Deserializer<RatingEvent> ratings, Deserializer<Movie> movies,
                     String ratingsTopic, String moviesTopic) {
        this.consumer = consumer;
        this.ratings = ratings;
        this.movies = movies;
        this.ratingsTopic = ratingsTopic;
        this.moviesTopic = moviesTopic;
    }

    /** Polls once and hands every record to the handler. */
    public void poll(Duration timeout, Handler handler) {
        discoverPartitions();
        if (assigned.isEmpty()) {
            sleepQuietly(timeout);
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(ratingsTopic)) {
                rating(record, handler);
            } else {
                movie(record, handler);
            }
        }
        checkCaughtUp();
    }

    /** Whether everything that was in the log when each partition was assigned has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The next offset to read of each ratings partition: all before it has been handled. */
    public Map<Integer, Long> ratingPositions() {
        Map<Integer, Long> positions = new HashMap<>();
        for (TopicPartition tp : assigned) {
            if (tp.topic().equals(ratingsTopic)) {
                positions.put(tp.partition(), consumer.position(tp));
            }
        }
        return positions;
    }

    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void rating(ConsumerRecord<byte[], byte[]> record, Handler handler) {
        if (record.value() == null) {
            handler.badRecord(record.topic(), record.partition(), record.offset(), "no value");
            return;
        }
        RatingEvent event;
        try {
            event = ratings.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            handler.badRecord(record.topic(), record.partition(), record.offset(), "cannot decode: " + e.getMessage());
            return;
        }
        handler.rating(record.partition(), record.offset(), event);
    }

    private void movie(ConsumerRecord<byte[], byte[]> record, Handler handler) {
        try {
            if (record.value() == null) {
                tombstone(record, handler::movie);
                return;
            }
            Movie movie = movies.deserialize(record.topic(), record.headers(), record.value());
            handler.movie(movie.getMovieId(), movie);
        } catch (RuntimeException e) {
            handler.badRecord(record.topic(), record.partition(), record.offset(), "cannot decode: " + e.getMessage());
        }
    }

    /** A null value on a compacted topic removes the key's entity; the key says which. */
    private <T> void tombstone(ConsumerRecord<byte[], byte[]> record, BiConsumer<Integer, T> remove) {
        Integer id = keys.deserialize(record.topic(), record.key());
        if (id == null) {
            throw new SerializationException("tombstone without a key");
        }
        remove.accept(id, null);
    }

    private void discoverPartitions() {
        Instant now = Instant.now();
        if (now.isBefore(nextDiscovery)) {
            return;
        }
        List<TopicPartition> ratingPartitions = partitionsOf(ratingsTopic);
        List<TopicPartition> moviePartitions = partitionsOf(moviesTopic);
        // a topic that is not there yet (the trainer started before ingest) is looked for again soon
        boolean missing = ratingPartitions.isEmpty() || moviePartitions.isEmpty();
        nextDiscovery = now.plus(missing ? MISSING_TOPIC_RETRY : DISCOVERY_INTERVAL);
        Set<TopicPartition> found = new HashSet<>(assigned);
        found.addAll(ratingPartitions);
        found.addAll(moviePartitions);
        if (found.size() == assigned.size()) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        // assign() keeps the positions of partitions that stay assigned; only the new ones start at the beginning
        consumer.assign(found);
        consumer.seekToBeginning(added);
        Map<TopicPartition, Long> ends = consumer.endOffsets(added, METADATA_TIMEOUT);
        ends.forEach((tp, end) -> {
            if (end > 0) {
                catchUpTargets.put(tp, end);
            }
        });
        assigned.addAll(added);
        LOG.info("reading {} from the beginning ({} records to catch up on)", added,
                ends.values().stream().mapToLong(Long::longValue).sum());
        checkCaughtUp();
    }

    private List<TopicPartition> partitionsOf(String topic) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                LOG.debug("topic {} does not exist yet", topic);
                return List.of();
            }
            return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (TimeoutException e) {
            LOG.warn("no metadata for topic {} yet: {}", topic, e.getMessage());
            return List.of();
        }
    }

    private void checkCaughtUp() {
        catchUpTargets.entrySet().removeIf(target -> consumer.position(target.getKey()) >= target.getValue());
        if (catchUpTargets.isEmpty() && !caughtUp && !assigned.isEmpty()) {
            caughtUp = true;
        }
    }

    private static void sleepQuietly(Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
