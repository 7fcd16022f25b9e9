package dev.recsys.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes JSON responses. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private Json() {
    }

    static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        sendRaw(exchange, status, bytes(body));
    }

    static void sendRaw(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, new Views.Error(message));
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
