package dev.recsys.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.model.HybridModel;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.serde.AppSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on a real broker share the four ratings partitions; one is closed without cleanup while ratings
 * flow and started again on the same state directory. Every rating must come out exactly once (read_committed),
 * bad ones in the dead-letter topic, and either instance must answer HTTP queries for any user.
 */
@WithKafka
class StreamsAppIT {
    private static final String SCOPE = "StreamsAppIT";
    private static final String APP_ID = "streams-app-it";
    private static final int PARTITIONS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static TestData data;
    private static AppSerdes serdes;
    private static Map<String, Object> registry;

    @BeforeAll
    static void publishCatalogueAndModel(KafkaBroker broker, @TempDir Path dir) throws Exception {
        MockSchemaRegistry.drop(SCOPE);
        ItStack.createTopics(broker, PARTITIONS);
        data = TestData.generate(dir, 80, 200, 3000, 5);
        registry = SerdeConfig.registry("mock://" + SCOPE, null);
        serdes = AppSerdes.avro(registry);
        HybridModel model = data.train(data.ratings().subList(0, 1500), 2, 1);
        ModelUpdate update = TestData.update(model, 1, 1500);
        try (var movies = new KafkaProducer<>(producerProps(broker), new IntegerSerializer(),
                serdes.movie().serializer());
             var models = new KafkaProducer<>(producerProps(broker), new StringSerializer(),
                     serdes.modelUpdate().serializer())) {
            for (Movie movie : data.movies()) {
                movies.send(new ProducerRecord<>(Topics.MOVIES, movie.getMovieId(), movie));
            }
            models.send(new ProducerRecord<>(Topics.MODEL_UPDATES, Topics.MODEL_NAME, update)).get();
        }
    }

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void everyRatingComesOutExactlyOnceAcrossARestartAndEitherInstanceAnswers(
            KafkaBroker broker, @TempDir Path stateA, @TempDir Path stateB) throws Exception {
        List<RatingEvent> events = data.ratings();
        int third = events.size() / 3;
        StreamsApp a = StreamsApp.start(settings(broker, stateA));
        StreamsApp b = StreamsApp.start(settings(broker, stateB));
        try (var ratings = new KafkaProducer<>(producerProps(broker), new IntegerSerializer(),
                serdes.ratingEvent().serializer());
             var raw = new KafkaProducer<>(producerProps(broker), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            assertThat(a.awaitReady(TIMEOUT)).as("instance A ready").isTrue();
            assertThat(b.awaitReady(TIMEOUT)).as("instance B ready").isTrue();

            send(ratings, events.subList(0, third));
            raw.send(new ProducerRecord<>(Topics.RATINGS, new byte[] {0, 0, 0, 1}, new byte[] {42, 42}));
            ratings.send(new ProducerRecord<>(Topics.RATINGS, events.get(0).getUserId(),
                    withRating(events.get(0), 9f)));
            ratings.flush();
            raw.flush();
            // B stops while its share of the first third is still being processed
            await("B to process some ratings").atMost(TIMEOUT).until(() -> committedRatings(broker) > third / 4);
            b.close();
            send(ratings, events.subList(third, 2 * third));
            b = StreamsApp.start(settings(broker, stateB));
            StreamsApp rejoined = b;
            // the last third once the restarted instance owns partitions again, so that both instances answer some
            // (as a static member it is back quickly, and would otherwise find everything processed already)
            assertThat(rejoined.awaitReady(TIMEOUT)).as("restarted B ready").isTrue();
            await("both instances to own partitions").atMost(TIMEOUT)
                    .until(() -> ownsPartitions(a) && ownsPartitions(rejoined));
            send(ratings, events.subList(2 * third, events.size()));
            ratings.flush();

            long expectedInput = events.size() + 2L;
            await("the app to commit every rating").atMost(Duration.ofSeconds(90))
                    .until(() -> committedRatings(broker), equalTo(expectedInput));
            List<ConsumerRecord<Integer, Recommendations>> out = readAll(broker);
            Map<Long, Long> perSequence = out.stream().collect(
                    Collectors.groupingBy(r -> r.value().getTriggerSequence(), Collectors.counting()));
            Set<Long> expected = events.stream().map(RatingEvent::getSequence).collect(Collectors.toSet());
            assertThat(perSequence.keySet()).isEqualTo(expected);
            assertThat(perSequence.values()).allMatch(count -> count == 1L);
            assertThat(out).allMatch(r -> r.value().getStrategy() == Strategy.MODEL
                    && r.value().getItems().size() == 10 && r.key() == r.value().getUserId());
            assertThat(readDeadLetters(broker)).isEqualTo(2);

            StreamsApp restarted = b;
            assertThat(restarted.awaitReady(TIMEOUT)).as("restarted B ready").isTrue();
            // the restarted instance may first be given only warm-up replicas; wait until both own partitions
            await("both instances to own partitions").atMost(TIMEOUT)
                    .until(() -> ownsPartitions(a) && ownsPartitions(restarted));
            assertEitherInstanceAnswers(a, restarted, latestPerUser(out));
        } finally {
            b.close();
            a.close();
        }
    }

    private static void assertEitherInstanceAnswers(StreamsApp a, StreamsApp b,
                                                    Map<Integer, Recommendations> latest) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Set<String> servedBy = new HashSet<>();
        for (StreamsApp asked : List.of(a, b)) {
            for (int user : latest.keySet().stream().limit(16).toList()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + asked.httpPort() + "/users/" + user + "/recommendations"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = json.readTree(response.body());
                assertThat(body.get("userId").asInt()).isEqualTo(user);
                assertThat(body.get("triggerSequence").asLong()).isEqualTo(latest.get(user).getTriggerSequence());
                assertThat(body.get("items")).hasSize(10);
                for (int i = 0; i < 10; i++) {
                    assertThat(body.get("items").get(i).get("title").asText()).as("titled from the catalogue")
                            .isEqualTo(latest.get(user).getItems().get(i).getTitle());
                }
                servedBy.add(body.get("servedBy").asText());
                JsonNode view = json.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + asked.httpPort() + "/users/" + user + "/view")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(view.get("ratings").asInt()).as("the history read back from user-ratings").isPositive();
                assertThat(view.get("watched")).isNotEmpty();
                assertThat(view.get("recommended").get(0).get("title").asText())
                        .isEqualTo(latest.get(user).getItems().get(0).getTitle());
            }
            JsonNode model = json.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + asked.httpPort() + "/model")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(model.get("version").asLong()).isEqualTo(1);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + asked.httpPort() + "/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + asked.httpPort() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertMetrics(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + asked.httpPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // both instances own some users, so some answers were forwarded in each direction
        assertThat(servedBy).containsExactlyInAnyOrder("localhost:" + a.httpPort(), "localhost:" + b.httpPort());
    }

    /** Prometheus text: the app's own figures and Kafka Streams' (its consumer's lag among them), well formed. */
    private static void assertMetrics(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).contains("recsys_model_version 1.0", "recsys_ready 1.0",
                "# TYPE recsys_recommendations_total counter",
                "recsys_dead_letters_total{reason=\"key_mismatch\"} 0.0");
        assertThat(lines).anyMatch(line -> line.matches(
                "recsys_recommendations_total\\{strategy=\"model\"} [1-9][0-9]*\\.0"));
        assertThat(lines).anyMatch(line -> line.startsWith("kafka_stream_thread_process_total{"));
        assertThat(lines).anyMatch(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{"));
        List<String> samples = lines.stream().filter(line -> !line.startsWith("# ")).toList();
        assertThat(samples).allMatch(line -> line.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\{.*})? \\S+"), "a sample line");
        assertThat(samples.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).distinct().count())
                .as("no series twice").isEqualTo(samples.size());
    }

    private static boolean ownsPartitions(StreamsApp app) {
        return app.streams().metadataForLocalThreads().stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
    }

    private static StreamsSettings settings(KafkaBroker broker, Path stateDir) {
        return ItStack.settings(broker, SCOPE, APP_ID, stateDir, 0);
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }

    private static void send(KafkaProducer<Integer, RatingEvent> producer, List<RatingEvent> events) {
        for (RatingEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.RATINGS, event.getUserId(), event));
        }
    }

    private static RatingEvent withRating(RatingEvent event, float rating) {
        return RatingEvent.newBuilder(event).setRating(rating).build();
    }

    /** Ratings the app has committed as consumed, over all partitions. */
    private static long committedRatings(KafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.RATINGS))
                    .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<ConsumerRecord<Integer, Recommendations>> readAll(KafkaBroker broker) throws Exception {
        try (var consumer = new KafkaConsumer<>(consumerProps(broker), new IntegerDeserializer(),
                serdes.recommendations().deserializer())) {
            return drain(consumer, Topics.RECOMMENDATIONS, PARTITIONS);
        }
    }

    private static int readDeadLetters(KafkaBroker broker) throws Exception {
        try (var consumer = new KafkaConsumer<>(consumerProps(broker), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return drain(consumer, Topics.RATINGS_DLQ, 1).size();
        }
    }

    /** Everything committed on the topic: reads until the position reaches the last stable offset. */
    private static <K, V> List<ConsumerRecord<K, V>> drain(KafkaConsumer<K, V> consumer, String topic,
                                                           int partitions) throws Exception {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
        await("reading " + topic).atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                    return tps.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
                });
        return out;
    }

    private static Properties consumerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    private static Map<Integer, Recommendations> latestPerUser(List<ConsumerRecord<Integer, Recommendations>> out) {
        Map<Integer, Recommendations> latest = new HashMap<>();
        out.forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
