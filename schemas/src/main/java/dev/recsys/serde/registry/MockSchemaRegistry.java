package dev.recsys.serde.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * An in-memory Schema Registry with the REST registry's semantics: global ids shared by identical schemas,
 * versions per subject, the same error codes, and compatibility checks on register (BACKWARD by default).
 * {@code schema.registry.url=mock://<scope>} gives every serde of the JVM that names the scope the same instance.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {
    // The scopes are JVM-wide on purpose: a producer and a consumer configured separately with the same
    // mock:// URL must see the same ids, as they would with a real registry.
    private static final ConcurrentMap<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();
    private CompatibilityLevel compatibility = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** The registry of a mock:// scope, created on first use. */
    public static MockSchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistry());
    }

    /** Forgets a scope, so that the next test using it starts from an empty registry. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    public synchronized void setCompatibility(CompatibilityLevel level) {
        this.compatibility = level;
    }

    public synchronized CompatibilityLevel compatibility() {
        return compatibility;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        RegisteredSchema existing = find(versions, schema);
        if (existing != null) {
            return existing.id();
        }
        List<String> violations = compatibility.violations(schema, schemasOf(versions));
        if (!violations.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' (" + compatibility + "): " + String.join("; ", violations));
        }
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> nextId++);
        schemasById.putIfAbsent(id, schema);
        versions.add(new RegisteredSchema(subject, id, versions.size() + 1, schema));
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound("no schema with id " + id);
        }
        return schema;
    }

    @Override
    public synchronized int getId(String subject, Schema schema) {
        return lookUp(subject, schema).id();
    }

    /** The version under which the schema is registered in the subject (what POST /subjects/{subject} answers). */
    public synchronized RegisteredSchema lookUp(String subject, Schema schema) {
        RegisteredSchema found = find(versionsOf(subject), schema);
        if (found == null) {
            throw SchemaRegistryException.schemaNotFound(schema.getFullName() + " is not registered under subject '"
                    + subject + "'");
        }
        return found;
    }

    @Override
    public synchronized RegisteredSchema latestVersion(String subject) {
        List<RegisteredSchema> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized boolean testCompatibility(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        return compatibility.violations(schema, schemasOf(versions)).isEmpty();
    }

    /** The subjects registered so far, for tests and for the test registry server. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    private List<RegisteredSchema> versionsOf(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static RegisteredSchema find(List<RegisteredSchema> versions, Schema schema) {
        String text = schema.toString();
        for (RegisteredSchema version : versions) {
            if (version.schema().toString().equals(text)) {
                return version;
            }
        }
        return null;
    }

    private static List<Schema> schemasOf(List<RegisteredSchema> versions) {
        return versions.stream().map(RegisteredSchema::schema).toList();
    }
}
