package dev.recsys.app.bench;

import dev.recsys.common.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code recommendations} as a read_committed consumer from the current end and records, per record, how long
 * ago its rating was sent. Streams gives an output record the timestamp of the input record that caused it, and the
 * replay's producer stamps each rating with its send time (CreateTime), so that difference is the end-to-end latency:
 * producer batching, the broker, the app, its transaction commit and the consumer's fetch, all included.
 */
final class PipelineLatency implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private final List<long[]> chunks = new ArrayList<>();
    private long[] current = new long[1 << 16];
    private int used;
    private volatile long firstSentMs = Long.MAX_VALUE;
    private volatile long lastReceivedMs;
    private volatile boolean running = true;

    PipelineLatency(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(Topics.RECOMMENDATIONS)) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);  // pin the start now, before anything is sent
        this.thread = new Thread(this::poll, "pipeline-latency");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                record(now - record.timestamp());
                if (record.timestamp() < firstSentMs) {
                    firstSentMs = record.timestamp();
                }
                lastReceivedMs = now;
                count.incrementAndGet();
            }
        }
    }

    private synchronized void record(long latencyMs) {
        if (used == current.length) {
            chunks.add(current);
            current = new long[current.length];
            used = 0;
        }
        current[used++] = latencyMs;
    }

    long count() {
        return count.get();
    }

    /** Records per second from the first rating's send to the last recommendation's arrival. */
    double eventsPerSecond() {
        long millis = lastReceivedMs - firstSentMs;
        return millis <= 0 ? 0 : count.get() * 1000.0 / millis;
    }

    /** Latency percentile in milliseconds, such as 0.5 or 0.99. */
    synchronized double percentileMs(double p) {
        int total = chunks.size() * current.length + used;
        if (total == 0) {
            return Double.NaN;
        }
        long[] all = new long[total];
        int n = 0;
        for (long[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, n, chunk.length);
            n += chunk.length;
        }
        System.arraycopy(current, 0, all, n, used);
        Arrays.sort(all);
        return all[Math.max(0, (int) Math.ceil(p * total) - 1)];
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        consumer.close();
    }
}
