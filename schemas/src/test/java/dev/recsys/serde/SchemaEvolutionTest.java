package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readers and writers on different schema versions, as happens during a rolling upgrade. */
class SchemaEvolutionTest {
    private static final String SCOPE = "SchemaEvolutionTest";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    private static final Schema OLD = SchemaBuilder.record("Rating").namespace("test.evolution").fields()
            .requiredInt("userId")
            .requiredFloat("rating")
            .endRecord();
    private static final Schema NEW = SchemaBuilder.record("Rating").namespace("test.evolution").fields()
            .requiredInt("userId")
            .requiredFloat("rating")
            .name("comment").type().stringType().stringDefault("no comment")
            .name("weight").type().nullable().doubleType().noDefault()
            .endRecord();

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void dataWrittenWithTheOldSchemaReadsWithTheNewReaderAndItsDefaults() {
        GenericRecord old = new GenericData.Record(OLD);
        old.put("userId", 17);
        old.put("rating", 3.5f);
        byte[] bytes = serializer().serialize("ratings", old);
        AvroDeserializer<GenericRecord> reader = AvroDeserializer.withReaderSchema(newReaderWithNullableDefault());
        reader.configure(CONFIG, false);

        GenericRecord read = reader.deserialize("ratings", bytes);

        assertThat(read.getSchema().getFields()).extracting(Schema.Field::name)
                .containsExactly("userId", "rating", "comment", "weight");
        assertThat(read.get("userId")).isEqualTo(17);
        assertThat(read.get("rating")).isEqualTo(3.5f);
        assertThat(read.get("comment").toString()).isEqualTo("no comment");
        assertThat(read.get("weight")).isNull();
    }

    @Test
    void aNewReaderWithoutDefaultsCannotReadOldDataAndSaysWhy() {
        GenericRecord old = new GenericData.Record(OLD);
        old.put("userId", 17);
        old.put("rating", 3.5f);
        byte[] bytes = serializer().serialize("ratings", old);
        AvroDeserializer<GenericRecord> reader = AvroDeserializer.withReaderSchema(NEW);
        reader.configure(CONFIG, false);

        assertThatThrownBy(() -> reader.deserialize("ratings", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot be read as test.evolution.Rating")
                .hasMessageContaining("weight");
    }

    @Test
    void theGeneratedClassReadsDataFromANewerWriterThatAddedAField() {
        Schema newer = HttpRegistryRoundTripTest.ratingEventWithTags();
        GenericRecord written = new GenericData.Record(newer);
        RatingEvent expected = Fixtures.rating(3, 4, 5f, 6);
        for (Schema.Field field : RatingEvent.getClassSchema().getFields()) {
            written.put(field.name(), field.name().equals("eventTime") ? expected.getEventTime().toEpochMilli()
                    : expected.get(field.pos()));
        }
        written.put("tags", "rewatch");
        byte[] bytes = serializer().serialize("ratings", written);

        RatingEvent read = AvroSerdes.value(RatingEvent.class, CONFIG).deserializer().deserialize("ratings", bytes);

        assertThat(read).isEqualTo(expected);
    }

    private static Schema newReaderWithNullableDefault() {
        return SchemaBuilder.record("Rating").namespace("test.evolution").fields()
                .requiredInt("userId")
                .requiredFloat("rating")
                .name("comment").type().stringType().stringDefault("no comment")
                .name("weight").type().optional().doubleType()
                .endRecord();
    }

    private static AvroSerializer<GenericRecord> serializer() {
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        return serializer;
    }
}
