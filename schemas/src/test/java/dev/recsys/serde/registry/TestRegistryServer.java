package dev.recsys.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A Schema Registry on loopback that speaks the documented REST API for the five calls serializers make, backed by
 * a {@link MockSchemaRegistry} (so ids, versions and BACKWARD checks behave as the registry's). It answers errors
 * in Confluent's JSON shape, checks basic auth when given credentials, and records every request it served.
 */
public final class TestRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private final HttpServer server;
    private final MockSchemaRegistry registry = new MockSchemaRegistry();
    private final String expectedAuthorization;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private TestRegistryServer(String userInfo) throws IOException {
        this.expectedAuthorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A registry that needs no credentials. */
    public static TestRegistryServer start() throws IOException {
        return new TestRegistryServer(null);
    }

    /** A registry that answers 401 unless the request carries basic auth with this user:password. */
    public static TestRegistryServer withBasicAuth(String userInfo) throws IOException {
        return new TestRegistryServer(userInfo);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The registry behind the REST front, for arranging versions directly. */
    public MockSchemaRegistry registry() {
        return registry;
    }

    /** "METHOD /path" of every request served, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            requests.add(method + " " + exchange.getRequestURI().getRawPath());
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                sendError(exchange, 401, 401, "Unauthorized");
                return;
            }
            try {
                route(exchange, method, segments(exchange));
            } catch (SchemaRegistryException e) {
                sendError(exchange, e.status(), e.errorCode(), e.getMessage());
            }
        }
    }

    private void route(HttpExchange exchange, String method, List<String> path) throws IOException {
        int size = path.size();
        if (method.equals("POST") && size == 3 && path.get(0).equals("subjects") && path.get(2).equals("versions")) {
            send(exchange, 200, JSON.createObjectNode().put("id", registry.register(path.get(1), body(exchange))));
        } else if (method.equals("GET") && size == 3 && path.get(0).equals("schemas") && path.get(1).equals("ids")) {
            int id = parseId(path.get(2));
            send(exchange, 200, JSON.createObjectNode().put("schema", registry.getById(id).toString()));
        } else if (method.equals("POST") && size == 2 && path.get(0).equals("subjects")) {
            send(exchange, 200, version(registry.lookUp(path.get(1), body(exchange))));
        } else if (method.equals("GET") && size == 4 && path.get(0).equals("subjects")
                && path.get(2).equals("versions") && path.get(3).equals("latest")) {
            send(exchange, 200, version(registry.latestVersion(path.get(1))));
        } else if (method.equals("POST") && size == 5 && path.get(0).equals("compatibility")
                && path.get(1).equals("subjects") && path.get(3).equals("versions") && path.get(4).equals("latest")) {
            // like the registry, an unknown subject answers 40401 here
            registry.latestVersion(path.get(2));
            send(exchange, 200, JSON.createObjectNode().put("is_compatible",
                    registry.testCompatibility(path.get(2), body(exchange))));
        } else {
            sendError(exchange, 404, 404, "HTTP 404 Not Found");
        }
    }

    private static ObjectNode version(RegisteredSchema version) {
        return JSON.createObjectNode().put("subject", version.subject()).put("id", version.id())
                .put("version", version.version()).put("schema", version.schema().toString());
    }

    private static Schema body(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean accepted = contentType != null
                && (contentType.startsWith(MEDIA_TYPE) || contentType.startsWith("application/json"));
        if (!accepted) {
            throw new SchemaRegistryException(415, 415, "HTTP 415 Unsupported Media Type: " + contentType);
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        String text = body == null ? null : body.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryException(422, 42201,
                    "Either the input schema or one of its references is invalid");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(422, 42201, "Invalid schema: " + e.getMessage());
        }
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(404, 404, "HTTP 404 Not Found");
        }
    }

    private static List<String> segments(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawPath();
        return Arrays.stream(raw.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendError(HttpExchange exchange, int status, int errorCode, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    }
}
