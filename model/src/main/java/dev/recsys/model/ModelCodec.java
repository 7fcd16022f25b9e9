package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.PartitionOffset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A HybridModel to and from the ModelUpdate envelope. The payload is DL4J's model zip without the updater state
 * (a consumer only scores; the trainer warm-starts with a fresh optimiser), about 4 bytes per parameter.
 * Everything scoring needs besides the weights travels in the envelope: id maps, genre masks, hyperparameters.
 */
public final class ModelCodec {
    public static final String PAYLOAD_FORMAT = "dl4j-computation-graph-zip/v1";

    private ModelCodec() {
    }

    public static ModelUpdate toUpdate(HybridModel m, long version, Long parentVersion, List<PartitionOffset> through,
                                      long ratingsSeen, Map<String, Double> metrics) {
        byte[] payload = payload(m.graph());
        return ModelUpdate.newBuilder()
                .setVersion(version)
                .setParentVersion(parentVersion)
                .setCreatedAt(Instant.now())
                .setTrainedThrough(new ArrayList<>(through))
                .setRatingsSeen(ratingsSeen)
                .setUserIds(boxed(m.users().rawIds()))
                .setMovieIds(boxed(m.movies().rawIds()))
                .setMovieGenreMasks(boxed(m.movieGenreMasks()))
                .setMetrics(Map.copyOf(metrics))
                .setHyperparameters(m.config().toMap())
                .setPayloadFormat(PAYLOAD_FORMAT)
                .setPayload(ByteBuffer.wrap(payload))
                .setSha256(sha256(payload))
                .build();
    }

    public static HybridModel fromUpdate(ModelUpdate u) throws InvalidModelException {
        String where = "model version " + u.getVersion();
        if (!PAYLOAD_FORMAT.equals(u.getPayloadFormat())) {
            throw new InvalidModelException(where + ": unsupported payload format '" + u.getPayloadFormat()
                    + "' (expected " + PAYLOAD_FORMAT + ")");
        }
        byte[] payload = bytes(u.getPayload());
        String actual = sha256(payload);
        if (!actual.equalsIgnoreCase(u.getSha256())) {
            throw new InvalidModelException(where + ": payload sha256 " + actual + " does not match the declared "
                    + u.getSha256());
        }
        if (u.getMovieGenreMasks().size() != u.getMovieIds().size()) {
            throw new InvalidModelException(where + ": " + u.getMovieGenreMasks().size() + " genre masks for "
                    + u.getMovieIds().size() + " movies");
        }
        try {
            ModelConfig config = ModelConfig.fromMap(u.getHyperparameters());
            IdMap users = IdMap.of(unboxed(u.getUserIds()));
            IdMap movies = IdMap.of(unboxed(u.getMovieIds()));
            return new HybridModel(graph(payload, where), users, movies, unboxed(u.getMovieGenreMasks()), config);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new InvalidModelException(where + ": " + e.getMessage(), e);
        }
    }

    /** The serialized network, without the updater. */
    public static byte[] payload(ComputationGraph graph) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            ModelSerializer.writeModel(graph, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize the model", e);
        }
        return out.toByteArray();
    }

    private static ComputationGraph graph(byte[] payload, String where) throws InvalidModelException {
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(payload), false);
            if (graph == null || graph.getLayer(ModelFactory.USER_EMBEDDING) == null
                    || graph.getLayer(ModelFactory.MOVIE_EMBEDDING) == null) {
                throw new InvalidModelException(where + ": payload is not a hybrid model graph");
            }
            return graph;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(where + ": payload cannot be read as a DL4J computation graph ("
                    + e.getMessage() + ")", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static List<Integer> boxed(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    private static int[] unboxed(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
