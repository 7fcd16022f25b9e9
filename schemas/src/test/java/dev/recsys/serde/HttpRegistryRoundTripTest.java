package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.TestRegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The serde against a registry that speaks the REST API over HTTP, with basic auth. */
class HttpRegistryRoundTripTest {
    private static final String USER_INFO = "alice:s3cret";

    private TestRegistryServer server;

    @BeforeEach
    void startRegistry() throws IOException {
        server = TestRegistryServer.withBasicAuth(USER_INFO);
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    static Stream<SpecificRecord> records() {
        return Fixtures.everyRecord();
    }

    @ParameterizedTest
    @MethodSource("records")
    @SuppressWarnings("unchecked")
    void everyRecordRoundTripsAndTheIdsAreCached(SpecificRecord record) {
        Serde<SpecificRecord> serde = AvroSerdes.value((Class<SpecificRecord>) record.getClass(), config());

        byte[] first = serde.serializer().serialize("topic", record);
        SpecificRecord back = serde.deserializer().deserialize("topic", first);
        for (int i = 0; i < 5; i++) {
            assertThat(serde.deserializer().deserialize("topic", serde.serializer().serialize("topic", record)))
                    .isEqualTo(record);
        }

        assertThat(back).isEqualTo(record);
        assertThat(server.requests()).containsExactly("POST /subjects/topic-value/versions", "GET /schemas/ids/1");
    }

    @Test
    void keySerdesUseTheKeySubject() {
        Serde<RatingEvent> serde = AvroSerdes.key(RatingEvent.class, config());

        serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4));

        assertThat(server.requests()).containsExactly("POST /subjects/ratings-key/versions");
    }

    @Test
    void withoutAutoRegisterTheSchemaIsLookedUpUnderTheSubject() {
        RatingEvent rating = Fixtures.rating(1, 2, 3f, 4);
        int id = server.registry().register("ratings-value", RatingEvent.getClassSchema());
        Map<String, Object> config = config();
        config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, false);

        byte[] bytes = AvroSerdes.value(RatingEvent.class, config).serializer().serialize("ratings", rating);

        assertThat(bytes[4]).isEqualTo((byte) id);
        assertThat(server.requests()).containsExactly("POST /subjects/ratings-value");
    }

    @Test
    void withoutAutoRegisterAnUnknownSubjectIsAClearError() {
        Map<String, Object> config = config();
        config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);

        assertThatThrownBy(() -> serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'ratings-value'")
                .hasMessageContaining("auto.register.schemas=false")
                .hasMessageContaining("40401");
    }

    @Test
    void useLatestVersionWritesWithTheNewestSchemaOfTheSubject() {
        Schema v2 = ratingEventWithTags();
        server.registry().register("ratings-value", RatingEvent.getClassSchema());
        int v2Id = server.registry().register("ratings-value", v2);
        Map<String, Object> config = config();
        config.put(SerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        config.put(SerdeConfig.USE_LATEST_VERSION, true);
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);
        AvroDeserializer<Object> generic = new AvroDeserializer<>();
        generic.configure(config(), false);
        RatingEvent rating = Fixtures.rating(5, 6, 2.5f, 7);

        byte[] bytes = serde.serializer().serialize("ratings", rating);
        serde.serializer().serialize("ratings", rating);

        assertThat(bytes[4]).isEqualTo((byte) v2Id);
        GenericRecord asWritten = (GenericRecord) generic.deserialize("ratings", bytes);
        assertThat(asWritten.getSchema().getField("tags")).isNotNull();
        assertThat(asWritten.get("tags").toString()).isEqualTo("none");
        assertThat(asWritten.get("movieId")).isEqualTo(6);
        assertThat(serde.deserializer().deserialize("ratings", bytes)).isEqualTo(rating);
        assertThat(server.requests()).filteredOn(r -> r.endsWith("/versions/latest")).hasSize(1);
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409NamingTheSubject() {
        server.registry().register("ratings-value", RatingEvent.getClassSchema());
        Schema breaking = SchemaBuilder.record("RatingEvent").namespace("dev.recsys.schemas").fields()
                .requiredInt("userId").requiredString("mood").endRecord();
        GenericRecord record = new GenericData.Record(breaking);
        record.put("userId", 1);
        record.put("mood", "grumpy");
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(config(), false);

        assertThatThrownBy(() -> serializer.serialize("ratings", record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("subject 'ratings-value'")
                .hasMessageContaining("409");
    }

    @Test
    void wrongCredentialsAreAClearError() {
        Map<String, Object> config = config();
        config.put(SerdeConfig.BASIC_AUTH_USER_INFO, "alice:wrong");
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);

        assertThatThrownBy(() -> serde.serializer().serialize("ratings", Fixtures.rating(1, 2, 3f, 4)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject 'ratings-value'")
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void credentialsCanComeFromTheUrl() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, server.url().replace("http://", "http://" + USER_INFO + "@"));
        config.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL");
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);
        RatingEvent rating = Fixtures.rating(1, 2, 3f, 4);

        assertThat(serde.deserializer().deserialize("ratings", serde.serializer().serialize("ratings", rating)))
                .isEqualTo(rating);
    }

    @Test
    void aDeadUrlIsSkippedForTheNextOne() throws IOException {
        Map<String, Object> config = config();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort() + ", " + server.url());
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config);
        RatingEvent rating = Fixtures.rating(1, 2, 3f, 4);

        assertThat(serde.deserializer().deserialize("ratings", serde.serializer().serialize("ratings", rating)))
                .isEqualTo(rating);
    }

    @Test
    void anUnknownSchemaIdIsReportedAsSuch() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, config());
        byte[] payload = {0, 0, 0, 0x30, 0x39, 2, 4};

        assertThatThrownBy(() -> serde.deserializer().deserialize("ratings", payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 12345")
                .hasMessageContaining("40403")
                .hasMessageContaining("'ratings'");
    }

    static Schema ratingEventWithTags() {
        Schema current = RatingEvent.getClassSchema();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("tags", Schema.create(Schema.Type.STRING), "Free-form tags.", "none"));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, server.url());
        config.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(SerdeConfig.BASIC_AUTH_USER_INFO, USER_INFO);
        return config;
    }
}
