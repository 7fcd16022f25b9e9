package dev.recsys.serde;

import dev.recsys.serde.registry.RegisteredSchema;
import dev.recsys.serde.registry.CompatibilityLevel;
import dev.recsys.serde.registry.SchemaRegistryClient;
import dev.recsys.serde.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/** The configured half of {@link AvroSerializer}: picks the schema id for a value and writes the wire format. */
final class AvroWriter {
    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final long latestTtlNanos;
    private final ConcurrentMap<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    // Ids per subject and schema, whatever the client caches: a registry call per record would cost more than
    // the encoding (Schema caches its hash, and the same instance compares equal at once).
    private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CachedLatest> latestBySubject = new ConcurrentHashMap<>();
    private final ConcurrentMap<Conversion, DatumReader<Object>> conversions = new ConcurrentHashMap<>();

    AvroWriter(SchemaRegistryClient registry, boolean isKey, boolean autoRegister, boolean useLatestVersion,
               long latestTtlSeconds) {
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
        this.latestTtlNanos = latestTtlSeconds < 0 ? Long.MAX_VALUE : latestTtlSeconds * 1_000_000_000L;
    }

    byte[] write(String topic, Object datum) {
        String subject = WireFormat.subject(topic, isKey);
        Schema schema = AvroSchemas.of(datum);
        Object value = datum instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : datum;
        if (useLatestVersion) {
            return writeAsLatest(topic, subject, schema, value);
        }
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = ids.get(key);
        if (id == null) {
            id = autoRegister ? register(subject, schema) : lookUp(subject, schema);
            ids.put(key, id);
        }
        return encode(topic, id, writerFor(value, schema), value);
    }

    private int register(String subject, Schema schema) {
        try {
            return registry.register(subject, schema);
        } catch (SchemaRegistryException e) {
            throw failure("register schema " + schema.getFullName(), subject, e);
        }
    }

    private int lookUp(String subject, Schema schema) {
        try {
            return registry.getId(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '"
                        + subject + "' and auto.register.schemas=false: register it first (" + e.getMessage() + ")", e);
            }
            throw failure("look up schema " + schema.getFullName(), subject, e);
        }
    }

    // use.latest.version: write with the subject's latest schema even where the record's own schema is older, by
    // resolving the record into the latest schema exactly as a reader would (fields it lacks take their defaults).
    private byte[] writeAsLatest(String topic, String subject, Schema schema, Object value) {
        RegisteredSchema latest = latest(subject);
        if (latest.schema().equals(schema)) {
            return encode(topic, latest.id(), writerFor(value, schema), value);
        }
        DatumReader<Object> resolver = conversions.computeIfAbsent(new Conversion(schema, latest.id()),
                key -> resolver(subject, schema, latest));
        try {
            byte[] own = encode(topic, 0, writerFor(value, schema), value);
            Object resolved = resolver.read(null, DecoderFactory.get()
                    .binaryDecoder(own, WireFormat.HEADER_SIZE, own.length - WireFormat.HEADER_SIZE, null));
            return encode(topic, latest.id(), writerFor(resolved, latest.schema()), resolved);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not convert " + schema.getFullName() + " to version "
                    + latest.version() + " of subject '" + subject + "': " + e.getMessage(), e);
        }
    }

    private static DatumReader<Object> resolver(String subject, Schema schema, RegisteredSchema latest) {
        SchemaPairCompatibility check = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
        if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version=true but the record's schema " + schema.getFullName()
                    + " cannot be written as version " + latest.version() + " (id " + latest.id() + ") of subject '"
                    + subject + "': " + String.join("; ", CompatibilityLevel.describe(check)));
        }
        return new GenericDatumReader<>(schema, latest.schema(), GenericData.get());
    }

    private RegisteredSchema latest(String subject) {
        CachedLatest cached = latestBySubject.get(subject);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAtNanos() < latestTtlNanos) {
            return cached.version();
        }
        try {
            RegisteredSchema version = registry.latestVersion(subject);
            latestBySubject.put(subject, new CachedLatest(version, now));
            return version;
        } catch (SchemaRegistryException e) {
            throw failure("fetch the latest schema (use.latest.version=true)", subject, e);
        }
    }

    private DatumWriter<Object> writerFor(Object value, Schema schema) {
        return writers.computeIfAbsent(new WriterKey(value.getClass(), schema), key -> newWriter(value, schema));
    }

    private static DatumWriter<Object> newWriter(Object value, Schema schema) {
        // generated classes carry their own SpecificData with the logical-type conversions (Instant, LocalDate)
        if (value instanceof SpecificRecordBase record) {
            return new SpecificDatumWriter<>(schema, record.getSpecificData());
        }
        if (value instanceof SpecificRecord || value instanceof Enum<?>) {
            return new SpecificDatumWriter<>(schema, SpecificData.getForClass(value.getClass()));
        }
        return new GenericDatumWriter<>(schema, GenericData.get());
    }

    private static byte[] encode(String topic, int id, DatumWriter<Object> writer, Object value) {
        try {
            return WireFormat.encode(id, writer, value);
        } catch (IOException | RuntimeException e) {
            // Avro reports a missing required field as a NullPointerException naming the field: pass its words on
            throw new SerializationException("Could not serialize " + AvroSchemas.of(value).getFullName()
                    + " for topic '" + topic + "': " + e, e);
        }
    }

    private static SerializationException failure(String action, String subject, SchemaRegistryException e) {
        if (e.errorCode() == SchemaRegistryException.INCOMPATIBLE_SCHEMA) {
            return new SerializationException("Schema being registered is incompatible with an earlier schema under"
                    + " subject '" + subject + "' (registry error 409): " + e.getMessage(), e);
        }
        return new SerializationException("Could not " + action + " under subject '" + subject + "': "
                + e.getMessage(), e);
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record WriterKey(Class<?> type, Schema schema) {
    }

    private record Conversion(Schema from, int toId) {
    }

    private record CachedLatest(RegisteredSchema version, long fetchedAtNanos) {
    }
}
