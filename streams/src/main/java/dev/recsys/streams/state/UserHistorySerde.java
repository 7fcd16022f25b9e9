package dev.recsys.streams.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A small binary format for {@link UserHistory} in the store and its changelog: a format byte, the entry count, then
 * per entry movie id (int), rating (float) and event time (long), 16 bytes an entry. Hand-written rather than Avro
 * because the value is internal, written on every rating and needs no registry round trip.
 */
public final class UserHistorySerde implements Serde<UserHistory> {
    static final byte FORMAT_V1 = 1;
    private static final int HEADER_BYTES = 1 + Integer.BYTES;
    private static final int ENTRY_BYTES = Integer.BYTES + Float.BYTES + Long.BYTES;

    @Override
    public Serializer<UserHistory> serializer() {
        return (topic, history) -> history == null ? null : write(history);
    }

    @Override
    public Deserializer<UserHistory> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(UserHistory history) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + history.size() * ENTRY_BYTES);
        buffer.put(FORMAT_V1).putInt(history.size());
        for (int i = 0; i < history.size(); i++) {
            buffer.putInt(history.movieId(i)).putFloat(history.rating(i)).putLong(history.eventTime(i));
        }
        return buffer.array();
    }

    static UserHistory read(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            byte format = buffer.get();
            if (format != FORMAT_V1) {
                throw new SerializationException("unknown user history format " + format);
            }
            int size = buffer.getInt();
            if (size < 0 || buffer.remaining() != size * ENTRY_BYTES) {
                throw new SerializationException("user history of " + bytes.length + " bytes cannot hold " + size
                        + " entries");
            }
            int[] ids = new int[size];
            float[] ratings = new float[size];
            long[] times = new long[size];
            for (int i = 0; i < size; i++) {
                ids[i] = buffer.getInt();
                ratings[i] = buffer.getFloat();
                times[i] = buffer.getLong();
            }
            return new UserHistory(ids, ratings, times);
        } catch (BufferUnderflowException e) {
            throw new SerializationException("truncated user history of " + bytes.length + " bytes", e);
        }
    }
}
