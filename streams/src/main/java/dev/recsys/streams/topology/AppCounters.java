package dev.recsys.streams.topology;

import dev.recsys.metrics.PrometheusText;
import dev.recsys.schemas.Strategy;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this instance's processors did, counted since it started: what Kafka Streams' own metrics cannot say
 * (why a rating went to the dead letters, how many lists came from the model). Counted when processed: a
 * transaction that aborts and is processed again counts twice, as Kafka's own {@code process-total} does.
 */
public final class AppCounters {
    /** What happened to a model update. */
    public enum ModelOutcome { APPLIED, IGNORED, REJECTED }

    private final Map<Strategy, LongAdder> recommendations = adders(Strategy.class);
    private final Map<DeadLetterReason, LongAdder> deadLetters = adders(DeadLetterReason.class);
    private final Map<ModelOutcome, LongAdder> modelUpdates = adders(ModelOutcome.class);
    private final LongAdder moviesSkipped = new LongAdder();

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
        return recommendations.get(strategy).sum();
    }

    public long deadLetters(DeadLetterReason reason) {
        return deadLetters.get(reason).sum();
    }

    public long modelUpdates(ModelOutcome outcome) {
        return modelUpdates.get(outcome).sum();
    }

    public long moviesSkipped() {
        return moviesSkipped.sum();
    }

    /** Adds every counter, each value of a label as a sample of its own (zeros too, so that rates start at 0). */
    public void writeTo(PrometheusText text) {
        recommendations.forEach((strategy, n) -> text.add("recsys_recommendations_total",
                "Top-N lists emitted, by how they were ranked", Map.of("strategy", label(strategy)), n.sum()));
        deadLetters.forEach((reason, n) -> text.add("recsys_dead_letters_total",
                "Ratings sent to the dead-letter topic, by reason", Map.of("reason", label(reason)), n.sum()));
        modelUpdates.forEach((outcome, n) -> text.add("recsys_model_updates_total",
                "Model updates read: applied, ignored (not newer) or rejected (undecodable or invalid)",
                Map.of("outcome", label(outcome)), n.sum()));
        text.add("recsys_movies_skipped_total", "Movie records that could not be decoded or were keyed wrong",
                moviesSkipped.sum());
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, new LongAdder());
        }
        return map;
    }
}
