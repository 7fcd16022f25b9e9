package dev.recsys.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Reads a folder of .avsc files the way the build does, and walks the named types inside schemas. */
final class AvscFiles {
    // Parsed first, as the avro-maven-plugin's <imports> do: the other files refer to these types by name.
    private static final List<String> IMPORTS = List.of("Genre.avsc", "RecommendedItem.avsc");

    private AvscFiles() {
    }

    /** The top-level schema of every .avsc file in the folder, by full name. */
    static Map<String, Schema> parseFolder(Path folder) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Path file : orderedFiles(folder)) {
            try {
                Schema schema = parser.parse(file.toFile());
                schemas.put(schema.getFullName(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /** Every record, enum and fixed type reachable from the schemas, by full name, each once. */
    static Map<String, Schema> namedTypes(Iterable<Schema> schemas) {
        Map<String, Schema> named = new LinkedHashMap<>();
        for (Schema schema : schemas) {
            collect(schema, named);
        }
        return named;
    }

    private static void collect(Schema schema, Map<String, Schema> named) {
        switch (schema.getType()) {
            case RECORD -> {
                if (named.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema(), named));
                }
            }
            case ENUM, FIXED -> named.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), named);
            case MAP -> collect(schema.getValueType(), named);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, named));
            default -> {
                // primitives carry no names
            }
        }
    }

    private static List<Path> orderedFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> avsc = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).toList());
            avsc.sort(Comparator.comparing((Path f) -> !IMPORTS.contains(f.getFileName().toString()))
                    .thenComparing(f -> f.getFileName().toString()));
            return avsc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
