package dev.recsys.ingest.replay;

import dev.recsys.serde.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The replay's producer and admin client settings, public so that the ingest benchmark's bare producer matches them. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    /** Producer settings without serializers: durable (idempotent, acks=all) and batched for throughput. */
    public static Map<String, Object> producer(ReplayConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "recsys-ingest");
        // Idempotence with acks=all: a retried batch is written once and each partition keeps send order, which is
        // what keeps every user's ratings in order on the ratings topic.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        // A rating is ~40 bytes on the wire: 256 KiB batches and 10 ms of linger fill batches at full speed,
        // and add at most 10 ms of latency when paced.
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        // send() blocks at most this long for metadata or buffer space: an unreachable broker fails, not hangs
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.connectTimeout().toMillis());
        return props;
    }

    /** Producer settings plus what the Avro value serializer reads (schema.registry.url and friends). */
    public static Map<String, Object> avroProducer(ReplayConfig config) {
        Map<String, Object> props = producer(config);
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL, config.schemaRegistryUrl());
        props.putAll(config.registryProperties());
        return props;
    }

    public static Map<String, Object> admin(ReplayConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "recsys-ingest-admin");
        int timeout = (int) config.connectTimeout().toMillis();
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
        return props;
    }
}
