package dev.recsys.trainer.http;

import dev.recsys.common.metrics.ServiceMetrics;
import dev.recsys.trainer.TrainerStats;
import dev.recsys.trainer.TrainerStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The figures of {@code GET /status} as meters, all read from one status taken before each scrape:
 * {@code recsys_trainer_up}, {@code _training}, {@code _caught_up}, {@code _ratings_held},
 * {@code _validation_ratings}, {@code _movies_known}, {@code _new_ratings}, the counters {@code _bad_records_total},
 * {@code _versions_published_total}, {@code _versions_rejected_total}, {@code _training_failures_total},
 * {@code _model_version} and the published model's figures as {@code recsys_trainer_model_metric{name}}.
 */
final class TrainerMeters {
    private final Supplier<TrainerStatus> status;
    private final AtomicReference<TrainerStatus> now = new AtomicReference<>();
    private final MultiGauge modelMetrics;
    private Map<String, Double> shown = Map.of();

    private TrainerMeters(MeterRegistry registry, Supplier<TrainerStatus> status) {
        this.status = status;
        gauge(registry, "recsys.trainer.up", "1 while the service runs (see /health), else 0",
                s -> s.state().up() ? 1 : 0);
        stat(registry, "recsys.trainer.training", "1 while a model is being trained", st -> st.training() ? 1 : 0);
        stat(registry, "recsys.trainer.caught.up", "1 once the log as it was at start has been read",
                st -> st.caughtUp() ? 1 : 0);
        stat(registry, "recsys.trainer.ratings.held", "Valid ratings in memory", TrainerStats::ratingsHeld);
        stat(registry, "recsys.trainer.validation.ratings", "Of which held out to judge models",
                TrainerStats::validationRatings);
        stat(registry, "recsys.trainer.rating.bytes.held", "Heap bytes the ratings in memory take",
                TrainerStats::ratingBytesHeld);
        stat(registry, "recsys.trainer.movies.known", "Movies with genres from the movies topic",
                TrainerStats::moviesKnown);
        gauge(registry, "recsys.trainer.new.ratings", "Ratings since the last training", s -> s.next().newRatings());
        counter(registry, "recsys.trainer.bad.records", "Records skipped: undecodable or unusable",
                TrainerStats::badRecords);
        counter(registry, "recsys.trainer.versions.published", "Models published by this instance",
                TrainerStats::versionsPublished);
        counter(registry, "recsys.trainer.versions.rejected", "Models trained but not published (worse)",
                TrainerStats::versionsRejected);
        counter(registry, "recsys.trainer.training.failures", "Retrains that failed", TrainerStats::trainingFailures);
        stat(registry, "recsys.trainer.model.version", "The last published version, 0 before the first",
                TrainerStats::currentVersion);
        modelMetrics = MultiGauge.builder("recsys.trainer.model.metric")
                .description("The published model's figures on its validation slice").register(registry);
    }

    /** Registers the meters; each scrape first takes the status once. */
    static void bind(ServiceMetrics metrics, Supplier<TrainerStatus> status) {
        TrainerMeters meters = new TrainerMeters(metrics.registry(), status);
        metrics.beforeScrape(meters::snapshot);
    }

    private synchronized void snapshot() {
        TrainerStatus taken = status.get();
        now.set(taken);
        Map<String, Double> figures = taken == null || taken.published() == null ? Map.of()
                : taken.published().metrics();
        if (!figures.equals(shown)) {
            // a new model's figures replace the last one's, names that it no longer has included
            modelMetrics.register(figures.entrySet().stream()
                    .map(e -> MultiGauge.Row.of(Tags.of("name", e.getKey()), e.getValue())).toList(), true);
            shown = Map.copyOf(figures);
        }
    }

    private double read(ToDoubleFunction<TrainerStatus> value) {
        TrainerStatus taken = now.get();
        return taken == null ? Double.NaN : value.applyAsDouble(taken);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<TrainerStatus> value) {
        Gauge.builder(name, this, m -> m.read(value)).strongReference(true).description(description)
                .register(registry);
    }

    private void stat(MeterRegistry registry, String name, String description, ToDoubleFunction<TrainerStats> value) {
        gauge(registry, name, description, s -> value.applyAsDouble(s.stats()));
    }

    private void counter(MeterRegistry registry, String name, String description,
                         ToDoubleFunction<TrainerStats> value) {
        FunctionCounter.builder(name, this, m -> m.read(s -> value.applyAsDouble(s.stats())))
                .description(description).register(registry);
    }
}
