package dev.recsys.trainer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.recsys.metrics.PrometheusText;
import dev.recsys.trainer.TrainerStats;
import dev.recsys.trainer.TrainerStatus;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The trainer's HTTP API: {@code GET /status} (what it is doing, see {@link TrainerStatus}) and
 * {@code GET /health} (200 while the service runs, 503 once it failed or stopped: what a container health check or
 * an orchestrator's liveness probe asks), both JSON; {@code GET /metrics}, the same figures and the Kafka clients'
 * metrics (the log reader's lag among them) in Prometheus' text format.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<TrainerStatus> status;
    private final Supplier<List<Map<MetricName, ? extends Metric>>> kafkaMetrics;

    private StatusServer(HttpServer server, Supplier<TrainerStatus> status,
                         Supplier<List<Map<MetricName, ? extends Metric>>> kafkaMetrics) {
        this.server = server;
        this.status = status;
        this.kafkaMetrics = kafkaMetrics;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trainer-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /**
     * Binds and starts serving; port 0 picks a free one (see {@link #port()}).
     *
     * @param kafkaMetrics the metrics of the service's Kafka clients, as they are now (an empty list before any)
     */
    public static StatusServer start(String host, int port, Supplier<TrainerStatus> status,
                                     Supplier<List<Map<MetricName, ? extends Metric>>> kafkaMetrics)
            throws IOException {
        StatusServer server = new StatusServer(HttpServer.create(new InetSocketAddress(host, port), 0), status,
                kafkaMetrics);
        server.server.start();
        LOG.info("trainer status on http://{}:{}/status", host, server.port());
        return server;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, error("only GET is supported"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/status", "/status/" -> send(exchange, 200, status.get());
                case "/health", "/health/" -> health(exchange);
                case "/metrics" -> metrics(exchange);
                default -> send(exchange, 404,
                        error("no such resource: " + path + " (try /status, /health or /metrics)"));
            }
        } catch (RuntimeException e) {
            LOG.warn("status request failed: {}", e.toString());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        TrainerStatus now = status.get();
        boolean up = now.state().up();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", now.state());
        if (now.error() != null) {
            body.put("error", now.error());
        }
        send(exchange, up ? 200 : 503, body);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        TrainerStatus now = status.get();
        TrainerStats stats = now.stats();
        PrometheusText text = new PrometheusText()
                .add("recsys_trainer_up", "1 while the service runs (see /health), else 0",
                        now.state().up() ? 1 : 0)
                .add("recsys_trainer_training", "1 while a model is being trained", stats.training() ? 1 : 0)
                .add("recsys_trainer_caught_up", "1 once the log as it was at start has been read",
                        stats.caughtUp() ? 1 : 0)
                .add("recsys_trainer_ratings_held", "Valid ratings in memory", stats.ratingsHeld())
                .add("recsys_trainer_validation_ratings", "Of which held out to judge models",
                        stats.validationRatings())
                .add("recsys_trainer_movies_known", "Movies with genres from the movies topic", stats.moviesKnown())
                .add("recsys_trainer_new_ratings", "Ratings since the last training", now.next().newRatings())
                .add("recsys_trainer_bad_records_total", "Records skipped: undecodable or unusable",
                        stats.badRecords())
                .add("recsys_trainer_versions_published_total", "Models published by this instance",
                        stats.versionsPublished())
                .add("recsys_trainer_versions_rejected_total", "Models trained but not published (worse)",
                        stats.versionsRejected())
                .add("recsys_trainer_training_failures_total", "Retrains that failed", stats.trainingFailures())
                .add("recsys_trainer_model_version", "The last published version, 0 before the first",
                        stats.currentVersion());
        if (now.published() != null) {
            now.published().metrics().forEach((name, value) -> text.add("recsys_trainer_model_metric",
                    "The published model's figures on its validation slice", Map.of("name", name), value));
        }
        kafkaMetrics.get().forEach(text::kafka);
        text.send(exchange);
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static void send(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
