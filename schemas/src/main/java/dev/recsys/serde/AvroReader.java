package dev.recsys.serde;

import dev.recsys.serde.registry.CompatibilityLevel;
import dev.recsys.serde.registry.SchemaRegistryClient;
import dev.recsys.serde.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The configured half of {@link AvroDeserializer}: reads the schema id, fetches the writer schema, and resolves
 * the data to the reader schema (a generated class's, a given one, or the writer's own for generic reading).
 */
final class AvroReader {
    private final SchemaRegistryClient registry;
    private final boolean specific;
    private final Class<?> targetType;
    private final Schema readerSchema;
    private final ConcurrentMap<Integer, DatumReader<Object>> readersById = new ConcurrentHashMap<>();

    /**
     * @param specific     read generated classes (specific.avro.reader)
     * @param targetType   the generated class to read, or null to find it by the writer schema's name
     * @param readerSchema a reader schema for generic reading, or null to read with the writer's schema
     */
    AvroReader(SchemaRegistryClient registry, boolean specific, Class<?> targetType, Schema readerSchema) {
        this.registry = registry;
        this.specific = specific || targetType != null;
        this.targetType = targetType;
        this.readerSchema = readerSchema;
    }

    Object read(String topic, byte[] payload) {
        int id = WireFormat.schemaId(payload, topic);
        DatumReader<Object> reader = readerFor(id, topic);
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
        try {
            Object value = reader.read(null, decoder);
            // a bare string schema decodes to Utf8; callers of a String-typed deserializer expect String
            return value instanceof Utf8 utf8 ? utf8.toString() : value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode the Avro data of a " + payload.length
                    + "-byte record with schema id " + id + " on topic '" + topic + "' (truncated or corrupt?): "
                    + e, e);
        }
    }

    private DatumReader<Object> readerFor(int id, String topic) {
        DatumReader<Object> reader = readersById.get(id);
        if (reader == null) {
            // built outside computeIfAbsent: it may call the registry, which must not hold a map lock
            reader = newReader(id, writerSchema(id, topic));
            readersById.putIfAbsent(id, reader);
        }
        return reader;
    }

    private Schema writerSchema(int id, String topic) {
        try {
            return registry.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + " in a record on topic '" + topic
                        + "': the Schema Registry has no schema with that id (error 40403: " + e.getMessage() + ")", e);
            }
            throw new SerializationException("Could not fetch schema id " + id + " for a record on topic '" + topic
                    + "': " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> newReader(int id, Schema writer) {
        if (readerSchema != null) {
            requireReadable(id, writer, readerSchema);
            return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
        }
        Class<?> type = specific ? specificClass(id, writer) : null;
        if (type == null) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema classSchema = model.getSchema(type);
        requireReadable(id, writer, classSchema);
        return new SpecificDatumReader<>(writer, classSchema, model);
    }

    private Class<?> specificClass(int id, Schema writer) {
        if (targetType != null) {
            return targetType;
        }
        Schema.Type type = writer.getType();
        if (type != Schema.Type.RECORD && type != Schema.Type.ENUM && type != Schema.Type.FIXED) {
            return null;
        }
        String name = writer.getFullName();
        try {
            return Class.forName(name, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw new SerializationException("specific.avro.reader=true but there is no generated class " + name
                    + " for schema id " + id + " on the classpath", e);
        }
    }

    private static void requireReadable(int id, Schema writer, Schema reader) {
        SchemaPairCompatibility check = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Data written with schema id " + id + " (" + writer.getFullName()
                    + ") cannot be read as " + reader.getFullName() + ": "
                    + String.join("; ", CompatibilityLevel.describe(check)));
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : AvroReader.class.getClassLoader();
    }
}
