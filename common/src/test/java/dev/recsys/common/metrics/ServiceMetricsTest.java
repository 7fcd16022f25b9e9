package dev.recsys.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** A real Kafka consumer's metrics through the registry; the consumer is never polled, so no broker is needed. */
class ServiceMetricsTest {
    private static final String CLIENT = "recsys-test-reader";

    @Test
    void aBoundKafkaClientsMetricsAreScrapedUnderMicrometersNames() {
        try (ServiceMetrics metrics = new ServiceMetrics(); KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            metrics.bindKafka((scheduler, every) -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, every));

            assertThat(metrics.scrape().lines()).anyMatch(line -> line.startsWith(
                    "kafka_consumer_fetch_manager_records_lag_max{client_id=\"" + CLIENT + "\",kafka_version=\""));
        }
    }

    @Test
    void closingRemovesTheKafkaMeters() {
        ServiceMetrics metrics = new ServiceMetrics();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            metrics.bindKafka((scheduler, every) -> new KafkaClientMetrics(consumer, Tags.empty(), scheduler, every));
            assertThat(metrics.registry().getMeters()).isNotEmpty();

            metrics.close();

            assertThat(metrics.registry().getMeters()).isEmpty();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", "127.0.0.1:9", "client.id", CLIENT),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
