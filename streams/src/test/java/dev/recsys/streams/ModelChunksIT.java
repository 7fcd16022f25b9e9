package dev.recsys.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.model.ModelChunks;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelMessageSize;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.serde.AppSerdes;
import dev.recsys.streams.topology.AppCounters.ModelOutcome;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of MovieLens 25M's catalogue (62,423 movies, the default architecture: 210 MB) on a real broker, in chunks
 * of at most the model topic's 16 MiB, written in one transaction as the trainer writes them. Published before the app
 * starts, it is put back together by the restore and applied; a later version with a corrupt chunk and one with a
 * chunk missing are rejected while it keeps serving.
 */
@WithKafka
class ModelChunksIT {
    private static final String SCOPE = "ModelChunksIT";
    private static final int ML25M_MOVIES = 62_423;
    /** Loading 210 MB takes about a minute on a quiet machine; a busy one made it five. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static AppSerdes serdes;

    @BeforeAll
    static void topics(KafkaBroker broker) {
        MockSchemaRegistry.drop(SCOPE);
        ItStack.createTopics(broker, 1);
        serdes = AppSerdes.avro(SerdeConfig.registry("mock://" + SCOPE, null));
    }

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void aChunkedModelAtMovieLens25mSizeIsAppliedAndBrokenVersionsLeaveItServing(KafkaBroker broker,
                                                                                 @TempDir Path state)
            throws Exception {
        ModelUpdate whole = ModelCodec.toUpdate(ModelMessageSize.untrained(ModelConfig.defaults(), ML25M_MOVIES), 1,
                null, List.of(), 0, Map.of("val_mse", 0.9));
        List<ModelUpdate> v1 = ModelChunks.split(whole, Topics.MAX_MODEL_BYTES);
        List<ModelUpdate> v2 = corrupt(versioned(v1, 2), v1.size() / 2);
        List<ModelUpdate> v3 = new ArrayList<>(versioned(v1, 3));
        v3.remove(1);
        // a chunk after the missing one is what tells the version is incomplete
        assertThat(v1.size()).as("chunks of version 1").isGreaterThan(2);

        try (KafkaProducer<String, ModelUpdate> producer = new KafkaProducer<>(producerProps(broker),
                new StringSerializer(), serdes.modelUpdate().serializer())) {
            producer.initTransactions();
            publish(producer, v1);
            try (StreamsApp app = StreamsApp.start(ItStack.settings(broker, SCOPE, "model-chunks-it", state, 0))) {
                await("version 1 from its chunks").atMost(TIMEOUT).until(() -> app.models().currentVersion() == 1);
                assertThat(app.models().currentOrNull().scorer().movieCount()).isEqualTo(ML25M_MOVIES);

                publish(producer, v2);
                publish(producer, v3);

                await("the corrupt version rejected").atMost(TIMEOUT)
                        .until(() -> app.counters().modelUpdates(ModelOutcome.REJECTED) == 1);
                await("the version with a chunk missing given up").atMost(TIMEOUT)
                        .until(() -> app.counters().modelUpdates(ModelOutcome.INCOMPLETE) == 1);
                assertThat(app.models().currentVersion()).as("the last good version keeps serving").isEqualTo(1);
                assertThat(app.counters().modelUpdates(ModelOutcome.APPLIED)).isEqualTo(1);
            }
        }
    }

    /** As the trainer publishes: every chunk of a version in one transaction. */
    private static void publish(KafkaProducer<String, ModelUpdate> producer, List<ModelUpdate> chunks) {
        producer.beginTransaction();
        for (ModelUpdate chunk : chunks) {
            producer.send(new ProducerRecord<>(Topics.MODEL_UPDATES,
                    ModelChunks.key(Topics.MODEL_NAME, chunk.getChunkIndex()), chunk));
        }
        producer.commitTransaction();
    }

    private static List<ModelUpdate> versioned(List<ModelUpdate> chunks, long version) {
        return chunks.stream().map(c -> ModelUpdate.newBuilder(c).setVersion(version).build()).toList();
    }

    private static List<ModelUpdate> corrupt(List<ModelUpdate> chunks, int index) {
        ByteBuffer original = chunks.get(index).getPayload().duplicate();
        byte[] bytes = new byte[original.remaining()];
        original.get(bytes);
        bytes[bytes.length / 2] ^= 0x5A;
        List<ModelUpdate> out = new ArrayList<>(chunks);
        out.set(index, ModelUpdate.newBuilder(chunks.get(index)).setPayload(ByteBuffer.wrap(bytes)).build());
        return out;
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, SCOPE);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MODEL_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MAX_MODEL_BYTES);
        return props;
    }
}
