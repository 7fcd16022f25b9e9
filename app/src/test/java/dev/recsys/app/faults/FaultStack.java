package dev.recsys.app.faults;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.common.topics.Topics;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.TestRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the fault tests share: a broker with the source topics, a Schema Registry over HTTP (the services run in
 * JVMs of their own, so {@code mock://} cannot serve), a catalogue of MOVIES movies, paced ratings with a sequence
 * number each, and a read_committed count of the recommendations that answer each rating.
 */
final class FaultStack implements AutoCloseable {
    static final int MOVIES = 300;

    private final KafkaBroker broker;
    private final TestRegistryServer registry;
    private final Map<String, String> serdeConfig;

    private FaultStack(KafkaBroker broker, TestRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
        this.serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    /** Creates the project's topics and starts the registry. */
    static FaultStack start(KafkaBroker broker) throws Exception {
        Topics.TABLE.forEach(broker::createTopic);
        return new FaultStack(broker, TestRegistryServer.start());
    }

    /** What every service needs to reach this stack: the broker and the registry. */
    Map<String, String> clientEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", registry.url());
        return env;
    }

    /** The environment of a streams instance of application {@code applicationId} on this stack. */
    Map<String, String> streamsEnv(String applicationId, Path stateDir) throws IOException {
        Map<String, String> env = clientEnv();
        env.put("STREAMS_APPLICATION_ID", applicationId);
        env.put("STREAMS_STATE_DIR", Files.createDirectories(stateDir).toString());
        env.put("STREAMS_HTTP_HOST", "127.0.0.1");
        env.put("STREAMS_HTTP_PORT", "0");
        return env;
    }

    /** {@code count} ratings of users 1..users at {@code perSecond}, sequence numbers 0..count-1. */
    void sendRatings(int count, int perSecond, int users, long seed) {
        Serializer<RatingEvent> values = AvroSerdes.value(RatingEvent.class, serdeConfig).serializer();
        Random random = new Random(seed);
        long start = System.nanoTime();
        try (KafkaProducer<Integer, RatingEvent> producer = new KafkaProducer<>(producerProps(),
                new IntegerSerializer(), values)) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                // every user rates once first, so that each has a list
                int user = i < users ? i + 1 : 1 + random.nextInt(users);
                RatingEvent event = new RatingEvent(user, 1 + random.nextInt(MOVIES), 1f + random.nextInt(5),
                        Instant.ofEpochSecond(1_700_000_000L + i), "faults", (long) i);
                producer.send(new ProducerRecord<>(Topics.RATINGS, user, event));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many read_committed recommendations answer each rating (by its sequence number): read until
     * {@code expected} ratings are answered and then 3 s without a record, so that a late duplicate is seen.
     */
    Map<Long, Integer> readAnswers(int expected, Duration timeout) {
        Deserializer<Recommendations> values = AvroSerdes.value(Recommendations.class, serdeConfig).deserializer();
        Map<Long, Integer> answers = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer()) {
            assignAll(consumer, Topics.RECOMMENDATIONS);
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline
                    && (answers.size() < expected || System.nanoTime() - quietSince < 3_000_000_000L)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Recommendations recs = values.deserialize(Topics.RECOMMENDATIONS, record.value());
                    answers.merge(recs.getTriggerSequence(), 1, Integer::sum);
                }
            }
        }
        return answers;
    }

    /** Every record of the topic readable by a read_committed consumer, decoded, in partition order. */
    <T extends SpecificRecord> List<T> read(String topic, Class<T> type) {
        Deserializer<T> values = AvroSerdes.value(type, serdeConfig).deserializer();
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer()) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && partitions.stream()
                    .anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(values.deserialize(topic, r.value())));
            }
        }
        return out;
    }

    /** Records on the topic readable by a read_committed consumer (its end offsets; markers make it an upper bound). */
    long committedRecords(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer()) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline && partitions.stream()
                    .anyMatch(p -> consumer.position(p) < end.get(p))) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    @Override
    public void close() {
        registry.close();
    }

    /** A catalogue of MOVIES movies, for tests that send ratings themselves rather than through ingest. */
    void sendMovies() throws Exception {
        Serializer<Movie> values = AvroSerdes.value(Movie.class, serdeConfig).serializer();
        try (KafkaProducer<Integer, Movie> producer = new KafkaProducer<>(producerProps(), new IntegerSerializer(),
                values)) {
            for (int movie = 1; movie <= MOVIES; movie++) {
                producer.send(new ProducerRecord<>(Topics.MOVIES, movie,
                        new Movie(movie, "Movie " + movie + " (2024)", null, List.of(Genre.DRAMA))));
            }
            producer.flush();
        }
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> committedConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }
}
