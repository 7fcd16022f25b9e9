package dev.recsys.streams.http;

import dev.recsys.common.http.ServiceHttp;
import dev.recsys.streams.stats.StreamSampler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

/**
 * The live page at {@code /}: static files from this module's resources ({@code web/}), the charting library from
 * its WebJar ({@code /webjars/uplot/...}), and {@code GET /stream}, the stream's recent figures. The page polls these
 * and the per-user and model queries of {@link QueryServer}; there is no front-end build.
 */
public final class WebPage {
    private WebPage() {
    }

    /** Adds the page's routes to a QueryServer's configuration (its {@code moreRoutes}). */
    public static void register(JavalinConfig config, StreamSampler sampler) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get("/stream", ctx -> ServiceHttp.send(ctx, 200,
                Views.of(sampler.every().toMillis(), sampler.points())));
    }
}
