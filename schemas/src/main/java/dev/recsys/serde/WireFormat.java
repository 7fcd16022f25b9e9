package dev.recsys.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then Avro binary. */
final class WireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    static byte[] encode(int schemaId, DatumWriter<Object> writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The schema id of a payload, after checking that it is in the wire format at all. */
    static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload of " + payload.length + " bytes on topic '" + topic
                    + "' is too short for the Confluent wire format: it needs at least " + HEADER_SIZE
                    + " bytes (magic byte and 4-byte schema id) before the Avro data");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x on topic '%s': expected 0x00,"
                    + " so this is not Confluent wire format (written by another serializer?)", payload[0], topic));
        }
        return ((payload[1] & 0xff) << 24) | ((payload[2] & 0xff) << 16) | ((payload[3] & 0xff) << 8)
                | (payload[4] & 0xff);
    }

    /** TopicNameStrategy, Confluent's default: the subject is the topic name plus -key or -value. */
    static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new SerializationException("A topic name is needed to choose the Schema Registry subject");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
