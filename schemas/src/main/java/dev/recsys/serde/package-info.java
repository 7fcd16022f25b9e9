/**
 * Avro values in Confluent's wire format, compatible with Confluent's KafkaAvroSerializer/Deserializer and Schema
 * Registry, without their dependencies.
 *
 * <h2>Wire format</h2>
 * Byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian), the rest the Avro binary encoding of the value
 * with the writer schema. Null is written as null (a tombstone). Subjects follow TopicNameStrategy:
 * {@code <topic>-value} and {@code <topic>-key}.
 *
 * <h2>Use</h2>
 * In a service, build serdes in one place and pass them on:
 * <pre>{@code
 * Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081");
 * Serde<RatingEvent> ratings = AvroSerdes.value(RatingEvent.class, config);
 * }</pre>
 * In a plain client, name the classes and put the serde settings beside the client's own:
 * <pre>{@code
 * value.serializer=dev.recsys.serde.AvroSerializer
 * value.deserializer=dev.recsys.serde.AvroDeserializer
 * schema.registry.url=http://registry-1:8081,http://registry-2:8081
 * specific.avro.reader=true
 * basic.auth.credentials.source=USER_INFO
 * basic.auth.user.info=user:password
 * }</pre>
 * In tests, {@code schema.registry.url=mock://<scope>} selects an in-memory registry shared by every serde of the
 * JVM that names the same scope; {@code MockSchemaRegistry.drop(scope)} empties it.
 *
 * <h2>Settings</h2>
 * See {@link dev.recsys.serde.SerdeConfig}: {@code auto.register.schemas} (default true) registers the writer
 * schema; when false the schema must already be registered under the subject and is looked up.
 * {@code use.latest.version=true} writes with the subject's latest version, resolving the record into it as a
 * reader would (fields it lacks take their defaults); the latest version is fetched once per serializer, or every
 * {@code latest.cache.ttl.sec}. {@code http.connect.timeout.ms} (5000) and {@code http.read.timeout.ms} (10000)
 * bound each request; on a connection failure or timeout the next URL is tried.
 *
 * <h2>Errors</h2>
 * Every failure to serialize or deserialize is a Kafka {@code SerializationException} whose message says what
 * happened and where: the registry URLs and the subject when the registry is unreachable, "Unknown magic byte"
 * and the byte, an unknown schema id (registry error 40403), a payload too short for the header, a schema the
 * registry refuses as incompatible (409) with the subject, or data the reader schema cannot resolve. Bad
 * configuration is a {@code ConfigException} at configure time.
 */
package dev.recsys.serde;
