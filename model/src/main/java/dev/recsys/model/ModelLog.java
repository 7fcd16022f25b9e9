package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the newest ModelUpdate of a model line from the model log without reading the whole log: for each
 * partition it reads the end of the log, in growing windows, until the window holds a complete update of the line
 * (a model in one record, or every chunk of a version: {@link ModelChunks}). Usually the last version is the last
 * records. The trainer reads it to continue from the last published model; streams reads it at start to load that
 * model while Kafka Streams sets itself up.
 */
public final class ModelLog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelLog.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<ModelUpdate> values;
    private final String topic;

    public ModelLog(Consumer<byte[], byte[]> consumer, Deserializer<ModelUpdate> values, String topic) {
        this.consumer = consumer;
        this.values = values;
        this.topic = topic;
    }

    /** The update of the given model line with the highest version, or empty when the log has none. */
    public Optional<ModelUpdate> latest(String modelName) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            return Optional.empty();
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        ModelUpdate best = null;
        for (TopicPartition tp : partitions) {
            ModelUpdate last = lastIn(tp, begin.get(tp), end.get(tp), modelName);
            if (last != null && (best == null || last.getVersion() > best.getVersion())) {
                best = last;
            }
        }
        consumer.unsubscribe();
        return Optional.ofNullable(best);
    }

    private ModelUpdate lastIn(TopicPartition tp, long begin, long end, String modelName) {
        long window = 1;
        long from = end;
        while (from > begin) {
            from = Math.max(begin, end - window);
            // the whole window again, up to the end: a version's chunks may straddle the previous window's start
            ModelUpdate found = lastBetween(tp, from, end, modelName);
            if (found != null) {
                return found;
            }
            window *= 2;
        }
        return null;
    }

    /** The complete update of the line with the highest version among offsets [from, to). */
    private ModelUpdate lastBetween(TopicPartition tp, long from, long to, String modelName) {
        consumer.pause(consumer.assignment());
        consumer.resume(List.of(tp));
        consumer.seek(tp, from);
        // a window that starts inside a version, and older versions that compaction left partial, are expected here
        ModelChunks.Assembly assembly = new ModelChunks.Assembly(
                r -> LOG.debug("model version {} in {} is not complete: {}", r.version(), tp, r.reason()));
        ModelUpdate best = null;
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (consumer.position(tp) < to) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out reading " + tp + " from offset " + from + " to " + to);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(tp)) {
                if (record.offset() >= to) {
                    break;
                }
                ModelUpdate update = decode(record, modelName);
                ModelUpdate complete = update == null ? null : assembly.add(update).orElse(null);
                if (complete != null && (best == null || complete.getVersion() > best.getVersion())) {
                    best = complete;
                }
            }
        }
        return best;
    }

    private ModelUpdate decode(ConsumerRecord<byte[], byte[]> record, String modelName) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.key() == null
                || !ModelChunks.isKeyOf(new String(record.key(), StandardCharsets.UTF_8), modelName)) {
            return null;
        }
        if (record.value() == null) {
            return null;
        }
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping model update {}: cannot decode it ({})", where, e.getMessage());
            return null;
        }
    }
}
