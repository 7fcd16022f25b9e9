package dev.recsys.streams.topology;

import dev.recsys.model.Ranked;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Turns a ranking into the Recommendations record: titles from the catalogue, and the triggering event's trace. */
public final class RecommendationsFactory {
    private RecommendationsFactory() {
    }

    public static Recommendations create(int userId, Ranked ranked, Long modelVersion, Strategy strategy,
                                         RatingEvent trigger, IntFunction<String> titles, long generatedAtMs) {
        List<RecommendedItem> items = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            int movieId = ranked.ids()[i];
            items.add(new RecommendedItem(movieId, titles.apply(movieId), ranked.scores()[i]));
        }
        return Recommendations.newBuilder()
                .setUserId(userId)
                .setItems(items)
                .setModelVersion(modelVersion)
                .setStrategy(strategy)
                .setTriggerEventTime(trigger.getEventTime())
                .setTriggerSource(trigger.getSource())
                .setTriggerSequence(trigger.getSequence())
                .setGeneratedAt(Instant.ofEpochMilli(generatedAtMs))
                .build();
    }
}
