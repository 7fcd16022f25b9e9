package dev.recsys.trainer;

import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/** Writes the trainer's input topics and reads its output, as the other services would, through the Avro serde. */
final class LogFixture implements AutoCloseable {
    private final String bootstrap;
    private final Map<String, Object> serde;
    private final KafkaProducer<Integer, RatingEvent> ratings;
    private final KafkaProducer<Integer, Movie> movies;

    LogFixture(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        this.ratings = new KafkaProducer<>(props, new IntegerSerializer(),
                AvroSerdes.value(RatingEvent.class, serde).serializer());
        this.movies = new KafkaProducer<>(props, new IntegerSerializer(),
                AvroSerdes.value(Movie.class, serde).serializer());
    }

    void sendRatings(List<RatingEvent> events) {
        for (RatingEvent event : events) {
            ratings.send(new ProducerRecord<>(Topics.RATINGS, event.getUserId(), event));
        }
        ratings.flush();
    }

    void sendMovies(List<Movie> catalogue) {
        for (Movie movie : catalogue) {
            movies.send(new ProducerRecord<>(Topics.MOVIES, movie.getMovieId(), movie));
        }
        movies.flush();
    }

    /** Bytes that are no Avro at all, as a misconfigured producer would write them. */
    void sendGarbageRating(int partition) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.RATINGS, partition, null, "not a rating".getBytes())).get();
        }
    }

    /** End offset of each partition of the topic. */
    Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = bytesConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
            return ends;
        }
    }

    /** Every model update in the log, in order. */
    List<ModelUpdate> modelUpdates() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, ModelUpdate> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerdes.value(ModelUpdate.class, serde).deserializer())) {
            List<TopicPartition> partitions = partitions(consumer, Topics.MODEL_UPDATES);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ModelUpdate> updates = new ArrayList<>();
            // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
            await("reading " + Topics.MODEL_UPDATES).atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(record -> updates.add(record.value()));
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                    });
            return updates;
        }
    }

    private KafkaConsumer<byte[], byte[]> bytesConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    @Override
    public void close() {
        ratings.close();
        movies.close();
    }
}
