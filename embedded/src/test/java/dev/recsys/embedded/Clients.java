package dev.recsys.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** String clients for the tests of this module, and a bounded poll-until-enough. */
public final class Clients {

    private Clients() {
    }

    public static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    public static KafkaConsumer<String, String> consumer(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(extra);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code expected} records arrived and returns them; fails saying how many came in {@code timeout}. */
    public static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int expected,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
        await().atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(received).as("records received").hasSizeGreaterThanOrEqualTo(expected);
                });
        return received;
    }
}
