package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model too large for one record travels as chunks: records of one version, each with a slice of the payload, its
 * index, the chunk count and the whole payload's sha256; chunk 0 also carries the envelope (ids, genres, metrics,
 * hyperparameters), the others empty lists and maps. The trainer writes a version's chunks in one transaction, so a
 * reader (read_committed, one partition) sees all of them, in order, or none. A model that fits in one record is
 * published as before ({@link ModelCodec#PAYLOAD_FORMAT}, one record), which every release reads.
 *
 * <p>Keys: chunk 0 (and a model in one record) under the model name, chunk k under name#k. The model topic is
 * compacted per key: one key for all chunks would keep only the last chunk of the latest version. With a key per
 * chunk, the latest version's chunks are the latest record of their keys and stay; chunks of older versions go
 * as a newer version's chunks replace them (a leftover chunk of a longer older version stays, and is skipped).
 */
public final class ModelChunks {
    /** The format of a chunk's payload: a slice of a {@link ModelCodec#PAYLOAD_FORMAT} payload. */
    public static final String CHUNK_FORMAT = "recsys-hybrid-zip/v2-chunk";
    /** Room left in a record beside the payload and the envelope: Kafka's batch and record headers, the wire header. */
    static final int RECORD_OVERHEAD = 64 * 1024;

    private ModelChunks() {
    }

    /** The record key of chunk {@code index}: the name for chunk 0 (as a model in one record), name#index after. */
    public static String key(String modelName, int index) {
        return index == 0 ? modelName : modelName + "#" + index;
    }

    /** The model line of a record key: the key without its chunk index. */
    public static String modelName(String key) {
        int hash = key.indexOf('#');
        return hash < 0 ? key : key.substring(0, hash);
    }

    /** Whether a record key belongs to the model line: its name, or a chunk key of it. */
    public static boolean isKeyOf(String key, String modelName) {
        return key.equals(modelName) || key.startsWith(modelName + "#");
    }

    /**
     * The update as records of at most {@code maxRecordBytes} each: the update itself when it fits, otherwise chunks.
     */
    public static List<ModelUpdate> split(ModelUpdate whole, int maxRecordBytes) {
        if (whole.getChunkCount() != 1) {
            throw new IllegalArgumentException("model version " + whole.getVersion() + " is already a chunk");
        }
        ByteBuffer payload = whole.getPayload().duplicate();
        int envelope = encodedSize(ModelUpdate.newBuilder(whole).setPayload(ByteBuffer.allocate(0)).build());
        int room = maxRecordBytes - envelope - RECORD_OVERHEAD;
        if (room <= 0) {
            throw new IllegalArgumentException("model version " + whole.getVersion() + ": its envelope alone ("
                    + envelope + " bytes) does not fit in a record of " + maxRecordBytes);
        }
        if (payload.remaining() <= room) {
            return List.of(whole);
        }
        int count = (payload.remaining() + room - 1) / room;
        List<ModelUpdate> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteBuffer slice = payload.duplicate();
            slice.position(payload.position() + i * room);
            slice.limit(Math.min(payload.limit(), slice.position() + room));
            ModelUpdate.Builder chunk = ModelUpdate.newBuilder(whole).setPayload(slice.slice())
                    .setPayloadFormat(CHUNK_FORMAT).setChunkIndex(i).setChunkCount(count);
            if (i > 0) {
                chunk.setMovieIds(List.of()).setMovieGenreMasks(List.of()).setMetrics(Map.of())
                        .setHyperparameters(Map.of()).setTrainedThrough(List.of());
            }
            chunks.add(chunk.build());
        }
        return chunks;
    }

    /** The Avro binary size of an update (the registry's wire format adds 5 bytes). */
    static int encodedSize(ModelUpdate update) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<>(ModelUpdate.class).write(update, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    /** Why a version's chunks were given up: a chunk missing, out of order, of another version, or malformed. */
    public record Rejection(long version, String reason) {
    }

    /**
     * Puts chunks back together, one version at a time, as a single reader sees them in log order. A version is
     * complete when its chunks 0 to n-1 arrived one after the other; anything else (a chunk missing, a chunk of
     * another version in between, a leftover chunk of an older version) gives that version up, reported to the
     * listener, and the next chunk 0 starts afresh. The sha256 is checked by {@link ModelCodec#fromUpdate} on the
     * assembled update, so a corrupt chunk is rejected there.
     */
    public static final class Assembly {
        private final Consumer<Rejection> rejected;
        private final List<ByteBuffer> parts = new ArrayList<>();
        private ModelUpdate first;
        // the version last given up: its further chunks are dropped without a second report
        private ModelUpdate givenUp;

        public Assembly(Consumer<Rejection> rejected) {
            this.rejected = rejected;
        }

        /** Reports nothing: for measurements. */
        Assembly() {
            this(r -> {
            });
        }

        /**
         * Takes the next record of the log; returns the update as if published in one record once it is complete
         * (a model in one record at once), empty while chunks are missing or when the record was given up.
         */
        public Optional<ModelUpdate> add(ModelUpdate record) {
            int count = record.getChunkCount();
            int index = record.getChunkIndex();
            if (count <= 1) {
                abandonInProgress("version " + record.getVersion() + " follows before it is complete");
                givenUp = null;
                return Optional.of(record);
            }
            if (index < 0 || index >= count || !CHUNK_FORMAT.equals(record.getPayloadFormat())) {
                abandonInProgress("a malformed chunk follows");
                rejected.accept(new Rejection(record.getVersion(), "chunk " + index + " of " + count + " in format '"
                        + record.getPayloadFormat() + "' is not a chunk this reader knows"));
                return Optional.empty();
            }
            if (index == 0) {
                abandonInProgress("version " + record.getVersion() + " starts before it is complete");
                givenUp = null;
                first = record;
            } else if (first == null || !sameVersion(first, record) || parts.size() != index) {
                if (first == null && givenUp != null && sameVersion(givenUp, record)) {
                    return Optional.empty();
                }
                abandonInProgress("chunk " + index + " of version " + record.getVersion() + " follows");
                if (givenUp == null || !sameVersion(givenUp, record)) {
                    rejected.accept(new Rejection(record.getVersion(), "chunk " + index + " of " + count
                            + " arrived without the chunks before it"));
                    givenUp = record;
                }
                return Optional.empty();
            }
            parts.add(record.getPayload());
            if (parts.size() < count) {
                return Optional.empty();
            }
            ModelUpdate whole = ModelUpdate.newBuilder(first).setPayload(concatenated())
                    .setPayloadFormat(ModelCodec.PAYLOAD_FORMAT).setChunkIndex(0).setChunkCount(1).build();
            reset();
            return Optional.of(whole);
        }

        /** Whether chunks of a version are waiting for the rest. */
        public boolean inProgress() {
            return first != null;
        }

        private void abandonInProgress(String why) {
            if (first != null) {
                rejected.accept(new Rejection(first.getVersion(), "only " + parts.size() + " of "
                        + first.getChunkCount() + " chunks arrived in order: " + why));
                givenUp = first;
                reset();
            }
        }

        private static boolean sameVersion(ModelUpdate a, ModelUpdate b) {
            return a.getVersion() == b.getVersion() && a.getChunkCount() == b.getChunkCount()
                    && a.getSha256().equals(b.getSha256());
        }

        private ByteBuffer concatenated() {
            int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
            byte[] all = new byte[size];
            int at = 0;
            for (ByteBuffer part : parts) {
                int n = part.remaining();
                part.duplicate().get(all, at, n);
                at += n;
            }
            return ByteBuffer.wrap(all);
        }

        private void reset() {
            first = null;
            parts.clear();
        }
    }
}
