package dev.recsys.ingest.replay;

import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.AvroSerdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which ratings of a source the {@code ratings} topic holds already, read from the start of every partition to its
 * end as it is now: by sequence number, with the user, movie and rating each carried, so that a rating counts as
 * there only if it is the same rating (two synthetic sets share a source label, not their ratings). A replay that
 * sends only the others can be run again after a crash, or by every {@code docker-compose up}, without writing a
 * rating twice.
 */
final class LoggedRatings {
    private static final LoggedRatings NONE = new LoggedRatings();

    private final BitSet present = new BitSet();
    private int[] fingerprints = new int[0];
    private static final Logger LOG = LoggerFactory.getLogger(LoggedRatings.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();


    /** Nothing logged: what a full replay starts from. */
    static LoggedRatings none() {
        return NONE;
    }

    /** Whether the topic holds this rating: the same source (as read), sequence, user, movie and rating. */
    boolean contains(long sequence, int userId, int movieId, float rating) {
        return sequence >= 0 && sequence < fingerprints.length && present.get((int) sequence)
                && fingerprints[(int) sequence] == fingerprint(userId, movieId, rating);
    }

    private void add(RatingEvent event) {
        int sequence = (int) event.getSequence();
        if (sequence >= fingerprints.length) {
            fingerprints = Arrays.copyOf(fingerprints, Math.max(sequence + 1, fingerprints.length * 2));
        }
        present.set(sequence);
        fingerprints[sequence] = fingerprint(event.getUserId(), event.getMovieId(), event.getRating());
    }

    private static int fingerprint(int userId, int movieId, float rating) {
        return (userId * 31 + movieId) * 31 + Float.floatToIntBits(rating);
    }

    /** {@code source}'s ratings in the topic; none when the topic is empty or absent. */
    static LoggedRatings read(ReplayConfig config, String source) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "recsys-ingest-resume");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> serde = new HashMap<>(ProducerSettings.avroProducer(config));
        Deserializer<RatingEvent> values = AvroSerdes.value(RatingEvent.class, serde).deserializer();
        LoggedRatings found = new LoggedRatings();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RATINGS, config.connectTimeout())
                    .stream().map(info -> new TopicPartition(Topics.RATINGS, info.partition())).toList();
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, config.connectTimeout());
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    RatingEvent event = decode(values, record);
                    if (event != null && source.equals(event.getSource()) && event.getSequence() >= 0
                            && event.getSequence() <= Integer.MAX_VALUE) {
                        found.add(event);
                    }
                }
                if (System.nanoTime() >= nextProgress) {
                    nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
                    LOG.info("Reading what {} holds already: {} of {} records", Topics.RATINGS, read, total);
                }
            }
        }
        return found;
    }

    /** Null for a record that is not a rating this serde can read (the streams app dead-letters those). */
    private static RatingEvent decode(Deserializer<RatingEvent> values, ConsumerRecord<byte[], byte[]> record) {
        try {
            return record.value() == null ? null : values.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            return null;
        }
    }
}
