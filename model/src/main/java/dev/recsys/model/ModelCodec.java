package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.PartitionOffset;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A HybridModel to and from the ModelUpdate envelope. The payload is a zip of DL4J's model zips without updater
 * state (a consumer only scores; the trainer warm-starts with a fresh optimiser), about 4 bytes per parameter:
 * {@code rating.bin} (the rating networks' graph), {@code ranking.bin} (the ranking network, absent when the model
 * orders by predicted rating) and {@code model.properties} (the blend weight and recency chosen in training). Everything else
 * scoring needs travels in the envelope: the movie ids, genre masks and hyperparameters. No per-user rows: its size
 * grows with the catalogue, not with the users.
 */
public final class ModelCodec {
    public static final String PAYLOAD_FORMAT = "recsys-hybrid-zip/v2";
    private static final String RATING_ENTRY = "rating.bin";
    private static final String RANKING_ENTRY = "ranking.bin";
    private static final String PROPERTIES_ENTRY = "model.properties";
    // the entries of DL4J's model zip that ModelSerializer reads
    private static final String CONFIGURATION_ENTRY = "configuration.json";
    private static final String COEFFICIENTS_ENTRY = "coefficients.bin";
    private static final String BLEND_WEIGHT = "blend_weight";
    private static final String RECENCY = "recency";

    private ModelCodec() {
    }

    public static ModelUpdate toUpdate(HybridModel m, long version, Long parentVersion, List<PartitionOffset> through,
                                      long ratingsSeen, Map<String, Double> metrics) {
        byte[] payload = payload(m);
        return ModelUpdate.newBuilder()
                .setVersion(version)
                .setParentVersion(parentVersion)
                .setCreatedAt(Instant.now())
                .setTrainedThrough(new ArrayList<>(through))
                .setRatingsSeen(ratingsSeen)
                .setUserIds(List.of())
                .setMovieIds(boxed(m.movies().rawIds()))
                .setMovieGenreMasks(boxed(m.movieGenreMasks()))
                .setMetrics(Map.copyOf(metrics))
                .setHyperparameters(m.config().toMap())
                .setPayloadFormat(PAYLOAD_FORMAT)
                .setPayload(ByteBuffer.wrap(payload))
                .setSha256(sha256(payload))
                .build();
    }

    /**
     * Does once what the first decode in a process would otherwise pay for, seconds on a fresh JVM: ND4J's native
     * backend and DL4J's configuration mapper. A service calls it on a thread of its own while it starts.
     */
    public static void warmUp() {
        Nd4j.create(1);
        NeuralNetConfiguration.mapper();
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
            IdMap movies = IdMap.of(unboxed(u.getMovieIds()));
            Map<String, byte[]> entries = entries(payload, where);
            if (!entries.containsKey(RATING_ENTRY) || !entries.containsKey(PROPERTIES_ENTRY)) {
                throw new InvalidModelException(where + ": payload lacks " + RATING_ENTRY + " or " + PROPERTIES_ENTRY);
            }
            Properties properties = new Properties();
            properties.load(new ByteArrayInputStream(entries.get(PROPERTIES_ENTRY)));
            float blend = Float.parseFloat(properties.getProperty(BLEND_WEIGHT, "0"));
            // absent from models published before the recency existed: they weighed by rating only
            float recency = Float.parseFloat(properties.getProperty(RECENCY, "1"));
            MultiLayerNetwork ranking = entries.containsKey(RANKING_ENTRY)
                    ? ranking(entries.get(RANKING_ENTRY), where) : null;
            return new HybridModel(rating(entries.get(RATING_ENTRY), where), ranking, movies,
                    unboxed(u.getMovieGenreMasks()), config, blend, recency);
        } catch (IOException e) {
            throw new InvalidModelException(where + ": payload cannot be read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new InvalidModelException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The serialized model: both networks without their updaters, the blend weight and the recency. The networks'
     * entries are stored, not deflated again: DL4J's own zips are deflated already, and a second pass over 200 MB (a
     * model of MovieLens 25M) took seconds for nothing.
     */
    public static byte[] payload(HybridModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, RATING_ENTRY, network(model.rating()));
            if (model.ranking() != null) {
                stored(zip, RANKING_ENTRY, network(model.ranking()));
            }
            zip.putNextEntry(new ZipEntry(PROPERTIES_ENTRY));
            zip.write((BLEND_WEIGHT + "=" + model.blendWeight() + "\n" + RECENCY + "=" + model.recency() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize the model", e);
        }
        return out.toByteArray();
    }

    /**
     * A network as DL4J's model zip ({@code configuration.json} and {@code coefficients.bin}, as
     * {@link ModelSerializer#writeModel} writes them, which reads it back), but not deflated: the parameters are
     * floats that deflate saves 7.5% of, and at 62,423 movies deflating them took most of an encode's 18-53 s.
     */
    private static byte[] network(org.deeplearning4j.nn.api.Model network) throws IOException {
        String configuration = network instanceof MultiLayerNetwork mln
                ? mln.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) network).getConfiguration().toJson();
        INDArray params = network.params();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
                params.length() * Float.BYTES + configuration.length() + (1 << 16)));
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry(CONFIGURATION_ENTRY));
            zip.write(configuration.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(COEFFICIENTS_ENTRY));
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
            Nd4j.write(params, data);
            data.flush();
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, byte[]> entries(byte[] payload, String where) throws InvalidModelException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(payload))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(where + ": payload is not a zip (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static ComputationGraph rating(byte[] bytes, String where) throws InvalidModelException {
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
            if (graph == null || graph.getLayer(ModelFactory.HISTORY_POOL) == null
                    || graph.getLayer(ModelFactory.MOVIE_EMBEDDING) == null) {
                throw new InvalidModelException(where + ": " + RATING_ENTRY + " is not a rating network");
            }
            return graph;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(where + ": " + RATING_ENTRY + " cannot be read as a DL4J computation "
                    + "graph (" + e.getMessage() + ")", e);
        }
    }

    private static MultiLayerNetwork ranking(byte[] bytes, String where) throws InvalidModelException {
        try {
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes),
                    false);
            if (network == null || network.getnLayers() != 2) {
                throw new InvalidModelException(where + ": " + RANKING_ENTRY + " is not a ranking network");
            }
            return network;
        } catch (IOException | RuntimeException e) {
            throw new InvalidModelException(where + ": " + RANKING_ENTRY + " cannot be read as a DL4J network ("
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
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            // an assembled payload of chunks: hundreds of MiB at a large catalogue, not worth a second copy
            return buffer.array();
        }
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
