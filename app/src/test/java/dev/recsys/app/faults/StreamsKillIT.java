package dev.recsys.app.faults;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.schemas.Genre;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Topics;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.TestRegistryServer;
import dev.recsys.streams.StreamsMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app in a JVM of its own, killed with SIGKILL under a paced load and started again on the same state
 * directory: every rating has exactly one recommendation (read_committed), nothing goes to the dead letters, and the
 * restarted instance is processing (RUNNING) within 10 s of its start.
 */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class StreamsKillIT {
    private static final Logger log = LoggerFactory.getLogger(StreamsKillIT.class);
    private static final int USERS = 200;
    private static final int MOVIES = 300;
    private static final int RATINGS = 3_000;
    private static final int PER_SECOND = 150;
    private static final Duration KILL_AFTER = Duration.ofSeconds(7);
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyRatingIsAnsweredOnceAcrossAKillAndTheRestartResumesWithinTenSeconds(KafkaBroker broker)
            throws Exception {
        broker.createTopic(Topics.RATINGS, 4);
        broker.createTopic(Topics.MOVIES, 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(Topics.MODEL_UPDATES, 1, Map.of("cleanup.policy", "compact"));
        try (TestRegistryServer registry = TestRegistryServer.start()) {
            Map<String, String> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            sendMovies(broker, serdeConfig);
            Path output = dir.resolve("streams.log");
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SCHEMA_REGISTRY_URL", registry.url(),
                    "STREAMS_APPLICATION_ID", "kill-it",
                    "STREAMS_STATE_DIR", Files.createDirectories(dir.resolve("state")).toString(),
                    "STREAMS_HTTP_HOST", "127.0.0.1",
                    "STREAMS_HTTP_PORT", "0");
            ChildJvm first = ChildJvm.start(StreamsMain.class, env, output);
            ChildJvm second = null;
            try {
                first.awaitLine("-> RUNNING", Duration.ofSeconds(60));
                CompletableFuture<Void> load = CompletableFuture.runAsync(() -> sendRatings(broker, serdeConfig));
                Thread.sleep(KILL_AFTER.toMillis());
                first.kill();
                assertThat(load).as("the load is still running at the kill").isNotDone();
                Instant restarted = Instant.now();
                second = ChildJvm.start(StreamsMain.class, env, output);
                Instant running = second.awaitLine("-> RUNNING", Duration.ofSeconds(90));
                log.info("restarted after SIGKILL: RUNNING {} ms after the start",
                        Duration.between(restarted, running).toMillis());
                assertThat(Duration.between(restarted, running)).as("from restart to RUNNING")
                        .isLessThanOrEqualTo(RESUME_WITHIN);
                load.get(60, TimeUnit.SECONDS);

                Map<String, Integer> answers = readAnswers(broker, serdeConfig);
                assertThat(answers).as("ratings answered").hasSize(RATINGS);
                assertThat(answers.values()).as("recommendations per rating").containsOnly(1);
                assertThat(count(broker, Topics.RATINGS_DLQ)).as("dead letters").isZero();
                assertThat(second.alive()).isTrue();
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static void sendMovies(KafkaBroker broker, Map<String, String> serdeConfig) throws Exception {
        Serializer<Movie> values = AvroSerdes.value(Movie.class, serdeConfig).serializer();
        try (KafkaProducer<Integer, Movie> producer = new KafkaProducer<>(producerProps(broker),
                new IntegerSerializer(), values)) {
            for (int movie = 1; movie <= MOVIES; movie++) {
                producer.send(new ProducerRecord<>(Topics.MOVIES, movie,
                        new Movie(movie, "Movie " + movie + " (2024)", null, List.of(Genre.DRAMA)))).get();
            }
        }
    }

    /** RATINGS ratings at PER_SECOND, each with its own sequence number. */
    private static void sendRatings(KafkaBroker broker, Map<String, String> serdeConfig) {
        Serializer<RatingEvent> values = AvroSerdes.value(RatingEvent.class, serdeConfig).serializer();
        Random random = new Random(5);
        long start = System.nanoTime();
        try (KafkaProducer<Integer, RatingEvent> producer = new KafkaProducer<>(producerProps(broker),
                new IntegerSerializer(), values)) {
            for (int i = 0; i < RATINGS; i++) {
                long due = start + i * 1_000_000_000L / PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int user = 1 + random.nextInt(USERS);
                RatingEvent event = new RatingEvent(user, 1 + random.nextInt(MOVIES), 1f + random.nextInt(5),
                        Instant.ofEpochSecond(1_700_000_000L + i), "kill-it", (long) i);
                producer.send(new ProducerRecord<>(Topics.RATINGS, user, event));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many read_committed recommendations answer each rating (by its sequence number). */
    private static Map<String, Integer> readAnswers(KafkaBroker broker, Map<String, String> serdeConfig) {
        Deserializer<Recommendations> values = AvroSerdes.value(Recommendations.class, serdeConfig).deserializer();
        Map<String, Integer> answers = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(broker)) {
            List<TopicPartition> partitions = assignAll(consumer, Topics.RECOMMENDATIONS);
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            // until every rating is answered and then 3 s without a record, so that a late duplicate is seen
            while (System.nanoTime() < deadline
                    && (answers.size() < RATINGS || System.nanoTime() - quietSince < 3_000_000_000L)) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Recommendations recs = values.deserialize(Topics.RECOMMENDATIONS, record.value());
                    answers.merge(recs.getTriggerSource() + "#" + recs.getTriggerSequence(), 1, Integer::sum);
                }
            }
            assertThat(partitions).isNotEmpty();
        }
        return answers;
    }

    private static long count(KafkaBroker broker, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(broker)) {
            List<TopicPartition> partitions = assignAll(consumer, topic);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static KafkaConsumer<byte[], byte[]> committedConsumer(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }
}
