package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.TestRegistryServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Plain Kafka clients configured by class name, as a user's own producer and consumer would be, through a real
 * broker and a registry reached over HTTP.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerdeRoundTripIT {
    private static final String TOPIC = "ratings-roundtrip";
    private static final int RECORDS = 1_000;
    private static final int USERS = 37;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private TestRegistryServer registry;

    @BeforeAll
    void start(KafkaBroker broker) throws IOException {
        registry = TestRegistryServer.start();
        broker.createTopic(TOPIC, 3);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    @Test
    void thousandRatingsArriveEqualAndInOrderPerUser(KafkaBroker broker) {
        List<RatingEvent> sent = ratings();
        produce(broker, sent);

        List<ConsumerRecord<Integer, RatingEvent>> received = consume(broker, RECORDS + 1);

        Map<Integer, List<RatingEvent>> sentByUser = byUser(sent);
        Map<Integer, List<RatingEvent>> receivedByUser = new LinkedHashMap<>();
        List<Integer> tombstones = new ArrayList<>();
        for (ConsumerRecord<Integer, RatingEvent> record : received) {
            if (record.value() == null) {
                tombstones.add(record.key());
                continue;
            }
            assertThat(record.key()).isEqualTo(record.value().getUserId());
            receivedByUser.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        assertThat(received).hasSize(RECORDS + 1);
        assertThat(tombstones).containsExactly(1);
        assertThat(receivedByUser.keySet()).isEqualTo(sentByUser.keySet());
        sentByUser.forEach((user, ratings) ->
                assertThat(receivedByUser.get(user)).as("user %d", user).containsExactlyElementsOf(ratings));
        assertThat(registry.registry().subjects()).containsExactly(TOPIC + "-value");
        assertThat(Set.copyOf(registry.requests()))
                .containsExactlyInAnyOrder("POST /subjects/" + TOPIC + "-value/versions", "GET /schemas/ids/1");
    }

    private void produce(KafkaBroker broker, List<RatingEvent> ratings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, IntegerSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        try (KafkaProducer<Integer, RatingEvent> producer = new KafkaProducer<>(config)) {
            for (RatingEvent rating : ratings) {
                producer.send(new ProducerRecord<>(TOPIC, rating.getUserId(), rating));
            }
            producer.send(new ProducerRecord<>(TOPIC, 1, null));
            producer.flush();
        }
    }

    private List<ConsumerRecord<Integer, RatingEvent>> consume(KafkaBroker broker, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-round-trip");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(SerdeConfig.SPECIFIC_AVRO_READER, "true");
        List<ConsumerRecord<Integer, RatingEvent>> records = new ArrayList<>();
        try (KafkaConsumer<Integer, RatingEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
            await().atMost(DEADLINE).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .untilAsserted(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        assertThat(records).as("records consumed").hasSizeGreaterThanOrEqualTo(expected);
                    });
        }
        return records;
    }

    private static List<RatingEvent> ratings() {
        Random random = new Random(42);
        List<RatingEvent> ratings = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            ratings.add(Fixtures.rating(1 + random.nextInt(USERS), 1 + random.nextInt(1682),
                    1 + random.nextInt(9) * 0.5f, i));
        }
        return ratings;
    }

    private static Map<Integer, List<RatingEvent>> byUser(List<RatingEvent> ratings) {
        Map<Integer, List<RatingEvent>> byUser = new LinkedHashMap<>();
        for (RatingEvent rating : ratings) {
            byUser.computeIfAbsent(rating.getUserId(), k -> new ArrayList<>()).add(rating);
        }
        return byUser;
    }
}
