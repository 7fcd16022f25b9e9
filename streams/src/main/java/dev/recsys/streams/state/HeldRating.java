package dev.recsys.streams.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A rating held back because its movie was not in the catalogue yet: the record as it arrived (key, value, headers,
 * timestamp), where it came from, and since when it waits (wall-clock ms).
 */
public record HeldRating(byte[] key, byte[] value, Headers headers, long timestamp, String topic, int partition,
                         long offset, long heldSinceMs) {

    /** The binary form in the store and its changelog. */
    public static final class HeldRatingSerde implements Serde<HeldRating> {
        private static final byte FORMAT = 1;

        @Override
        public Serializer<HeldRating> serializer() {
            return (topic, held) -> held == null ? null : write(held);
        }

        @Override
        public Deserializer<HeldRating> deserializer() {
            return (topic, bytes) -> bytes == null ? null : read(bytes);
        }

        private static byte[] write(HeldRating held) {
            byte[] source = held.topic().getBytes(StandardCharsets.UTF_8);
            Header[] headers = held.headers().toArray();
            int size = 1 + bytesSize(held.key()) + bytesSize(held.value()) + 3 * Long.BYTES + Integer.BYTES
                    + bytesSize(source) + Integer.BYTES;
            for (Header header : headers) {
                size += bytesSize(header.key().getBytes(StandardCharsets.UTF_8)) + bytesSize(header.value());
            }
            ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT);
            putBytes(out, held.key());
            putBytes(out, held.value());
            out.putLong(held.timestamp()).putLong(held.offset()).putLong(held.heldSinceMs())
                    .putInt(held.partition());
            putBytes(out, source);
            out.putInt(headers.length);
            for (Header header : headers) {
                putBytes(out, header.key().getBytes(StandardCharsets.UTF_8));
                putBytes(out, header.value());
            }
            return out.array();
        }

        private static HeldRating read(byte[] bytes) {
            try {
                ByteBuffer in = ByteBuffer.wrap(bytes);
                byte format = in.get();
                if (format != FORMAT) {
                    throw new SerializationException("held rating of unknown format " + format);
                }
                byte[] key = getBytes(in);
                byte[] value = getBytes(in);
                long timestamp = in.getLong();
                long offset = in.getLong();
                long heldSince = in.getLong();
                int partition = in.getInt();
                String topic = new String(getBytes(in), StandardCharsets.UTF_8);
                int count = in.getInt();
                List<Header> headers = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    headers.add(new RecordHeader(new String(getBytes(in), StandardCharsets.UTF_8), getBytes(in)));
                }
                return new HeldRating(key, value, new RecordHeaders(headers), timestamp, topic, partition, offset,
                        heldSince);
            } catch (RuntimeException e) {
                throw e instanceof SerializationException s ? s
                        : new SerializationException("held rating of " + bytes.length + " bytes does not decode", e);
            }
        }

        private static int bytesSize(byte[] bytes) {
            return Integer.BYTES + (bytes == null ? 0 : bytes.length);
        }

        private static void putBytes(ByteBuffer out, byte[] bytes) {
            out.putInt(bytes == null ? -1 : bytes.length);
            if (bytes != null) {
                out.put(bytes);
            }
        }

        private static byte[] getBytes(ByteBuffer in) {
            int length = in.getInt();
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return bytes;
        }
    }
}
