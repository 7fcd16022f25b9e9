package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure is a SerializationException (or a ConfigException at configure) that says what went wrong. */
class SerdeErrorsTest {
    private static final String SCOPE = "SerdeErrorsTest";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void anUnreachableRegistryNamesTheUrlAndTheSubjectQuickly() throws IOException {
        String url = "http://127.0.0.1:" + HttpRegistryRoundTripTest.closedPort();
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(
                () -> serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4))));

        assertThat(thrown).isInstanceOf(SerializationException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("subject 'ratings-value'")
                .hasMessageContaining("unreachable");
    }

    @Test
    void anUnreachableRegistryWhenReadingNamesTheUrlAndTheSchemaId() throws IOException {
        String url = "http://127.0.0.1:" + HttpRegistryRoundTripTest.closedPort();
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(
                () -> serde.deserializer().deserialize("ratings", new byte[] {0, 0, 0, 0, 9, 2})));

        assertThat(thrown).isInstanceOf(SerializationException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("schema id 9")
                .hasMessageContaining("'ratings'");
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws IOException {
        // a listening socket that never accepts: the TCP handshake completes in the backlog, no answer ever comes
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            Map<String, Object> config = new HashMap<>();
            config.put(SerdeConfig.SCHEMA_REGISTRY_URL, url);
            config.put(SerdeConfig.HTTP_READ_TIMEOUT_MS, 300);
            Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);

            long start = System.nanoTime();
            Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(
                    () -> serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4))));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(thrown).isInstanceOf(SerializationException.class)
                    .hasMessageContaining(url)
                    .hasMessageContaining("subject 'ratings-value'")
                    .hasMessageContaining("Timeout");
        }
    }

    @Test
    void aWrongMagicByteIsReportedWithTheByte() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        // JSON text written by a string serializer: {"user
        byte[] json = {0x7b, 0x22, 0x75, 0x73, 0x65, 0x72};

        assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("'ratings'");
    }

    @Test
    void anUnknownSchemaIdIsReportedWithTheId() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", new byte[] {0, 0, 0, 0x10, 0x00, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 4096")
                .hasMessageContaining("40403");
    }

    @Test
    void aPayloadShorterThanTheHeaderIsTooShort() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes")
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void aTruncatedRecordIsACorruptPayloadNotACrash() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);
        byte[] whole = serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4));

        for (int length = 5; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", cut))
                    .as("cut to %d bytes", length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id 1");
        }
    }

    @Test
    void anIncompatibleSchemaIsRefusedNamingTheSubject() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);
        serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4));
        Schema renamed = SchemaBuilder.record("RatingEvent").namespace("dev.recsys.schemas").fields()
                .requiredInt("userId").requiredInt("itemId").endRecord();
        GenericRecord record = new GenericData.Record(renamed);
        record.put("userId", 1);
        record.put("itemId", 2);
        AvroSerializer<GenericRecord> generic = new AvroSerializer<>();
        generic.configure(CONFIG, false);

        assertThatThrownBy(() -> generic.serialize("ratings", record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("subject 'ratings-value'")
                .hasMessageContaining("itemId");
    }

    @Test
    void aMissingRequiredFieldIsASerializationErrorNotANullPointer() {
        RatingEvent broken = new RatingEvent(1, 2, 3f, Instant.ofEpochMilli(0), null, 4L);
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        assertThatThrownBy(() -> serde.serializer().serialize("ratings", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.recsys.schemas.RatingEvent")
                .hasMessageContaining("source");
    }

    @Test
    void aValueThatIsNotAvroIsRefused() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);

        assertThatThrownBy(() -> serializer.serialize("ratings", new java.util.Date()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.util.Date");
    }

    @Test
    void aSpecificReaderWithoutTheGeneratedClassSaysWhichClass() {
        Schema foreign = SchemaBuilder.record("Missing").namespace("com.example").fields().requiredInt("x").endRecord();
        GenericRecord record = new GenericData.Record(foreign);
        record.put("x", 1);
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        AvroDeserializer<Object> specific = new AvroDeserializer<>();
        specific.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                SerdeConfig.SPECIFIC_AVRO_READER, true), false);
        byte[] bytes = serializer.serialize("foreign", record);

        assertThatThrownBy(() -> specific.deserialize("foreign", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("com.example.Missing");
    }

    @Test
    void readingAnotherTypeIntoAGeneratedClassIsRefused() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        byte[] movie = serializer.serialize("movies", Fixtures.movie());
        Serde<RatingEvent> ratings = AvroSerdes.value(RatingEvent.class, CONFIG);

        assertThatThrownBy(() -> ratings.deserializer().deserialize("movies", movie))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("dev.recsys.schemas.Movie")
                .hasMessageContaining("cannot be read as dev.recsys.schemas.RatingEvent");
    }

    @Test
    void unconfiguredSerdesSaySo() {
        assertThatThrownBy(() -> new AvroSerializer<RatingEvent>().serialize("ratings", Fixtures.rating(1, 2, 3f, 4)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("before configure()");
        assertThatThrownBy(() -> new AvroDeserializer<RatingEvent>().deserialize("ratings", new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("before configure()");
    }

    @Test
    void badConfigurationFailsAtConfigure() {
        assertThatThrownBy(() -> AvroSerdes.value(RatingEvent.class, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.SCHEMA_REGISTRY_URL);
        assertThatThrownBy(() -> AvroSerdes.value(RatingEvent.class,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> AvroSerdes.value(RatingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://a",
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.AUTO_REGISTER_SCHEMAS);
        assertThatThrownBy(() -> AvroSerdes.value(RatingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                "http://localhost:8081", SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SerdeConfig.BASIC_AUTH_USER_INFO);
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
