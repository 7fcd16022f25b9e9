package dev.recsys.ingest.replay;

import static org.awaitility.Awaitility.await;

import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.IntegerDeserializer;

/**
 * Reads what was appended to a topic since a mark: the tests of one class share a broker and the replay writes to
 * fixed topic names, so each test looks only at its own records.
 */
final class TopicTail<V extends SpecificRecord> implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<Integer, V> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> mark;

    TopicTail(String bootstrapServers, String registryUrl, String topic, Class<V> type) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(props, new IntegerDeserializer(),
                AvroSerdes.value(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl)).deserializer());
        this.partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        this.mark = consumer.endOffsets(partitions);
    }

    int partitionCount() {
        return partitions.size();
    }

    /** Every record appended since construction, per partition in offset order, partitions in order. */
    List<ConsumerRecord<Integer, V>> sinceMark() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        consumer.assign(partitions);
        mark.forEach(consumer::seek);
        List<ConsumerRecord<Integer, V>> records = new ArrayList<>();
        // the consumer is not thread-safe: poll it in this thread, and as soon as the last poll returned
        await("the end offsets of " + topic).atMost(Duration.ofSeconds(60)).pollInSameThread()
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                    return reached(end);
                });
        records.removeIf(r -> r.offset() >= end.get(new TopicPartition(topic, r.partition())));
        return records;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
