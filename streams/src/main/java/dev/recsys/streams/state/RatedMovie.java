package dev.recsys.streams.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One entry of a user's history in the {@code user-ratings} store: the rating, its event time and its place in the
 * user's history ({@code sequence}, higher is newer; a re-rating gets a new one), which orders the entries when the
 * history is read back.
 */
public record RatedMovie(float rating, long eventTime, int sequence) {

    /** 17 bytes: a format byte, rating (float), event time (long), sequence (int). */
    public static final class RatedMovieSerde implements Serde<RatedMovie> {
        static final byte FORMAT = 1;
        static final int BYTES = 1 + Float.BYTES + Long.BYTES + Integer.BYTES;

        @Override
        public Serializer<RatedMovie> serializer() {
            return (topic, rated) -> rated == null ? null : ByteBuffer.allocate(BYTES).put(FORMAT)
                    .putFloat(rated.rating()).putLong(rated.eventTime()).putInt(rated.sequence()).array();
        }

        @Override
        public Deserializer<RatedMovie> deserializer() {
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                if (bytes.length != BYTES || bytes[0] != FORMAT) {
                    throw new SerializationException("a rated movie is " + BYTES + " bytes of format " + FORMAT
                            + ", got " + bytes.length + " bytes" + (bytes.length > 0 ? " of format " + bytes[0] : ""));
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
                return new RatedMovie(buffer.getFloat(), buffer.getLong(), buffer.getInt());
            };
        }
    }
}
