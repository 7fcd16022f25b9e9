package dev.recsys.streams.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** {@link MovieStats} as 16 bytes: count (long), sum (double). */
public final class MovieStatsSerde implements Serde<MovieStats> {
    private static final int BYTES = Long.BYTES + Double.BYTES;

    @Override
    public Serializer<MovieStats> serializer() {
        return (topic, stats) -> stats == null ? null
                : ByteBuffer.allocate(BYTES).putLong(stats.count()).putDouble(stats.sum()).array();
    }

    @Override
    public Deserializer<MovieStats> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != BYTES) {
                throw new SerializationException("movie stats need " + BYTES + " bytes, got " + bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new MovieStats(buffer.getLong(), buffer.getDouble());
        };
    }
}
