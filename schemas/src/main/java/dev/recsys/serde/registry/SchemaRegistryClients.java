package dev.recsys.serde.registry;

import java.util.Map;

/** Builds the registry client that serde configuration asks for. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    /** mock://scope gives the scope's in-memory registry; http(s):// URLs give a REST client. */
    public static SchemaRegistryClient create(Map<String, ?> config) {
        return create(RegistrySettings.from(config));
    }

    public static SchemaRegistryClient create(RegistrySettings settings) {
        if (settings.isMock()) {
            return MockSchemaRegistry.forScope(scopeOf(settings));
        }
        return new HttpSchemaRegistryClient(settings);
    }

    private static String scopeOf(RegistrySettings settings) {
        // "mock://orders" parses with authority "orders"; "mock://My_Test" has no valid host, so use the raw authority
        String spec = settings.urls().get(0).getRawSchemeSpecificPart();
        String scope = spec.startsWith("//") ? spec.substring(2) : spec;
        return scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
    }
}
