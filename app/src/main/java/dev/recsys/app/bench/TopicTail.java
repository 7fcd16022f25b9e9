package dev.recsys.app.bench;

import dev.recsys.serde.AvroDeserializer;
import dev.recsys.serde.SerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.IntegerDeserializer;

/**
 * One topic read from the beginning by a plain consumer of its own, as any client of the project would read it
 * (integer keys, Avro values through the registry, read_committed), each value handed to a sink on the tail's
 * thread. A failure stops the tail and is kept for {@link #failure()}.
 */
final class TopicTail<V> implements AutoCloseable {
    private final KafkaConsumer<Integer, V> consumer;
    private final Consumer<V> sink;
    private final Thread thread;
    private volatile Throwable failure;

    TopicTail(String topic, String bootstrapServers, String registryUrl, Consumer<V> sink) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, IntegerDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(SerdeConfig.SPECIFIC_AVRO_READER, true);
        // streams writes exactly once, in transactions: only committed lists count, as a client would see them
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props);
        this.sink = sink;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "online-bench-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<Integer, V> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null) {
                        sink.accept(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() ended the poll
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Why the tail stopped reading, or null while it reads. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
