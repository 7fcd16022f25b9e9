package dev.recsys.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API, as far as serializers use it. Ids are cached both ways
 * (schema to id per subject, id to schema), so a steady stream of records costs no request after the first.
 * On a connection failure or timeout the next URL is tried; an answer from any registry, even an error, is final.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            MEDIA_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

    private final RegistrySettings settings;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(RegistrySettings settings) {
        if (settings.isMock()) {
            throw new IllegalArgumentException("mock:// URLs are served by MockSchemaRegistry");
        }
        this.settings = settings;
        this.authorization = settings.userInfo().map(info ->
                "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = idsOf(subject).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        Schema schema = parse(answer, "schema id " + id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public int getId(String subject, Schema schema) {
        Integer cached = idsOf(subject).get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = requiredInt(answer, "id");
        remember(subject, schema, id);
        return id;
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        // not cached here: "latest" changes when someone registers; the serializer decides how long to trust it
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = requiredInt(answer, "id");
        Schema schema = schemasById.computeIfAbsent(id, unused -> parse(answer, "latest version of " + subject));
        return new RegisteredSchema(subject, id, requiredInt(answer, "version"), schema);
    }

    @Override
    public boolean testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            // older registries answer 40401 for a subject with no versions: anything may be registered there
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private JsonNode send(String method, String path, String body) {
        IOException lastFailure = null;
        for (URI base : settings.urls()) {
            URI uri = URI.create(stripTrailingSlash(base.toString()) + path);
            HttpResponse<String> response;
            try {
                response = http.send(request(method, uri, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                LOG.debug("Schema Registry at {} failed for {} {}: {}", base, method, path, e.toString());
                lastFailure = e;
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while calling the Schema Registry at " + uri, e);
            }
            return answer(method, uri, response);
        }
        throw new SchemaRegistryException("Schema Registry unreachable at " + settings.describe() + " ("
                + describe(lastFailure) + ")", lastFailure);
    }

    private HttpRequest request(String method, URI uri, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", MEDIA_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static JsonNode answer(String method, URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SchemaRegistryException(status, 50000, "Schema Registry at " + uri
                        + " answered " + method + " with a body that is not JSON: " + abbreviate(response.body()));
            }
        }
        throw error(method, uri, status, response.body());
    }

    /** Reads Confluent's error body {"error_code":40401,"message":"..."}; falls back to the status and raw body. */
    static SchemaRegistryException error(String method, URI uri, int status, String body) {
        int errorCode = status;
        String message = abbreviate(body);
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                errorCode = json.path("error_code").asInt(status);
                message = json.path("message").asText(message);
            }
        } catch (IOException e) {
            // not JSON (a proxy's HTML page, say): keep the raw body
        }
        return new SchemaRegistryException(status, errorCode, "Schema Registry error " + errorCode + " (HTTP "
                + status + ") for " + method + " " + uri.getPath() + ": " + message);
    }

    private ConcurrentMap<Schema, Integer> idsOf(String subject) {
        return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
    }

    private void remember(String subject, Schema schema, int id) {
        idsOf(subject).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static Schema parse(JsonNode answer, String what) {
        String text = answer.path("schema").asText(null);
        String type = answer.path("schemaType").asText("AVRO");
        if (text == null) {
            throw new SchemaRegistryException(200, 50000, "Schema Registry answer for " + what + " has no schema");
        }
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
                    what + " is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
                    "Schema Registry returned an unparsable Avro schema for " + what + ": " + e.getMessage());
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 50000, "Schema Registry answer lacks '" + field + "': "
                    + abbreviate(answer.toString()));
        }
        return value.intValue();
    }

    static String encode(String subject) {
        // URLEncoder is for forms: it writes a space as '+', which a path does not decode
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no URL";
        }
        // java.net.http often throws a bare ConnectException without a message; its cause says more
        Throwable cause = failure.getMessage() == null && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
