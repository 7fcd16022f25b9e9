package dev.recsys.app.bench;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.common.topics.Topics;
import dev.recsys.model.InvalidModelException;
import dev.recsys.model.ModelMessageSize;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench model-size}: what the default model weighs on the model topic at a catalogue size (by
 * default MovieLens 25M's): its payload, the parameter tables it is made of, the records it is published as and the
 * largest of them ({@code model_message_bytes}), and the time to encode and to decode it. No broker: the records are
 * measured as the registry's serde writes them.
 */
@Command(name = "model-size", description = "Size of the model's message at a catalogue size, and its encode and "
        + "decode time.")
public final class ModelSizeBench implements Callable<Integer>, Validated {
    @Mixin
    private HelpOption help;

    @Option(names = "--movies", paramLabel = "N", defaultValue = "62423",
            description = "Catalogue size (default: ${DEFAULT-VALUE}, MovieLens 25M's).")
    private int movies;

    @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "" + Topics.MAX_MODEL_BYTES,
            description = "The model topic's largest record (default: ${DEFAULT-VALUE}).")
    private int maxRecordBytes;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private String json;

    @Override
    public void validate() {
        Validated.require(movies >= 1, "--movies must be at least 1, got " + movies);
        Validated.require(maxRecordBytes >= 1024 * 1024, "--max-record-bytes must be at least 1 MiB, got "
                + maxRecordBytes);
    }

    @Override
    public Integer call() throws IOException {
        System.err.printf("bench model-size: the default model over %,d movies...%n", movies);
        ModelMessageSize size;
        try {
            size = ModelMessageSize.measure(movies, maxRecordBytes);
        } catch (InvalidModelException e) {
            System.err.println("bench model-size: " + e.getMessage());
            return 1;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("movies", size.movies());
        figures.put("payload_bytes", size.payloadBytes());
        figures.put("model_records", size.chunks());
        figures.put("model_message_bytes", size.largestRecordBytes());
        figures.put("encode_ms", Math.round(size.encodeMs()));
        figures.put("decode_ms", Math.round(size.decodeMs()));
        size.tableBytes().forEach((table, bytes) -> figures.put("table_bytes." + table, bytes));
        BenchFigures.print(figures, json);
        return 0;
    }
}
