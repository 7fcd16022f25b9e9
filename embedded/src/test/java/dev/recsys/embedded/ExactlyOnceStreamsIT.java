package dev.recsys.embedded;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streams service runs with exactly_once_v2: a stateful topology (repartition, changelog, transactional
 * output) must run on the one-node broker, and a read_committed reader must see each count exactly once.
 */
@WithKafka
class ExactlyOnceStreamsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void statefulTopologyRunsWithExactlyOnceV2(KafkaBroker broker) throws Exception {
        // Under the build directory: Kafka Streams warns about state kept where the OS may clear it.
        Path stateDir = Path.of("target", "streams-state", UUID.randomUUID().toString()).toAbsolutePath();
        broker.createTopic("eos-ratings", 2);
        broker.createTopic("eos-counts", 2);
        try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers(), Map.of())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("eos-ratings", "user-" + (i % 3), "movie-" + i));
            }
        }

        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(countsPerUser(), streamsConfig(broker, stateDir))) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("streams reached RUNNING").isTrue();

            awaitCommittedCounts(broker, Map.of("user-0", 10L, "user-1", 10L, "user-2", 10L));
        } finally {
            Utils.delete(stateDir.toFile());
        }
    }

    private static org.apache.kafka.streams.Topology countsPerUser() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("eos-ratings", Consumed.with(Serdes.String(), Serdes.String()).withName("ratings-source"))
                .groupByKey(Grouped.with("by-user", Serdes.String(), Serdes.String()))
                .count(Named.as("count-ratings"), Materialized.as("ratings-per-user"))
                .toStream(Named.as("counts-stream"))
                .to("eos-counts", Produced.with(Serdes.String(), Serdes.Long()).withName("counts-sink"));
        return builder.build();
    }

    private static Properties streamsConfig(KafkaBroker broker, Path stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-eos-it");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return config;
    }

    /** Reads committed counts until each user's latest is the expected one; fails with the latest after the wait. */
    private static void awaitCommittedCounts(KafkaBroker broker, Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.LongDeserializer");
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(withStringKeys(broker, config))) {
            consumer.subscribe(List.of("eos-counts"));
            // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
            await().atMost(WAIT).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .untilAsserted(() -> {
                        for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(200))) {
                            latest.put(record.key(), record.value());
                        }
                        assertThat(latest).as("latest committed counts").isEqualTo(expected);
                    });
        }
    }

    private static Map<String, Object> withStringKeys(KafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "eos-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.StringDeserializer");
        return config;
    }
}
