package dev.recsys.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The schemas are the contract users code against: every type and every field says what it is. */
class SchemaDocsTest {

    @Test
    void everyRecordFieldAndNamedTypeHasADoc() {
        Map<String, Schema> current = AvscFiles.parseFolder(Path.of("src", "main", "avro"));
        Map<String, Schema> named = AvscFiles.namedTypes(current.values());

        assertThat(named).as("named types found").containsKeys("dev.recsys.schemas.PartitionOffset",
                "dev.recsys.schemas.Strategy", "dev.recsys.schemas.RecommendedItem");
        assertThat(undocumented(named.values())).isEmpty();
    }

    @Test
    void theCheckFindsAMissingDoc() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Sloppy", "doc": "A record.", "fields": [
                  {"name": "documented", "type": "int", "doc": "Says what it is."},
                  {"name": "blank", "type": "int", "doc": "  "},
                  {"name": "silent", "type": {"type": "enum", "name": "Mood", "symbols": ["OK"]}}]}
                """);

        assertThat(undocumented(AvscFiles.namedTypes(List.of(schema)).values()))
                .containsExactlyInAnyOrder("field Sloppy.blank", "field Sloppy.silent", "type Mood");
    }

    private static List<String> undocumented(Iterable<Schema> namedTypes) {
        List<String> missing = new ArrayList<>();
        for (Schema schema : namedTypes) {
            if (isBlank(schema.getDoc())) {
                missing.add("type " + schema.getFullName());
            }
            if (schema.getType() == Schema.Type.RECORD) {
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        missing.add("field " + schema.getFullName() + "." + field.name());
                    }
                }
            }
        }
        return missing;
    }

    private static boolean isBlank(String doc) {
        return doc == null || doc.isBlank();
    }
}
