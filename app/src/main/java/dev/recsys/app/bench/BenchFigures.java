package dev.recsys.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** How the benchmarks report their figures. */
final class BenchFigures {
    private BenchFigures() {
    }

    /** Each figure as a line {@code name = value} (arrays in brackets); with a json file, also the figures as JSON. */
    static void print(Map<String, Object> figures, String json) throws IOException {
        figures.forEach((name, value) -> System.out.println(name + " = "
                + (value instanceof double[] values ? Arrays.toString(values) : value)));
        write(figures, json);
    }

    /** With a json file, writes the figures into it as JSON and says so; without, does nothing. */
    static void write(Map<String, Object> figures, String json) throws IOException {
        if (json != null) {
            Path file = Path.of(json);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
            System.out.println("wrote " + file);
        }
    }
}
