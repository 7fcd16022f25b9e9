package dev.recsys.serde;

import dev.recsys.serde.registry.SchemaRegistryClient;
import dev.recsys.serde.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Confluent wire format: the schema id picks the writer schema (fetched once per id), and the data is
 * resolved to the reader's schema. With {@code specific.avro.reader=true} (or a target class) the result is the
 * generated class, else a GenericRecord. Null bytes read as null.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    /** Confluent's names for the generated class to read, for plain clients that cannot pass a Class. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    private static final Logger LOG = LoggerFactory.getLogger(AvroDeserializer.class);

    private final SchemaRegistryClient givenRegistry;
    private final Class<?> givenType;
    private final Schema readerSchema;
    // Not final: Kafka instantiates deserializers with the no-arg constructor and configures them afterwards.
    private volatile AvroReader reader;

    public AvroDeserializer() {
        this(null, null, null);
    }

    /** Reads the given generated class whatever specific.avro.reader says. */
    public AvroDeserializer(Class<T> type) {
        this(null, type, null);
    }

    /** Uses this registry client instead of building one from schema.registry.url. */
    public AvroDeserializer(SchemaRegistryClient registry) {
        this(registry, null, null);
    }

    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this(registry, type, null);
    }

    private AvroDeserializer(SchemaRegistryClient registry, Class<?> type, Schema readerSchema) {
        this.givenRegistry = registry;
        this.givenType = type;
        this.readerSchema = readerSchema;
    }

    /** Generic reading resolved to this reader schema, as a consumer on a newer schema version reads. */
    public static AvroDeserializer<GenericRecord> withReaderSchema(Schema readerSchema) {
        return new AvroDeserializer<>(null, null, readerSchema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient registry = givenRegistry != null ? givenRegistry : SchemaRegistryClients.create(configs);
        boolean specific = SerdeConfig.getBoolean(configs, SerdeConfig.SPECIFIC_AVRO_READER, false);
        Class<?> type = givenType != null ? givenType
                : configuredType(configs, isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE);
        this.reader = new AvroReader(registry, specific, type, readerSchema);
        LOG.debug("Avro {} deserializer: registry {}, specific.avro.reader={}, type {}", isKey ? "key" : "value",
                registry.getClass().getSimpleName(), specific,
                type == null ? "from the writer schema" : type.getName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        AvroReader configured = reader;
        if (configured == null) {
            throw new SerializationException("AvroDeserializer used before configure(): give it "
                    + SerdeConfig.SCHEMA_REGISTRY_URL + " through the client config, or build it with AvroSerdes");
        }
        return (T) configured.read(topic, data);
    }

    private static Class<?> configuredType(Map<String, ?> configs, String name) {
        Object value = configs.get(name);
        if (value == null) {
            return null;
        }
        Class<?> type;
        if (value instanceof Class<?> given) {
            type = given;
        } else {
            try {
                type = Class.forName(value.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(name, value, "no such class");
            }
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name, value, "not a generated Avro SpecificRecord class");
        }
        return type;
    }
}
