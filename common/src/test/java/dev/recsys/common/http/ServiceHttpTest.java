package dev.recsys.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.metrics.ServiceMetrics;
import io.javalin.http.BadRequestResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared HTTP layer over real HTTP on a loopback port. */
class ServiceHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENT = 60;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final CountDownLatch release = new CountDownLatch(1);
    private ServiceMetrics metrics;
    private ServiceHttp http;

    @BeforeEach
    void start() throws IOException {
        metrics = new ServiceMetrics();
        metrics.registry().counter("recsys.things", "kind", "good").increment(3);
        http = ServiceHttp.start("test", "127.0.0.1", 0, JSON, metrics,
                () -> new ServiceHttp.Health(up.get(), Map.of("state", up.get() ? "RUNNING" : "ERROR")),
                config -> config.routes
                        .get("/things/{id}", ctx -> {
                            int id = parse(ctx.pathParam("id"));
                            ServiceHttp.send(ctx, 200, Map.of("id", id));
                        })
                        .get("/broken", ctx -> {
                            throw new IllegalStateException("the store is gone");
                        })
                        .get("/slow", ctx -> {
                            release.await(10, TimeUnit.SECONDS);
                            ServiceHttp.send(ctx, 200, Map.of("done", true));
                        }));
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.close();
        metrics.close();
    }

    @Test
    void servesTheServicesRoutesAsJson() throws Exception {
        HttpResponse<String> response = get("/things/7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(response.body()).path("id").asInt()).isEqualTo(7);
    }

    @Test
    void aMalformedIdIsA400WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/things/seven");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error(response)).isEqualTo("id must be an integer, got 'seven'");
    }

    @Test
    void anUnknownPathIsA404WithAJsonErrorNamingThePathsThereAre() throws Exception {
        HttpResponse<String> response = get("/nothing/here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error(response)).startsWith("no such resource: /nothing/here")
                .contains("/health", "/metrics", "/things/{id}");
    }

    @Test
    void anotherMethodIsA405WithAllow() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(error(response)).contains("POST", "GET");
    }

    @Test
    void anExceptionIsA500WithAJsonErrorAndNoStackTrace() throws Exception {
        HttpResponse<String> response = get("/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error(response)).isEqualTo("internal error: java.lang.IllegalStateException: the store is gone");
        assertThat(response.body()).doesNotContain("ServiceHttpTest", "\tat ");
    }

    @Test
    void healthIs200WhileUpAnd503OnceDown() throws Exception {
        HttpResponse<String> running = get("/health");
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(running.body()).path("state").asText()).isEqualTo("RUNNING");

        up.set(false);
        HttpResponse<String> failed = get("/health");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(failed.body()).path("state").asText()).isEqualTo("ERROR");
    }

    @Test
    void metricsArePrometheusTextFromTheRegistry() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(ServiceMetrics.CONTENT_TYPE);
        assertThat(response.body().lines()).contains("# TYPE recsys_things_total counter",
                "recsys_things_total{kind=\"good\"} 3.0");
    }

    @Test
    void requestsBeyondTheIdleThreadsWaitAndAreAllAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // every request is held in its handler or queued; a health check still gets through meanwhile
        assertThat(get("/health").statusCode()).isEqualTo(200);
        release.countDown();

        for (CompletableFuture<HttpResponse<String>> response : pending) {
            assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsAnIOException() {
        assertThatThrownBy(() -> ServiceHttp.start("other", "127.0.0.1", http.port(), JSON, metrics,
                () -> new ServiceHttp.Health(true, Map.of()), config -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining(String.valueOf(http.port()));
    }

    @Test
    void closingFreesThePort() {
        int port = http.port();
        http.close();

        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
                return -1;
            }
        }).join()).isEqualTo(-1);
    }

    private static int parse(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("id must be an integer, got '" + id + "'");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + http.port() + path);
    }

    private static String error(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as("only an error field: %s", response.body()).isEqualTo(1);
        return body.path("error").asText();
    }
}
