package dev.recsys.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.junit.jupiter.api.Test;

/**
 * BACKWARD guard: a consumer built from the current schemas must read whatever a producer of any released version
 * wrote. Released versions live in src/test/resources/released/v*; the current ones in src/main/avro.
 */
class SchemaCompatibilityGuardTest {
    private static final Path CURRENT = Path.of("src", "main", "avro");

    @Test
    void everyCurrentSchemaReadsEveryReleasedVersion() throws Exception {
        Map<String, Schema> current = AvscFiles.parseFolder(CURRENT);
        List<String> problems = new ArrayList<>();
        List<Path> releases = releasedVersions();

        for (Path release : releases) {
            for (Schema released : AvscFiles.parseFolder(release).values()) {
                Schema now = current.get(released.getFullName());
                if (now == null) {
                    problems.add(release.getFileName() + ": " + released.getFullName()
                            + " was released but is no longer in " + CURRENT);
                    continue;
                }
                problems.addAll(incompatibilities(release.getFileName() + ": ", now, released));
            }
        }

        assertThat(releases).as("released schema folders").isNotEmpty();
        assertThat(problems).as("current schemas that cannot read released data").isEmpty();
    }

    @Test
    void theReleasedVersionsCoverEveryTopLevelContract() throws Exception {
        Map<String, Schema> v1 = AvscFiles.parseFolder(releasedVersions().get(0));

        assertThat(v1.keySet()).contains(RatingEvent.getClassSchema().getFullName(),
                Movie.getClassSchema().getFullName(), User.getClassSchema().getFullName(),
                Recommendations.getClassSchema().getFullName(), ModelUpdate.getClassSchema().getFullName());
    }

    @Test
    void theGuardNamesTheFieldThatBreaksCompatibility() {
        Schema released = RatingEvent.getClassSchema();
        Schema withRequiredField = SchemaBuilder.record("RatingEvent").namespace("dev.recsys.schemas").fields()
                .requiredInt("userId").requiredInt("movieId").requiredFloat("rating")
                .requiredLong("eventTime").requiredString("source").requiredLong("sequence")
                .requiredString("device")
                .endRecord();
        Schema narrowedType = SchemaBuilder.record("RatingEvent").namespace("dev.recsys.schemas").fields()
                .requiredInt("userId").requiredInt("movieId").requiredFloat("rating")
                .requiredInt("eventTime").requiredString("source").requiredLong("sequence")
                .endRecord();

        assertThat(incompatibilities("", withRequiredField, released)).singleElement().asString()
                .contains("RatingEvent.device").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(incompatibilities("", narrowedType, released)).singleElement().asString()
                .contains("RatingEvent.eventTime").contains("TYPE_MISMATCH");
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        Schema released = ModelUpdate.getClassSchema();
        String json = released.toString().replace("\"name\":\"offset\",\"type\":\"long\"",
                "\"name\":\"offset\",\"type\":\"int\"");
        Schema narrowed = new Schema.Parser().parse(json);

        assertThat(incompatibilities("", narrowed, released)).singleElement().asString()
                .contains("ModelUpdate.trainedThrough[].offset");
    }

    /** Each incompatibility as "release: Type.field.path: TYPE (detail)". */
    static List<String> incompatibilities(String prefix, Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            problems.add(prefix + fieldPath(reader, incompatibility.getLocation()) + ": "
                    + incompatibility.getType() + " (" + incompatibility.getMessage() + ")");
        }
        return problems;
    }

    /** Turns a JSON-pointer location such as /fields/3/type/items/fields/2 into ModelUpdate.trainedThrough[].offset. */
    static String fieldPath(Schema reader, String location) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema schema = reader;
        String[] tokens = location.split("/");
        for (int i = 1; i < tokens.length && schema != null; i++) {
            switch (tokens[i]) {
                case "fields" -> {
                    if (i + 1 >= tokens.length || schema.getType() != Schema.Type.RECORD) {
                        return path + " at " + location;
                    }
                    Schema.Field field = schema.getFields().get(Integer.parseInt(tokens[++i]));
                    path.append('.').append(field.name());
                    schema = field.schema();
                }
                case "type", "name", "size", "symbols" -> {
                    // the field's schema itself, or an attribute of the current type
                }
                case "items" -> {
                    path.append("[]");
                    schema = schema.getElementType();
                }
                case "values" -> {
                    path.append("{}");
                    schema = schema.getValueType();
                }
                default -> {
                    if (schema.getType() == Schema.Type.UNION && tokens[i].matches("\\d+")) {
                        schema = schema.getTypes().get(Integer.parseInt(tokens[i]));
                    } else {
                        return path + " at " + location;
                    }
                }
            }
        }
        return path.toString();
    }

    private static List<Path> releasedVersions() throws IOException, URISyntaxException {
        Path released = Path.of(SchemaCompatibilityGuardTest.class.getResource("/released").toURI());
        try (Stream<Path> folders = Files.list(released)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        }
    }
}
