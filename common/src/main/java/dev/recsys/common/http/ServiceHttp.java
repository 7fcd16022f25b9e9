package dev.recsys.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.json.JavalinJackson;
import io.javalin.router.EndpointNotFound;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP layer of a service (the streams app, the trainer): Javalin on Jetty, every answer JSON but
 * {@code /metrics}. Shared here: {@code GET /health} (200 while up, 503 once down), {@code GET /metrics} (Prometheus
 * text from the service's registry) and the errors, each a JSON body {@code {"error": "..."}} with its status: 400
 * for a malformed request (a handler throws {@code BadRequestResponse}), 404 for an unknown path (the message names
 * the paths there are), 405 for a method other than the route's (with {@code Allow}), 500 for an exception (logged
 * here with its stack trace, which the answer never carries).
 *
 * <p>Requests are served by a Jetty pool of up to {@value #MAX_THREADS} threads whose queue has no bound: a burst
 * waits, it is never turned away.
 */
public final class ServiceHttp implements AutoCloseable {
    public static final String JSON = "application/json; charset=utf-8";
    static final int MAX_THREADS = 200;
    private static final Logger log = LoggerFactory.getLogger(ServiceHttp.class);

    /** What {@code GET /health} answers: the body with 200 while the service is up, with 503 once it is down. */
    public record Health(boolean up, Object body) {
    }

    /** The body of every error. */
    public record Error(String error) {
    }

    private final Javalin app;
    private volatile List<String> paths = List.of();

    private ServiceHttp(String name, ObjectMapper json, ServiceMetrics metrics, Supplier<Health> health,
                        Consumer<JavalinConfig> routes) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.threadPool = threadPool(name);
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(json, false));
            config.routes.get("/health", ctx -> {
                Health now = health.get();
                send(ctx, now.up() ? 200 : 503, now.body());
            });
            config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
            routes.accept(config);
            config.routes.exception(HttpResponseException.class, this::answer);
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e);
            });
        });
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one, see {@link #port()}) and serves at once.
     *
     * @throws IOException when the port cannot be bound (in use, not permitted, no such address)
     *
     * @param name   names the threads ({@code <name>-http-<n>})
     * @param json   writes the JSON bodies
     * @param routes the service's own routes, e.g. {@code config -> config.routes.get("/status", handler)}; static
     *               files go in {@code config.staticFiles}
     */
    public static ServiceHttp start(String name, String host, int port, ObjectMapper json, ServiceMetrics metrics,
                                    Supplier<Health> health, Consumer<JavalinConfig> routes) throws IOException {
        ServiceHttp http = new ServiceHttp(name, json, metrics, health, routes);
        http.paths = http.app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.endpoint.method.equals(HandlerType.GET))
                .map(handler -> handler.endpoint.path).sorted().toList();
        try {
            http.app.start(host, port);
        } catch (JavalinException e) {
            http.app.stop();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw new IOException(io.getMessage(), e);
                }
            }
            throw e;
        }
        return http;
    }

    public int port() {
        return app.port();
    }

    /** Answers with the body as JSON. */
    public static void send(Context ctx, int status, Object body) {
        ctx.status(status).json(body).contentType(JSON);
    }

    /** Answers with {@code {"error": message}}. */
    public static void error(Context ctx, int status, String message) {
        send(ctx, status, new Error(message));
    }

    private void answer(HttpResponseException e, Context ctx) {
        if (e instanceof EndpointNotFound) {
            error(ctx, 404, "no such resource: " + ctx.path() + " (try " + String.join(", ", paths) + ")");
        } else if (e instanceof MethodNotAllowedResponse) {
            String allowed = e.getDetails().getOrDefault("availableMethods", "GET");
            ctx.header(Header.ALLOW, allowed);
            error(ctx, 405, ctx.method() + " is not supported on " + ctx.path() + "; only " + allowed);
        } else {
            Map<String, String> details = e.getDetails();
            error(ctx, e.getStatus(), details.isEmpty() ? e.getMessage() : e.getMessage() + " " + details);
        }
    }

    private static QueuedThreadPool threadPool(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000);
        pool.setName(name + "-http");
        // like the services' other threads: a server left open does not keep the JVM alive
        pool.setDaemon(true);
        return pool;
    }

    @Override
    public void close() {
        app.stop();
    }
}
