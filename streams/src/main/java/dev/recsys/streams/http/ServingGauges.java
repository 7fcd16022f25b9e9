package dev.recsys.streams.http;

import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What this instance serves with, as gauges read at each scrape: {@code recsys_model_version} (-1 before the first
 * model), {@code recsys_model_loaded_timestamp_seconds} (Unix time, 0 before) and {@code recsys_ready} (1 when
 * {@code /ready} would answer 200).
 */
public final class ServingGauges {
    private ServingGauges() {
    }

    public static void bind(MeterRegistry registry, ModelHolder models, Readiness readiness) {
        Gauge.builder("recsys.model.version", models, ModelHolder::currentVersion).strongReference(true)
                .description("Version of the model in use; -1 before the first").register(registry);
        Gauge.builder("recsys.model.loaded.timestamp", models, ServingGauges::loadedAt).strongReference(true)
                .baseUnit("seconds").description("When the model in use was loaded (Unix time); 0 before")
                .register(registry);
        Gauge.builder("recsys.ready", readiness, r -> r.ready() ? 1 : 0).strongReference(true)
                .description("1 when this instance serves (see /ready), else 0").register(registry);
    }

    private static double loadedAt(ModelHolder models) {
        LoadedModel model = models.currentOrNull();
        return model == null ? 0 : model.loadedAt().toEpochMilli() / 1000.0;
    }
}
