package dev.recsys.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.schemas.Strategy;
import dev.recsys.streams.TestData;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.stats.StreamSampler;
import dev.recsys.streams.topology.AppCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's routes over real HTTP, before Kafka Streams is attached: the static page and its charting library, the
 * model versions and the stream's samples. The page in a browser against a running app is WebPageIT.
 */
class WebPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ModelHolder models = new ModelHolder(new FastScorerLoader());
    private ServiceMetrics metrics;
    private AppCounters counters;
    private StreamSampler sampler;
    private QueryServer server;

    @BeforeEach
    void start() throws Exception {
        metrics = new ServiceMetrics();
        counters = new AppCounters(metrics.registry());
        sampler = new StreamSampler(counters, Map::of, Duration.ofSeconds(2), 10);
        server = QueryServer.start("127.0.0.1", 0, models, new Readiness(models), metrics,
                config -> WebPage.register(config, sampler));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void servesThePageAndItsChartingLibrary() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Already watched", "Recommended", "/webjars/uplot/", "app.js");

        HttpResponse<String> script = get("/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/users/", "/model/versions", "/stream");

        String library = page.body().replaceAll("(?s).*src=\"(/webjars/uplot/[^\"]+)\".*", "$1");
        HttpResponse<String> uplot = get(library);
        assertThat(uplot.statusCode()).as(library).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
    }

    @Test
    void modelVersionsAreEmptyBeforeTheFirstAndThenOnePerVersionOldestFirst() throws Exception {
        JsonNode before = JSON.readTree(get("/model/versions").body());
        assertThat(before.path("current").isNull()).isTrue();
        assertThat(before.path("versions")).isEmpty();

        models.timeline().published(TestData.withoutWeights(2, 0.85));
        models.timeline().published(TestData.withoutWeights(1, 0.9));
        HttpResponse<String> response = get("/model/versions");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode versions = JSON.readTree(response.body()).path("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.path(0).path("version").asLong()).isEqualTo(1);
        assertThat(versions.path(1).path("metrics").path("val_mse").asDouble()).isEqualTo(0.85);
        assertThat(versions.path(1).path("ratingsSeen").asLong()).isEqualTo(2000);
        assertThat(versions.path(1).path("createdAt").asText()).isEqualTo("1970-01-01T00:00:02Z");
    }

    @Test
    void theStreamHasOnePointPerSampleAfterTheFirst() throws Exception {
        long now = System.currentTimeMillis();
        sampler.sample(now - 2000);
        counters.recommended(Strategy.POPULARITY);
        counters.recommended(Strategy.POPULARITY);
        sampler.sample(now);

        HttpResponse<String> response = get("/stream");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("intervalMs").asLong()).isEqualTo(2000);
        assertThat(body.path("points")).hasSize(1);
        JsonNode point = body.path("points").path(0);
        assertThat(point.path("time").asText()).isEqualTo(Instant.ofEpochMilli(now).toString());
        assertThat(point.path("ratingsPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(point.path("recommendationsPerSecond").path("popularity").asDouble()).isEqualTo(1.0);
        assertThat(point.path("deadLetters").path("unknown_movie").asLong()).isZero();
        assertThat(point.path("consumerLag").isNull()).as("no lag reported yet").isTrue();
    }

    @Test
    void aUserViewIsRefusedForAnIdThatIsNotANumberAnd503UntilStreamsIsAttached() throws Exception {
        HttpResponse<String> refused = get("/users/abc/view");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").asText())
                .isEqualTo("user id must be an integer, got 'abc'");

        HttpResponse<String> early = get("/users/1/view");
        assertThat(early.statusCode()).isEqualTo(503);
        assertThat(early.headers().firstValue("Retry-After")).hasValue("1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
