package dev.recsys.serde;

import dev.recsys.serde.registry.SchemaRegistryClient;
import dev.recsys.serde.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro values (generated records, GenericRecords, primitives) in Confluent's wire format, with the schema
 * id from the Schema Registry under the subject {@code <topic>-value} (or {@code -key}). Usable as
 * {@code value.serializer} in plain clients; configured by {@link SerdeConfig}'s names. Null is written as null,
 * so tombstones pass through.
 */
public class AvroSerializer<T> implements Serializer<T> {
    private static final Logger LOG = LoggerFactory.getLogger(AvroSerializer.class);

    private final SchemaRegistryClient givenRegistry;
    // Not final: Kafka instantiates serializers with the no-arg constructor and configures them afterwards.
    private volatile AvroWriter writer;

    public AvroSerializer() {
        this(null);
    }

    /** Uses this registry client instead of building one from schema.registry.url (which is then optional). */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.givenRegistry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient registry = givenRegistry != null ? givenRegistry : SchemaRegistryClients.create(configs);
        boolean autoRegister = SerdeConfig.getBoolean(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        boolean useLatest = SerdeConfig.getBoolean(configs, SerdeConfig.USE_LATEST_VERSION, false);
        long latestTtl = SerdeConfig.getLong(configs, SerdeConfig.LATEST_CACHE_TTL_SEC,
                SerdeConfig.DEFAULT_LATEST_CACHE_TTL_SEC);
        this.writer = new AvroWriter(registry, isKey, autoRegister, useLatest, latestTtl);
        LOG.debug("Avro {} serializer: registry {}, auto.register.schemas={}, use.latest.version={}",
                isKey ? "key" : "value", registry.getClass().getSimpleName(), autoRegister, useLatest);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        AvroWriter configured = writer;
        if (configured == null) {
            throw new SerializationException("AvroSerializer used before configure(): give it "
                    + SerdeConfig.SCHEMA_REGISTRY_URL + " through the client config, or build it with AvroSerdes");
        }
        return configured.write(topic, data);
    }
}
