package dev.recsys.serde.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Schema Registry's compatibility levels, checked with Avro's own SchemaCompatibility. BACKWARD (the registry's
 * default) means a consumer on the new schema can read data written with the previous one.
 */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /**
     * What stops the candidate from being registered after the existing versions (oldest first); empty if nothing.
     * Each entry names the location of the problem, such as /fields/2/type.
     */
    public List<String> violations(Schema candidate, List<Schema> existing) {
        if (this == NONE || existing.isEmpty()) {
            return List.of();
        }
        List<Schema> against = transitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Schema previous : against) {
            if (backward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous),
                        "new schema cannot read data written with an earlier one"));
            }
            if (forward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate),
                        "an earlier schema cannot read data written with the new one"));
            }
        }
        return problems;
    }

    private boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    private boolean backward() {
        return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    private boolean forward() {
        return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
    }

    private static List<String> describe(SchemaPairCompatibility result, String direction) {
        return describe(result).stream().map(problem -> direction + ": " + problem).toList();
    }

    /** Each incompatibility as "TYPE at /location (detail)", without the full schemas Avro's toString adds. */
    public static List<String> describe(SchemaPairCompatibility result) {
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
        return problems;
    }
}
