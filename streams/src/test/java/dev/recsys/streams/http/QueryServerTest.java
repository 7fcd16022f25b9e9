package dev.recsys.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.schemas.Strategy;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.topology.AppCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query server over real HTTP before Kafka Streams is attached, as it is between binding its port and the
 * start of Streams: what it says about itself, and its JSON errors. Answers from a running instance and forwarding
 * between two are in StreamsAppIT.
 */
class QueryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ModelHolder models = new ModelHolder(new FastScorerLoader());
    private final Readiness readiness = new Readiness(models);
    private ServiceMetrics metrics;
    private AppCounters counters;
    private QueryServer server;

    @BeforeEach
    void start() throws Exception {
        metrics = new ServiceMetrics();
        counters = new AppCounters(metrics.registry());
        ServingGauges.bind(metrics.registry(), models, readiness);
        server = QueryServer.start("127.0.0.1", 0, models, readiness, metrics,
                config -> config.routes.get("/counted", ctx -> ctx.json(Map.of(
                        "model", counters.recommendations(Strategy.MODEL)))));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void aUserIdThatIsNotANumberIsA400WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/users/abc/recommendations");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error(response)).isEqualTo("user id must be an integer, got 'abc'");
    }

    @Test
    void anUnknownPathIsA404WithAJsonErrorNamingTheEndpoints() throws Exception {
        HttpResponse<String> response = get("/users/1/history");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error(response)).startsWith("no such resource: /users/1/history").contains(
                "/users/{id}/recommendations", "/model", "/ready", "/health", "/metrics", "/counted");
    }

    @Test
    void aPostIsA405WithAJsonError() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/model"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(error(response)).contains("GET");
    }

    @Test
    void recommendationsAre503WithRetryAfterUntilStreamsIsAttached() throws Exception {
        HttpResponse<String> response = get("/users/1/recommendations");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(error(response)).contains("no instance owns user 1");
    }

    @Test
    void noModelYetIsA404WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/model");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(error(response)).contains("no model loaded yet");
    }

    @Test
    void notReadyIs503SayingWhatIsMissingWhileHealthIs200() throws Exception {
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("ready").asBoolean()).isFalse();
        assertThat(body.path("state").asText()).isEqualTo("CREATED");
        assertThat(body.path("missing").toString()).contains("not RUNNING", "no model loaded yet");

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("state").asText()).isEqualTo("CREATED");
    }

    @Test
    void metricsHaveTheCountersAndGaugesFromTheStart() throws Exception {
        counters.recommended(Strategy.POPULARITY);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ServiceMetrics.CONTENT_TYPE);
        assertThat(response.body().lines()).contains(
                "# TYPE recsys_recommendations_total counter",
                "recsys_recommendations_total{strategy=\"popularity\"} 1.0",
                "recsys_recommendations_total{strategy=\"model\"} 0.0",
                "recsys_dead_letters_total{reason=\"unknown_movie\"} 0.0",
                "recsys_model_updates_total{outcome=\"rejected\"} 0.0",
                "recsys_movies_skipped_total 0.0",
                "recsys_model_version -1.0",
                "recsys_model_loaded_timestamp_seconds 0.0",
                "recsys_ready 0.0");
    }

    @Test
    void routesAddedByTheCallerAreServed() throws Exception {
        counters.recommended(Strategy.MODEL);

        HttpResponse<String> response = get("/counted");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("model").asLong()).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as("only an error field: %s", response.body()).isEqualTo(1);
        return body.path("error").asText();
    }
}
