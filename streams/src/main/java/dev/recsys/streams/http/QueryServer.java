package dev.recsys.streams.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.common.http.ServiceHttp;
import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one instance: {@code GET /users/{id}/recommendations}, {@code /users/{id}/view}, {@code /model},
 * {@code /model/versions} and {@code /ready} here,
 * {@code /health}, {@code /metrics} and the JSON errors from {@link ServiceHttp}, and whatever routes the caller adds.
 * Serving from {@link #start}, before Kafka Streams exists, so that port 0 can be resolved to the real port and
 * advertised as application.server; recommendations answer 503 until {@link #attach}.
 */
public final class QueryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelHolder models;
    private final Readiness readiness;
    private final UserEndpoints users;
    private final ServiceHttp http;

    private QueryServer(String host, int port, ModelHolder models, Readiness readiness, ServiceMetrics metrics,
                        Consumer<JavalinConfig> moreRoutes) throws IOException {
        this.models = models;
        this.readiness = readiness;
        this.users = new UserEndpoints(models);
        this.http = ServiceHttp.start("recsys-streams", host, port, JSON, metrics,
                () -> new ServiceHttp.Health(readiness.healthy(), new Views.Health(readiness.state().name())),
                config -> {
                    config.routes
                            .get("/users/{id}/recommendations",
                                    ctx -> users.recommendations(ctx, userId(ctx.pathParam("id"))))
                            .get("/users/{id}/view", ctx -> users.view(ctx, userId(ctx.pathParam("id"))))
                            .get("/model", this::model)
                            .get("/model/versions", this::modelVersions)
                            .get("/ready", this::ready);
                    moreRoutes.accept(config);
                });
    }

    /**
     * Binds the port (0 picks a free one) and serves; an IOException when the port cannot be bound.
     *
     * @param moreRoutes routes of other parts of the app, added beside these (e.g. {@code config ->
     *                   config.routes.get("/x", handler)}, static files through {@code config.staticFiles});
     *                   {@code config -> { }} for none
     */
    public static QueryServer start(String host, int port, ModelHolder models, Readiness readiness,
                                    ServiceMetrics metrics, Consumer<JavalinConfig> moreRoutes) throws IOException {
        QueryServer server = new QueryServer(host, port, models, readiness, metrics, moreRoutes);
        log.info("HTTP queries on port {}", server.port());
        return server;
    }

    public int port() {
        return http.port();
    }

    /** Connects the queries to Kafka Streams; {@code self} is this instance's application.server. */
    public void attach(Supplier<KafkaStreams> streams, HostInfo self) {
        users.attach(streams, self);
    }

    private static int userId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("user id must be an integer, got '" + id + "'");
        }
    }

    private void model(Context ctx) {
        LoadedModel model = models.currentOrNull();
        if (model == null) {
            ServiceHttp.error(ctx, 404, "no model loaded yet; recommendations come from popularity");
        } else {
            ServiceHttp.send(ctx, 200, Views.of(model));
        }
    }

    private void modelVersions(Context ctx) {
        LoadedModel model = models.currentOrNull();
        ServiceHttp.send(ctx, 200, Views.of(model == null ? null : Views.of(model), models.timeline().points()));
    }

    private void ready(Context ctx) {
        List<String> missing = readiness.missing();
        ServiceHttp.send(ctx, missing.isEmpty() ? 200 : 503,
                new Views.Readiness(missing.isEmpty(), readiness.state().name(), missing));
    }

    @Override
    public void close() {
        http.close();
    }
}
