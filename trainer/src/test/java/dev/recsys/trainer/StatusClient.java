package dev.recsys.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs from the trainer's status server, over real HTTP, with the JSON parsed (or the text as it came). */
public final class StatusClient {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Response(int code, String contentType, JsonNode body) {
    }

    public record Text(int code, String contentType, String body) {
    }

    private StatusClient() {
    }

    public static Response get(int port, String path) {
        return send(port, path, "GET");
    }

    public static Response send(int port, String path, String method) {
        Text text = request(port, path, method);
        try {
            return new Response(text.code(), text.contentType(), MAPPER.readTree(text.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Text getText(int port, String path) {
        return request(port, path, "GET");
    }

    private static Text request(int port, String path, String method) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Text(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
