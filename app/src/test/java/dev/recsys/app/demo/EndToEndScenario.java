package dev.recsys.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RatingScale;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
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
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system on one broker: 10,000 synthetic ratings replayed in two halves; between them the trainer must
 * have published a model and the streams app loaded it. Then every rating has exactly one recommendation, and every
 * rating of the second half was answered by the model (strategy MODEL, a published version) with 10 titled movies,
 * each with a predicted rating on the rating scale, none of which the user had rated. The broker comes from the subclass: in the JVM, or a container.
 */
abstract class EndToEndScenario {
    private static final int USERS = 300;
    private static final int MOVIES = 400;
    private static final int RATINGS = 10_000;
    private static final int HALF = RATINGS / 2;
    // one early model, few epochs: the scenario is about the wiring, the model's quality has its own tests
    private static final List<String> TRAINER_ARGS = List.of("--min-ratings", "2000",
            "--retrain-every-ratings", "4000", "--retrain-interval", "PT10M", "--epochs", "4");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @TempDir
    Path data;

    @Test
    void everyRatingAfterTheFirstModelIsAnsweredByIt(KafkaBroker broker) throws Exception {
        SyntheticMovieLens.write(data, USERS, MOVIES, RATINGS, 7);
        String scope = "e2e-" + UUID.randomUUID();
        try (LocalStack stack = LocalStack.start(broker.bootstrapServers(), broker::createTopic, null, scope, 0,
                TRAINER_ARGS, List.of())) {
            ReplaySummary first = replay(stack, 0, HALF);
            await("the streams app loads a model").atMost(TIMEOUT)
                    .until(() -> stack.streams().models().currentVersion() >= 1);
            long loaded = stack.streams().models().currentVersion();
            ReplaySummary second = replay(stack, HALF, HALF);
            assertThat(first.ratingsSent() + second.ratingsSent()).isEqualTo(RATINGS);
            // what the trainer says of itself over its HTTP port
            JsonNode status = get(stack.trainer().httpPort(), "/status");
            assertThat(status.path("state").asText()).isIn("waiting", "training");
            assertThat(status.path("published").path("version").asLong()).isGreaterThanOrEqualTo(loaded);
            assertThat(status.path("stats").path("ratingsHeld").asLong()).isGreaterThanOrEqualTo(HALF);
            assertThat(status.path("lastDecision").path("publish").asBoolean()).isTrue();
            assertThat(get(stack.trainer().httpPort(), "/health").path("status").asText()).isEqualTo("UP");

            List<RatingEvent> ratings = readAll(stack, Topics.RATINGS, RatingEvent.class, RATINGS, false);
            List<Recommendations> recommendations =
                    readAll(stack, Topics.RECOMMENDATIONS, Recommendations.class, RATINGS, true);

            Map<String, RatingEvent> byTrigger = new HashMap<>();
            ratings.forEach(r -> byTrigger.put(r.getSource() + "#" + r.getSequence(), r));
            Set<String> answered = new HashSet<>();
            for (Recommendations recs : recommendations) {
                assertThat(answered.add(recs.getTriggerSource() + "#" + recs.getTriggerSequence()))
                        .as("one recommendation per rating").isTrue();
            }
            assertThat(answered).isEqualTo(byTrigger.keySet());
            // the streams app's own count of what it emitted, for a scraper: as many as the topic holds (more only if
            // a transaction was aborted and processed again), none sent to the dead letters
            String metrics = getText(stack.streams().httpPort(), "/metrics");
            for (Strategy strategy : Strategy.values()) {
                long emitted = recommendations.stream().filter(r -> r.getStrategy() == strategy).count();
                String series = "recsys_recommendations_total{strategy=\""
                        + strategy.name().toLowerCase(Locale.ROOT) + "\"}";
                assertThat(sample(metrics, series)).as("counted %s", strategy)
                        .isGreaterThanOrEqualTo(emitted).isPositive();
            }
            assertThat(sample(metrics, "recsys_dead_letters_total{reason=\"unknown_movie\"}")).isZero();
            assertThat(sample(metrics, "recsys_model_version")).isGreaterThanOrEqualTo(loaded);

            Map<Integer, Set<Integer>> rated = new HashMap<>();
            Map<String, Recommendations> recsByTrigger = new HashMap<>();
            recommendations.forEach(r -> recsByTrigger.put(r.getTriggerSource() + "#" + r.getTriggerSequence(), r));
            int checked = 0;
            // ratings as read are in per-user order (key = user), which is the order streams saw them in
            for (RatingEvent rating : ratings) {
                Set<Integer> seen = rated.computeIfAbsent(rating.getUserId(), u -> new HashSet<>());
                seen.add(rating.getMovieId());
                Recommendations recs = recsByTrigger.get(rating.getSource() + "#" + rating.getSequence());
                assertThat(recs.getUserId()).isEqualTo(rating.getUserId());
                if (rating.getSequence() > lastSequenceOfFirstHalf(ratings)) {
                    assertAnsweredByModel(recs, seen, loaded);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(HALF);
        }
    }

    private static long lastSequenceOfFirstHalf(List<RatingEvent> ratings) {
        // the replay sends ratings in time order; u.data of the generator is in time order too, so the first half
        // is the first HALF sequence numbers
        return ratings.stream().mapToLong(RatingEvent::getSequence).sorted().skip(HALF - 1).findFirst().orElseThrow();
    }

    private static void assertAnsweredByModel(Recommendations recs, Set<Integer> rated, long loaded) {
        assertThat(recs.getStrategy()).as("strategy of %s", recs).isEqualTo(Strategy.MODEL);
        assertThat(recs.getModelVersion()).isNotNull().isGreaterThanOrEqualTo(loaded);
        List<RecommendedItem> items = recs.getItems();
        assertThat(items).hasSize(10);
        for (RecommendedItem item : items) {
            assertThat(rated).as("already rated by user %d", recs.getUserId()).doesNotContain(item.getMovieId());
            assertThat(item.getTitle()).startsWith("Synthetic Movie");
            // the list is in the model's order; each score is the predicted rating people are shown
            assertThat(item.getScore()).isBetween(RatingScale.MIN, RatingScale.MAX);
        }
    }

    private ReplaySummary replay(LocalStack stack, long skip, long limit) {
        ReplayConfig config = ReplayConfig.defaults()
                .withDataDir(data)
                .withKafka(stack.bootstrapServers(), stack.schemaRegistryUrl())
                .withRange(skip, limit);
        try (Replayer replayer = new Replayer(config)) {
            return replayer.run(progress -> {
            });
        }
    }

    private static <T extends SpecificRecord> List<T> readAll(LocalStack stack, String topic, Class<T> type,
                                                              int expected, boolean committedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<T> values = AvroSerdes.value(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                stack.schemaRegistryUrl())).deserializer();
        List<T> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Callable<Integer> poll = () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(values.deserialize(topic, record.value()));
                }
                return records.size();
            };
            // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
            await(expected + " records on " + topic).atMost(TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1)).until(poll, greaterThanOrEqualTo(expected));
            // then a short while more, so that a duplicate arriving late would be seen
            await("no more than " + expected + " records on " + topic).during(SETTLE).atMost(SETTLE.multipliedBy(2))
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(poll, equalTo(expected));
        }
        return records;
    }

    private static JsonNode get(int port, String path) throws Exception {
        return new ObjectMapper().readTree(getText(port, path));
    }

    private static String getText(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** The value of one series in a Prometheus text page. */
    private static double sample(String page, String series) {
        return page.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no series " + series + " in /metrics"));
    }

}
