package dev.recsys.app.demo;

import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the system from outside, as any consumer would: reads movies, ratings, model-updates and (read_committed)
 * recommendations from the beginning and keeps what the live view and the summary show. Latency of a
 * recommendation is the time from its rating's send (the producer's timestamp, which Streams carries over to the
 * output) until this consumer reads it.
 */
final class Observer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Observer.class);

    record ModelSeen(long version, Map<String, Double> metrics, long ratingsSeen, int movies, Instant arrived) {
    }

    record Snapshot(long ratings, long recommendations, long fromModel, List<ModelSeen> models,
                    List<RatingEvent> watchedRatings, Recommendations watchedLatest, Map<Integer, String> titles) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Movie> movies;
    private final Deserializer<RatingEvent> ratings;
    private final Deserializer<ModelUpdate> updates;
    private final Deserializer<Recommendations> recommendations;
    private final int watchedUser;
    private final Thread thread;

    // guarded by this
    private final Map<Integer, String> titles = new HashMap<>();
    private final List<RatingEvent> watchedRatings = new ArrayList<>();
    private final List<ModelSeen> models = new ArrayList<>();
    private final Latencies latencies = new Latencies();
    private Recommendations watchedLatest;
    private long ratingCount;
    private long recommendationCount;
    private long fromModel;

    Observer(String bootstrapServers, String registryUrl, int watchedUser) {
        this.watchedUser = watchedUser;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MODEL_BYTES);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        this.movies = AvroSerdes.value(Movie.class, serde).deserializer();
        this.ratings = AvroSerdes.value(RatingEvent.class, serde).deserializer();
        this.updates = AvroSerdes.value(ModelUpdate.class, serde).deserializer();
        this.recommendations = AvroSerdes.value(Recommendations.class, serde).deserializer();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.MOVIES, Topics.RATINGS, Topics.MODEL_UPDATES, Topics.RECOMMENDATIONS)) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "demo-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        take(record);
                    } catch (RuntimeException e) {
                        log.warn("Observer skips an unreadable {} record at offset {}: {}", record.topic(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked the poll to end
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        switch (record.topic()) {
            case Topics.MOVIES -> {
                Movie movie = movies.deserialize(record.topic(), record.value());
                synchronized (this) {
                    titles.put(movie.getMovieId(), movie.getTitle());
                }
            }
            case Topics.RATINGS -> {
                RatingEvent rating = ratings.deserialize(record.topic(), record.value());
                synchronized (this) {
                    ratingCount++;
                    if (rating.getUserId() == watchedUser) {
                        watchedRatings.add(rating);
                    }
                }
            }
            case Topics.MODEL_UPDATES -> {
                ModelUpdate update = updates.deserialize(record.topic(), record.value());
                synchronized (this) {
                    models.add(new ModelSeen(update.getVersion(), Map.copyOf(update.getMetrics()),
                            update.getRatingsSeen(), update.getMovieIds().size(), Instant.now()));
                }
            }
            case Topics.RECOMMENDATIONS -> {
                Recommendations recs = recommendations.deserialize(record.topic(), record.value());
                long now = System.currentTimeMillis();
                long latency = now - record.timestamp();
                synchronized (this) {
                    recommendationCount++;
                    if (recs.getStrategy() == Strategy.MODEL) {
                        fromModel++;
                    }
                    latencies.add(now, latency);
                    if (recs.getUserId() == watchedUser) {
                        watchedLatest = recs;
                    }
                }
            }
            default -> log.debug("Ignoring a record of {}", record.topic());
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(ratingCount, recommendationCount, fromModel, List.copyOf(models),
                List.copyOf(watchedRatings), watchedLatest, Map.copyOf(titles));
    }

    synchronized Latencies.Summary latency() {
        return latencies.summary();
    }

    /** Over the recommendations of the last {@code window}: what the live view shows. */
    synchronized Latencies.Summary recentLatency(Duration window) {
        return latencies.since(System.currentTimeMillis() - window.toMillis());
    }

    /** Over the recommendations after the first {@code warmUp} from the first one: the steady state. */
    synchronized Latencies.Summary latencyAfter(Duration warmUp) {
        long first = latencies.firstAt();
        return first < 0 ? latencies.summary() : latencies.since(first + warmUp.toMillis());
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
