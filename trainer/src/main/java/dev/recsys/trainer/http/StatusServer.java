package dev.recsys.trainer.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.common.http.ServiceHttp;
import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.trainer.TrainerStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's HTTP API: {@code GET /status} (what it is doing, see {@link TrainerStatus}) and
 * {@code GET /health} (200 while the service runs, 503 once it failed or stopped: what a container health check or
 * an orchestrator's liveness probe asks), both JSON; {@code GET /metrics}, the same figures (see
 * {@link TrainerMeters}) and whatever else the registry holds (the Kafka clients' metrics) in Prometheus' text
 * format. Errors are JSON, as {@link ServiceHttp} answers them.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ServiceHttp http;

    private StatusServer(ServiceHttp http) {
        this.http = http;
    }

    /**
     * Registers the trainer's meters, binds and starts serving; port 0 picks a free one (see {@link #port()}).
     *
     * @throws IOException when the port cannot be bound
     */
    public static StatusServer start(String host, int port, Supplier<TrainerStatus> status, ServiceMetrics metrics)
            throws IOException {
        TrainerMeters.bind(metrics, status);
        ServiceHttp http = ServiceHttp.start("trainer", host, port, MAPPER, metrics, () -> health(status.get()),
                config -> config.routes.get("/status", ctx -> ServiceHttp.send(ctx, 200, status.get())));
        LOG.info("trainer status on http://{}:{}/status", host, http.port());
        return new StatusServer(http);
    }

    public int port() {
        return http.port();
    }

    private static ServiceHttp.Health health(TrainerStatus now) {
        boolean up = now.state().up();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", now.state());
        if (now.error() != null) {
            body.put("error", now.error());
        }
        return new ServiceHttp.Health(up, body);
    }

    @Override
    public void close() {
        http.close();
    }
}
