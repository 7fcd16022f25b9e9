package dev.recsys.trainer.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.recsys.trainer.TrainerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The trainer's HTTP API, JSON: {@code GET /status} (what it is doing, see {@link TrainerStatus}) and
 * {@code GET /health} (200 while the service runs, 503 once it failed or stopped: what a container health check or
 * an orchestrator's liveness probe asks).
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<TrainerStatus> status;

    private StatusServer(HttpServer server, Supplier<TrainerStatus> status) {
        this.server = server;
        this.status = status;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trainer-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Binds and starts serving; port 0 picks a free one (see {@link #port()}). */
    public static StatusServer start(String host, int port, Supplier<TrainerStatus> status) throws IOException {
        StatusServer server = new StatusServer(HttpServer.create(new InetSocketAddress(host, port), 0), status);
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
                default -> send(exchange, 404, error("no such resource: " + path + " (try /status or /health)"));
            }
        } catch (RuntimeException e) {
            LOG.warn("status request failed: {}", e.toString());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        TrainerStatus now = status.get();
        boolean up = !"failed".equals(now.state()) && !"stopped".equals(now.state());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", now.state());
        if (now.error() != null) {
            body.put("error", now.error());
        }
        send(exchange, up ? 200 : 503, body);
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
