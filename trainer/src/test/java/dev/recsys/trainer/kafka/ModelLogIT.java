package dev.recsys.trainer.kafka;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.model.ModelChunks;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelLog;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.trainer.TrainerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer's publisher and its reading back of the last model, on a real broker: a model larger than a record is
 * written as chunks in one transaction and read back whole; a partial version after it (a producer that died
 * without transactions) and an aborted publish are passed over.
 */
@WithKafka
class ModelLogIT {
    private static final String SCOPE = "ModelLogIT";
    /** Small records, so that a 1 MB payload is several chunks (the service's minimum is 1 MiB). */
    private static final int RECORD_BYTES = 256 * 1024;

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void theLastCompleteVersionIsReadBackWholeFromItsChunks(KafkaBroker broker) throws Exception {
        broker.createTopic(Topics.spec(Topics.MODEL_UPDATES));
        KafkaClients clients = new KafkaClients(TrainerConfig.parse("--bootstrap-servers", broker.bootstrapServers(),
                "--schema-registry-url", "mock://" + SCOPE));
        ModelUpdate v1 = update(1, 10_000);
        ModelUpdate v2 = update(2, 1_000_000);
        List<ModelUpdate> v3 = ModelChunks.split(update(3, 1_000_000), RECORD_BYTES);

        try (ModelPublisher publisher = new ModelPublisher(new KafkaProducer<>(clients.producer(),
                new StringSerializer(), AvroSerdes.value(ModelUpdate.class, clients.serde()).serializer()),
                Topics.MODEL_UPDATES, Topics.MODEL_NAME, RECORD_BYTES)) {
            publisher.publish(v1);
            assertThat(publisher.publish(v2)).as("the largest record").isLessThanOrEqualTo(RECORD_BYTES);
        }
        Map<String, Object> plain = new HashMap<>(clients.producer());
        plain.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        try (KafkaProducer<String, ModelUpdate> raw = new KafkaProducer<>(plain, new StringSerializer(),
                AvroSerdes.value(ModelUpdate.class, clients.serde()).serializer())) {
            // half of version 3, as a producer without transactions would leave it when it died
            raw.send(new ProducerRecord<>(Topics.MODEL_UPDATES, ModelChunks.key(Topics.MODEL_NAME, 0), v3.get(0)));
            raw.send(new ProducerRecord<>(Topics.MODEL_UPDATES, ModelChunks.key(Topics.MODEL_NAME, 1), v3.get(1)))
                    .get();
        }
        Map<String, Object> aborting = new HashMap<>(clients.producer());
        aborting.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, SCOPE + "-aborted");
        try (KafkaProducer<String, ModelUpdate> producer = new KafkaProducer<>(aborting, new StringSerializer(),
                AvroSerdes.value(ModelUpdate.class, clients.serde()).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (ModelUpdate chunk : ModelChunks.split(update(4, 1_000_000), RECORD_BYTES)) {
                producer.send(new ProducerRecord<>(Topics.MODEL_UPDATES,
                        ModelChunks.key(Topics.MODEL_NAME, chunk.getChunkIndex()), chunk));
            }
            producer.flush();
            producer.abortTransaction();
        }

        Optional<ModelUpdate> latest;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.modelReader(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            latest = new ModelLog(consumer, AvroSerdes.value(ModelUpdate.class, clients.serde()).deserializer(),
                    Topics.MODEL_UPDATES).latest(Topics.MODEL_NAME);
        }

        assertThat(v3.size()).isGreaterThan(2);
        assertThat(latest).contains(v2);
    }

    private static ModelUpdate update(long version, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        new Random(version).nextBytes(payload);
        return ModelUpdate.newBuilder().setVersion(version).setParentVersion(version > 1 ? version - 1 : null)
                .setCreatedAt(Instant.ofEpochMilli(version * 1000)).setTrainedThrough(List.of()).setRatingsSeen(10)
                .setUserIds(List.of()).setMovieIds(List.of(1, 2, 3)).setMovieGenreMasks(List.of(0, 0, 0))
                .setMetrics(Map.of("val_mse", 0.9)).setHyperparameters(Map.of("variant", "default"))
                .setPayloadFormat(ModelCodec.PAYLOAD_FORMAT).setPayload(ByteBuffer.wrap(payload))
                .setSha256(ModelCodec.sha256(payload)).build();
    }
}
