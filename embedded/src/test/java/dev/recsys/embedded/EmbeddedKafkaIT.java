package dev.recsys.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void createsTopicWithFourPartitionsAndRoundTripsRecords() throws Exception {
        kafka.createTopic("round-trip", 4, Map.of("cleanup.policy", "delete"));

        assertThat(describe("round-trip").partitions()).hasSize(4)
                .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 200; i++) {
                producer.send(new ProducerRecord<>("round-trip", "user-" + i, "rating-" + i));
            }
            producer.flush();
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka.bootstrapServers(), Map.of())) {
            consumer.subscribe(List.of("round-trip"));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 200, WAIT);

            assertThat(received).hasSize(200);
            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> "rating-" + i).toList());
            assertThat(received.stream().map(ConsumerRecord::partition).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void aRestartKeepsTheLogAndThePortAndTheSameProducerGoesOn() throws Exception {
        try (EmbeddedKafka own = EmbeddedKafka.start();
             KafkaProducer<String, String> producer = Clients.producer(own.bootstrapServers(), Map.of())) {
            own.createTopic("restart", 2, Map.of());
            producer.send(new ProducerRecord<>("restart", "k", "before")).get();

            own.restart(Duration.ofMillis(500));

            producer.send(new ProducerRecord<>("restart", "k", "after")).get();
            try (KafkaConsumer<String, String> consumer = Clients.consumer(own.bootstrapServers(), Map.of())) {
                consumer.subscribe(List.of("restart"));
                assertThat(Clients.pollUntil(consumer, 2, WAIT)).extracting(ConsumerRecord::value)
                        .containsExactly("before", "after");
            }
        }
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        kafka.createTopic("transactions", 2, Map.of());
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "k1", "committed-1"));
            producer.send(new ProducerRecord<>("transactions", "k2", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "k3", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "k4", "committed-3"));
            producer.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka.bootstrapServers(),
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            consumer.subscribe(List.of("transactions"));
            List<ConsumerRecord<String, String>> received = Clients.pollUntil(consumer, 3, WAIT);

            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
        }
    }

    @Test
    void acceptsARecordOfTwelveMebibytes() throws Exception {
        kafka.createTopic("large-records", 1, Map.of());
        String payload = "x".repeat(12 * 1024 * 1024);
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, BrokerDefaults.MAX_MESSAGE_BYTES))) {
            RecordMetadata written = producer.send(new ProducerRecord<>("large-records", "model", payload)).get();
            assertThat(written.serializedValueSize()).isEqualTo(payload.length());
        }
        try (KafkaConsumer<String, String> consumer = Clients.consumer(kafka.bootstrapServers(), Map.of())) {
            consumer.subscribe(List.of("large-records"));
            assertThat(Clients.pollUntil(consumer, 1, WAIT)).singleElement()
                    .satisfies(record -> assertThat(record.value()).hasSize(payload.length()));
        }
    }

    @Test
    void doesNotCreateTopicsOnFirstUse() {
        try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers(),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("no-such-topic", "k", "v")).get())
                    .hasMessageContaining("not present in metadata");
        }
        assertThatThrownBy(() -> describe("no-such-topic")).hasCauseInstanceOf(
                org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class);
    }

    @Test
    void creatingAnExistingTopicAgainIsAcceptedOnlyWithTheSamePartitionCount() {
        kafka.createTopic("twice", 3, Map.of());
        kafka.createTopic("twice", 3, Map.of());

        assertThatThrownBy(() -> kafka.createTopic("twice", 5, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists with 3 partitions");
    }

    @Test
    void runsWithTheProjectBrokerDefaults() throws Exception {
        Map<String, String> expected = Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "message.max.bytes", Integer.toString(BrokerDefaults.MAX_MESSAGE_BYTES));
        try (Admin admin = admin()) {
            String nodeId = admin.describeCluster().nodes().get().iterator().next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
            Map<String, String> actual = admin.describeConfigs(Set.of(broker)).all().get().get(broker).entries()
                    .stream().filter(entry -> expected.containsKey(entry.name()))
                    .collect(Collectors.toMap(entry -> entry.name(), entry -> entry.value()));
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void closeFreesThePortSoABrokerCanStartThereAgainAndDeletesTheData() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LoopbackSockets.LOOPBACK)) {
            port = probe.getLocalPort();
        }
        EmbeddedKafka first = EmbeddedKafka.start(port, Map.of());
        Path data = first.baseDirectory();
        assertThat(first.bootstrapServers()).endsWith(":" + port);
        first.createTopic("before-restart", 1, Map.of());
        first.close();
        first.close();

        assertThat(data).doesNotExist();
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.bind(new InetSocketAddress(LoopbackSockets.LOOPBACK, port));
            assertThat(rebind.isBound()).isTrue();
        }
        try (EmbeddedKafka second = EmbeddedKafka.start(port, Map.of())) {
            second.createTopic("after-restart", 1, Map.of());
            assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
        }
        assertThatThrownBy(() -> first.createTopic("closed", 1, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void appliesBrokerOverridesAndRejectsTheOnesItOwns() throws Exception {
        assertThatThrownBy(() -> EmbeddedKafka.start(Map.of("listeners", "PLAINTEXT://0.0.0.0:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[listeners]");

        try (EmbeddedKafka custom = EmbeddedKafka.start(Map.of("log.retention.ms", "60000"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, custom.bootstrapServers()))) {
            String nodeId = admin.describeCluster().nodes().get().iterator().next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
            assertThat(admin.describeConfigs(Set.of(broker)).all().get().get(broker).get("log.retention.ms").value())
                    .isEqualTo("60000");
            assertThat(Files.exists(custom.baseDirectory())).isTrue();
        }
    }

    private static TopicDescription describe(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
