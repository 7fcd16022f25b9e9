package dev.recsys.streams.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.recsys.metrics.PrometheusText;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.topology.AppCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one instance: {@code GET /users/{id}/recommendations}, {@code /model}, {@code /ready} and
 * {@code /health}, all JSON, and {@code /metrics} in Prometheus' text format. Bound before Kafka Streams starts, so
 * that port 0 can be resolved to the real port and advertised as application.server.
 */
public final class QueryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final Pattern USER_PATH = Pattern.compile("/users/([^/]+)/recommendations/?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final ModelHolder models;
    private final Readiness readiness;
    private final AppCounters counters;
    private volatile RecommendationsEndpoint recommendations;
    private volatile Supplier<KafkaStreams> streams;

    private QueryServer(HttpServer server, ModelHolder models, Readiness readiness, AppCounters counters) {
        this.server = server;
        this.models = models;
        this.readiness = readiness;
        this.counters = counters;
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "recsys-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Binds the port (0 picks a free one); nothing is served until {@link #start}. */
    public static QueryServer bind(String host, int port, ModelHolder models, Readiness readiness,
                                   AppCounters counters) throws IOException {
        return new QueryServer(HttpServer.create(new InetSocketAddress(host, port), 0), models, readiness, counters);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Starts serving; {@code self} is this instance's application.server, to tell local keys from remote ones. */
    public void start(Supplier<KafkaStreams> streams, HostInfo self) {
        this.recommendations = new RecommendationsEndpoint(streams, self);
        this.streams = streams;
        server.start();
        log.info("HTTP queries on port {}", port());
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Json.error(exchange, 405, "only GET is supported");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher user = USER_PATH.matcher(path);
            if (user.matches()) {
                userRecommendations(exchange, user.group(1));
            } else if (path.equals("/model")) {
                model(exchange);
            } else if (path.equals("/ready")) {
                ready(exchange);
            } else if (path.equals("/health")) {
                health(exchange);
            } else if (path.equals("/metrics")) {
                metrics(exchange);
            } else {
                Json.error(exchange, 404, "no such resource: " + path
                        + " (try /users/{id}/recommendations, /model, /ready, /health, /metrics)");
            }
        } catch (RuntimeException e) {
            log.error("HTTP {} failed", exchange.getRequestURI(), e);
            Json.error(exchange, 500, "internal error: " + e);
        }
    }

    private void userRecommendations(HttpExchange exchange, String id) throws IOException {
        int userId;
        try {
            userId = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            Json.error(exchange, 400, "user id must be an integer, got '" + id + "'");
            return;
        }
        recommendations.handle(exchange, userId);
    }

    private void model(HttpExchange exchange) throws IOException {
        LoadedModel model = models.currentOrNull();
        if (model == null) {
            Json.error(exchange, 404, "no model loaded yet; recommendations come from popularity");
        } else {
            Json.send(exchange, 200, Views.of(model));
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        List<String> missing = readiness.missing();
        Json.send(exchange, missing.isEmpty() ? 200 : 503,
                new Views.Readiness(missing.isEmpty(), readiness.state().name(), missing));
    }

    private void health(HttpExchange exchange) throws IOException {
        Json.send(exchange, readiness.healthy() ? 200 : 503, new Views.Health(readiness.state().name()));
    }

    /** The app's counters and model, then every metric of Kafka Streams and its clients (consumer lag included). */
    private void metrics(HttpExchange exchange) throws IOException {
        PrometheusText text = new PrometheusText();
        LoadedModel model = models.currentOrNull();
        text.add("recsys_model_version", "Version of the model in use; -1 before the first", models.currentVersion());
        text.add("recsys_model_loaded_timestamp_seconds", "When the model in use was loaded (Unix time); 0 before",
                model == null ? 0 : model.loadedAt().toEpochMilli() / 1000.0);
        text.add("recsys_ready", "1 when this instance serves (see /ready), else 0", readiness.ready() ? 1 : 0);
        counters.writeTo(text);
        KafkaStreams kafkaStreams = streams == null ? null : streams.get();
        if (kafkaStreams != null) {
            text.kafka(kafkaStreams.metrics());
        }
        text.send(exchange);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
