package dev.recsys.app.bench;

import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.EmbeddedKafka;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.replay.ProducerSettings;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.AvroSerializer;
import dev.recsys.serde.SerdeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;

/**
 * The bare-producer side of the ingest benchmark: the replay's ratings, serialized once up front, sent as byte
 * arrays by a plain producer with the replay's settings, so the difference is exactly the replay's own work.
 */
final class IngestBenchRaw {
    static final String TOPIC = "bench-raw-ratings";

    private final ReplayConfig config;
    private final List<byte[]> keys;
    private final List<byte[]> values;

    private IngestBenchRaw(ReplayConfig config, List<byte[]> keys, List<byte[]> values) {
        this.config = config;
        this.keys = keys;
        this.values = values;
    }

    static IngestBenchRaw prepare(ReplayConfig config, EmbeddedKafka kafka) {
        kafka.createTopic(TOPIC, config.partitions(), Map.of());
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (IntegerSerializer keySerializer = new IntegerSerializer();
             AvroSerializer<RatingEvent> valueSerializer = new AvroSerializer<>()) {
            valueSerializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl()), false);
            MovieLensReader.open(config.dataDir()).ratings(event -> {
                keys.add(keySerializer.serialize(TOPIC, event.getUserId()));
                values.add(valueSerializer.serialize(Topics.RATINGS, event));
            }, ErrorSink.ignore());
        }
        return new IngestBenchRaw(config, keys, values);
    }

    double meanValueBytes() {
        return values.stream().mapToInt(v -> v.length).average().orElse(0);
    }

    /** Sends the first {@code count} records (cycling if needed) and returns records per second to the last ack. */
    double send(long count) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerSettings.producer(config),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // one record first, so that metadata and the producer id are fetched outside the timing, as the
            // replay has them before its first rating (it sends the catalogue first)
            producer.send(new ProducerRecord<>(TOPIC, keys.get(0), values.get(0)));
            producer.flush();
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                int at = (int) (i % values.size());
                producer.send(new ProducerRecord<>(TOPIC, keys.get(at), values.get(at)));
            }
            producer.flush();
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }
}
