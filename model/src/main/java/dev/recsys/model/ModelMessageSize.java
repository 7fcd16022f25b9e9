package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a published model weighs at a catalogue size: the payload, what it is made of, the records it is split into
 * and how long encoding and decoding take. The weights do not change the size much (DL4J writes every float; deflate
 * saves little on trained or random floats alike), so an untrained model of the default architecture stands for a
 * trained one and takes a second to build rather than an hour to train.
 *
 * @param movies           catalogue size
 * @param payloadBytes     the whole payload (every chunk's together)
 * @param tableBytes       per parameter table, 4 bytes a float, largest first: where the payload comes from
 * @param chunks           records the model is published as
 * @param largestRecordBytes the largest record's value: a chunk's payload and envelope in the registry's wire format
 * @param encodeMs         {@link ModelCodec#toUpdate} and {@link ModelChunks#split}
 * @param decodeMs         {@link ModelChunks.Assembly} and {@link ModelCodec#fromUpdate}
 */
public record ModelMessageSize(int movies, long payloadBytes, Map<String, Long> tableBytes, int chunks,
                               long largestRecordBytes, double encodeMs, double decodeMs) {

    /** Builds the default architecture over {@code movies} movies and measures its message. */
    public static ModelMessageSize measure(int movies, int maxRecordBytes) throws InvalidModelException {
        return measure(untrained(ModelConfig.defaults(), movies), maxRecordBytes, decoded -> {
        });
    }

    /** Measures the model's message; {@code decoded} gets the model read back from it. */
    static ModelMessageSize measure(HybridModel model, int maxRecordBytes, Consumer<HybridModel> decoded)
            throws InvalidModelException {
        long start = System.nanoTime();
        ModelUpdate whole = ModelCodec.toUpdate(model, 1, null, List.of(), 0, Map.of());
        List<ModelUpdate> chunks = ModelChunks.split(whole, maxRecordBytes);
        double encodeMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        ModelChunks.Assembly assembly = new ModelChunks.Assembly();
        ModelUpdate assembled = null;
        for (ModelUpdate chunk : chunks) {
            assembled = assembly.add(chunk).orElse(assembled);
        }
        if (assembled == null) {
            throw new InvalidModelException("the chunks of the measured model did not assemble");
        }
        HybridModel loaded = ModelCodec.fromUpdate(assembled);
        double decodeMs = (System.nanoTime() - start) / 1e6;
        decoded.accept(loaded);
        // the registry's wire format: a magic byte and the schema id before the Avro binary
        long largest = chunks.stream().mapToLong(c -> ModelChunks.encodedSize(c) + 5L).max().orElse(0);
        return new ModelMessageSize(model.movies().size(), whole.getPayload().remaining(), tableBytes(model), chunks.size(), largest,
                encodeMs, decodeMs);
    }

    /** A freshly initialised model of the configuration over movie ids 1..movies, no genres. */
    public static HybridModel untrained(ModelConfig config, int movies) {
        int[] ids = new int[movies];
        for (int i = 0; i < movies; i++) {
            ids[i] = i + 1;
        }
        ComputationGraph rating = ModelFactory.rating(config, movies + 1, 3.5);
        MultiLayerNetwork ranking = config.ranking() ? ModelFactory.ranking(config, movies) : null;
        return new HybridModel(rating, ranking, IdMap.of(ids), new int[movies], config, 0.5f, 1f);
    }

    /** Every parameter table of both networks, named layer/param, in bytes at 4 a float; largest first. */
    static Map<String, Long> tableBytes(HybridModel model) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Layer layer : model.rating().getLayers()) {
            layer.paramTable().forEach((param, values) ->
                    sizes.put("rating/" + layer.conf().getLayer().getLayerName() + "/" + param, 4 * values.length()));
        }
        if (model.ranking() != null) {
            for (int i = 0; i < model.ranking().getnLayers(); i++) {
                int index = i;
                model.ranking().getLayer(i).paramTable().forEach((param, values) ->
                        sizes.put("ranking/" + index + "/" + param, 4 * values.length()));
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
