package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MockRoundTripTest {
    private static final String SCOPE = "MockRoundTripTest";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    static Stream<SpecificRecord> records() {
        return Fixtures.everyRecord();
    }

    @ParameterizedTest
    @MethodSource("records")
    @SuppressWarnings("unchecked")
    void everyRecordRoundTripsThroughTheSpecificSerde(SpecificRecord record) {
        Serde<SpecificRecord> serde = AvroSerdes.value((Class<SpecificRecord>) record.getClass(), CONFIG);

        byte[] bytes = serde.serializer().serialize("topic", record);
        SpecificRecord back = serde.deserializer().deserialize("topic", bytes);

        assertThat(back).isEqualTo(record).isNotSameAs(record);
        assertThat(MockSchemaRegistry.forScope(SCOPE).subjects()).containsExactly("topic-value");
    }

    @Test
    void plainClientsFindTheGeneratedClassByTheWriterSchemaName() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        AvroDeserializer<Object> specific = new AvroDeserializer<>();
        specific.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                SerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        AvroDeserializer<Object> generic = new AvroDeserializer<>();
        generic.configure(CONFIG, false);
        RatingEvent rating = Fixtures.rating(1, 2, 3.5f, 4);

        byte[] bytes = serializer.serialize("ratings", rating);

        assertThat(specific.deserialize("ratings", bytes)).isEqualTo(rating);
        Object read = generic.deserialize("ratings", bytes);
        assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(RatingEvent.class);
        assertThat(((GenericRecord) read).get("movieId")).isEqualTo(2);
        assertThat(((GenericRecord) read).get("eventTime")).isEqualTo(881_250_949_004L);
    }

    @Test
    void nullIsATombstoneBothWays() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        assertThat(serde.serializer().serialize("ratings", null)).isNull();
        assertThat(serde.deserializer().deserialize("ratings", null)).isNull();
        assertThat(MockSchemaRegistry.forScope(SCOPE).subjects()).isEmpty();
    }

    @Test
    void theNoArgSerdeWorksAsKafkaStreamsBuildsADefaultSerde() {
        SpecificAvroSerde<Recommendations> serde = new SpecificAvroSerde<>();
        serde.configure(CONFIG, false);
        Recommendations recommendations = Fixtures.recommendations();

        byte[] bytes = serde.serializer().serialize("recommendations", recommendations);

        assertThat(serde.deserializer().deserialize("recommendations", bytes)).isEqualTo(recommendations);
    }

    @Test
    void primitivesAreWrittenWithPrimitiveSchemas() {
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, true);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(CONFIG, true);

        byte[] text = serializer.serialize("keys", "hybrid");
        byte[] number = serializer.serialize("numbers", 943L);

        assertThat(deserializer.deserialize("keys", text)).isEqualTo("hybrid");
        assertThat(deserializer.deserialize("numbers", number)).isEqualTo(943L);
        assertThat(MockSchemaRegistry.forScope(SCOPE).latestVersion("keys-key").schema().getType())
                .isEqualTo(Schema.Type.STRING);
    }
}
