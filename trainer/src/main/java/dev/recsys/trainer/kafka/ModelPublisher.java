package dev.recsys.trainer.kafka;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.trainer.training.ModelSink;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

import java.util.concurrent.ExecutionException;

/**
 * Writes model updates to the model log, keyed by the model line's name, and waits for the acknowledgement (acks=all,
 * idempotent): a version counts as published only once the log has it, so a failed send never skips a version.
 */
public final class ModelPublisher implements ModelSink, AutoCloseable {
    private final Producer<String, ModelUpdate> producer;
    private final String topic;
    private final String modelName;

    public ModelPublisher(Producer<String, ModelUpdate> producer, String topic, String modelName) {
        this.producer = producer;
        this.topic = topic;
        this.modelName = modelName;
    }

    @Override
    public int publish(ModelUpdate update) throws PublishException {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic, modelName, update)).get();
            return written.serializedValueSize();
        } catch (ExecutionException e) {
            String hint = e.getCause() instanceof RecordTooLargeException
                    ? " (raise --max-model-bytes, which sets the producer's max.request.size, and the topic's "
                    + "max.message.bytes to more than the model's size)" : "";
            throw new PublishException("model version " + update.getVersion() + " was not written to " + topic + ": "
                    + e.getCause().getMessage() + hint, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while writing model version " + update.getVersion(), e);
        } catch (RuntimeException e) {
            // serialization (registry unreachable) and size checks fail in send() itself
            throw new PublishException("model version " + update.getVersion() + " could not be sent: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
