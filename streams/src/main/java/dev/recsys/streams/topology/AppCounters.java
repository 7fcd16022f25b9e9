package dev.recsys.streams.topology;

import dev.recsys.schemas.Strategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What this instance's processors did, counted since it started: what Kafka Streams' own metrics cannot say
 * (why a rating went to the dead letters, how many lists came from the model). Counted when processed: a
 * transaction that aborts and is processed again counts twice, as Kafka's own {@code process-total} does.
 *
 * <p>Each count is a Micrometer counter, one per label value and registered up front so that rates start at 0:
 * {@code recsys_recommendations_total{strategy}}, {@code recsys_dead_letters_total{reason}},
 * {@code recsys_model_updates_total{outcome}} and {@code recsys_movies_skipped_total} (values in lower case).
 */
public final class AppCounters {
    /**
     * What happened to a model update: applied, ignored (not newer), rejected (undecodable or invalid), or incomplete
     * (a version in chunks whose chunks did not all arrive, in order, one after the other).
     */
    public enum ModelOutcome { APPLIED, IGNORED, REJECTED, INCOMPLETE }

    private final Map<Strategy, Counter> recommendations;
    private final Map<DeadLetterReason, Counter> deadLetters;
    private final Map<ModelOutcome, Counter> modelUpdates;
    private final Counter moviesSkipped;

    public AppCounters(MeterRegistry registry) {
        recommendations = counters(registry, Strategy.class, "recsys.recommendations", "strategy",
                "Top-N lists emitted, by how they were ranked");
        deadLetters = counters(registry, DeadLetterReason.class, "recsys.dead.letters", "reason",
                "Ratings sent to the dead-letter topic, by reason");
        modelUpdates = counters(registry, ModelOutcome.class, "recsys.model.updates", "outcome",
                "Model updates read: applied, ignored (not newer), rejected (undecodable or invalid) or incomplete "
                        + "(chunks missing)");
        moviesSkipped = Counter.builder("recsys.movies.skipped")
                .description("Movie records that could not be decoded or were keyed wrong").register(registry);
    }

    public void recommended(Strategy strategy) {
        recommendations.get(strategy).increment();
    }

    public void deadLetter(DeadLetterReason reason) {
        deadLetters.get(reason).increment();
    }

    public void modelUpdate(ModelOutcome outcome) {
        modelUpdates.get(outcome).increment();
    }

    public void movieSkipped() {
        moviesSkipped.increment();
    }

    public long recommendations(Strategy strategy) {
        return (long) recommendations.get(strategy).count();
    }

    public long deadLetters(DeadLetterReason reason) {
        return (long) deadLetters.get(reason).count();
    }

    public long modelUpdates(ModelOutcome outcome) {
        return (long) modelUpdates.get(outcome).count();
    }

    public long moviesSkipped() {
        return (long) moviesSkipped.count();
    }

    private static <E extends Enum<E>> Map<E, Counter> counters(MeterRegistry registry, Class<E> type, String name,
                                                                String tag, String description) {
        Map<E, Counter> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, Counter.builder(name).description(description)
                    .tag(tag, value.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        return map;
    }
}
