package dev.recsys.trainer.kafka;

import dev.recsys.model.ModelChunks;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.trainer.training.ModelSink;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Writes model updates to the model log and waits for the commit (acks=all, transactional): a version counts as
 * published only once the log has it, so a failed send never skips a version. A model larger than a record goes as
 * chunks ({@link ModelChunks}), all in one transaction: a reader sees every chunk of the version or none, and a
 * publish that fails half-way is aborted rather than left as a partial version. The chunks all go to the partition of
 * the model name's key, one after the other.
 */
public final class ModelPublisher implements ModelSink, AutoCloseable {
    private final Producer<String, ModelUpdate> producer;
    private final String topic;
    private final String modelName;
    private final int maxRecordBytes;

    /** Takes a producer with a transactional.id and initialises its transactions (fencing an earlier trainer's). */
    public ModelPublisher(Producer<String, ModelUpdate> producer, String topic, String modelName, int maxRecordBytes) {
        this.producer = producer;
        this.topic = topic;
        this.modelName = modelName;
        this.maxRecordBytes = maxRecordBytes;
        producer.initTransactions();
    }

    /** @return the size of the largest record written, in bytes */
    @Override
    public int publish(ModelUpdate update) throws PublishException {
        String what = "model version " + update.getVersion();
        List<ModelUpdate> records;
        try {
            records = ModelChunks.split(update, maxRecordBytes);
        } catch (IllegalArgumentException e) {
            throw new PublishException(what + " cannot be split into records of " + maxRecordBytes + " bytes: "
                    + e.getMessage(), e);
        }
        try {
            Integer partition = records.size() > 1 ? partitionOfName() : null;
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, ModelChunks.key(modelName, i),
                        records.get(i))));
            }
            // commits only if every send succeeded, and throws the first failure otherwise
            producer.commitTransaction();
            int largest = 0;
            for (Future<RecordMetadata> written : sent) {
                largest = Math.max(largest, written.get().serializedValueSize());
            }
            return largest;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            // the producer cannot go on (another trainer took over its transactional.id, or it may not write)
            throw new PublishException(what + " was not written to " + topic + " and this producer cannot write "
                    + "again: " + e.getMessage(), e);
        } catch (KafkaException e) {
            abortQuietly();
            throw new PublishException(what + " was not written to " + topic + " (" + records.size() + " records): "
                    + e.getMessage() + hint(e), e);
        } catch (ExecutionException e) {
            // not reached after a commit, which succeeds only once every record is written
            throw new PublishException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while writing " + what, e);
        } catch (RuntimeException e) {
            // serialization (registry unreachable) fails in send() itself
            abortQuietly();
            throw new PublishException(what + " could not be sent: " + e.getMessage(), e);
        }
    }

    /**
     * The partition the model name's key goes to, as the default partitioner places it: every chunk of a version goes
     * there, so that a reader meets them one after the other even when the topic has several partitions.
     */
    private int partitionOfName() {
        int partitions = producer.partitionsFor(topic).size();
        return Utils.toPositive(Utils.murmur2(modelName.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static String hint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return " (the topic's max.message.bytes or the producer's max.request.size is below --max-model-bytes:"
                        + " raise them to it)";
            }
        }
        return "";
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // no transaction in progress, or the producer failed for good: the next publish says so
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
