package dev.recsys.embedded.junit;

import dev.recsys.embedded.Clients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@WithKafka
class KafkaExtensionIT {

    private static KafkaBroker classBroker;

    private final KafkaBroker constructorBroker;

    KafkaExtensionIT(KafkaBroker broker) {
        this.constructorBroker = broker;
    }

    @BeforeAll
    static void createSharedTopic(KafkaBroker broker) {
        classBroker = broker;
        broker.createTopic("extension-events", 2);
    }

    @BeforeEach
    void createPerTestTopic(KafkaBroker broker) {
        // Runs before every test against the same broker: creating the topic again must be harmless.
        broker.createTopic("extension-per-test", 1, Map.of("retention.ms", "600000"));
    }

    @Test
    void injectsOneBrokerPerClassEverywhere(KafkaBroker broker) {
        assertThat(broker).isSameAs(classBroker).isSameAs(constructorBroker);
        assertThat(broker.bootstrapServers()).matches("[^:]+:\\d+");
    }

    @Test
    void injectedBrokerCarriesRecordsBetweenClients(KafkaBroker broker) {
        try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>("extension-events", "42", "hello"));
            producer.flush();
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(broker.bootstrapServers(), Map.of())) {
            consumer.subscribe(List.of("extension-events"));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 1, Duration.ofSeconds(30));
            assertThat(received).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .contains(org.assertj.core.groups.Tuple.tuple("42", "hello"));
        }
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheEnclosingClassBroker(KafkaBroker broker) {
            assertThat(broker).isSameAs(classBroker);
        }
    }
}
