package dev.recsys.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bytes on the wire, spelled out by hand from the Avro and Confluent specifications. */
class WireFormatBytesTest {
    private static final String SCOPE = "WireFormatBytesTest";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE);

    private static final RatingEvent RATING = RatingEvent.newBuilder()
            .setUserId(7)
            .setMovieId(300)
            .setRating(4.5f)
            .setEventTime(Instant.ofEpochMilli(881_250_949_000L))
            .setSource("ml-100k/u.data")
            .setSequence(42)
            .build();

    private static final byte[] EXPECTED = bytes(
            // magic byte, then schema id 1 as a 4-byte big-endian int (the first id of an empty registry)
            0x00, 0x00, 0x00, 0x00, 0x01,
            // userId 7: zig-zag 7 -> 14, one varint byte
            0x0E,
            // movieId 300: zig-zag -> 600 = 0b100_1011000; low 7 bits 0x58 with the continuation bit, then 0x04
            0xD8, 0x04,
            // rating 4.5f: IEEE 754 0x40900000, little-endian
            0x00, 0x00, 0x90, 0x40,
            // eventTime 881250949000 ms: zig-zag -> 1762501898000 = 0x19A5D4CAF10;
            // 7-bit groups from the lowest: 0x10 0x5E 0x32 0x6A 0x25 0x33, all but the last with 0x80 set
            0x90, 0xDE, 0xB2, 0xEA, 0xA5, 0x33,
            // source: length 14, zig-zag -> 28, then the UTF-8 bytes of "ml-100k/u.data"
            0x1C, 'm', 'l', '-', '1', '0', '0', 'k', '/', 'u', '.', 'd', 'a', 't', 'a',
            // sequence 42: zig-zag -> 84
            0x54);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void ratingEventIsMagicByteSchemaIdThenAvroBinary() {
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        byte[] actual = serde.serializer().serialize("ratings", RATING);

        assertThat(actual).containsExactly(EXPECTED);
        assertThat(serde.deserializer().deserialize("ratings", EXPECTED)).isEqualTo(RATING);
    }

    @Test
    void schemaIdIsBigEndian() {
        MockSchemaRegistry registry = MockSchemaRegistry.forScope(SCOPE);
        // an id above 255 shows the byte order: fill ids 1..257 with distinct primitive-wrapping schemas
        for (int i = 0; i < 257; i++) {
            registry.register("filler-" + i, org.apache.avro.SchemaBuilder.record("Filler" + i).fields()
                    .requiredInt("f").endRecord());
        }
        Serde<RatingEvent> serde = AvroSerdes.value(RatingEvent.class, CONFIG);

        byte[] actual = serde.serializer().serialize("ratings", RATING);

        // id 258 = 0x00000102
        assertThat(actual).startsWith(0x00, 0x00, 0x00, 0x01, 0x02);
        assertThat(actual).endsWith(java.util.Arrays.copyOfRange(EXPECTED, 5, EXPECTED.length));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
