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

/**
 * Turns a ranking into the Recommendations record, with the triggering event's trace. Titles are added apart: the
 * list emitted carries them, the list kept in the latest-recommendations store does not (they were two thirds of its
 * bytes, written on every rating), and the query server adds them from the catalogue when it answers.
 */
public final class RecommendationsFactory {
    private RecommendationsFactory() {
    }

    /** The list without titles, as the store keeps it. */
    public static Recommendations create(int userId, Ranked ranked, Long modelVersion, Strategy strategy,
                                         RatingEvent trigger, long generatedAtMs) {
        List<RecommendedItem> items = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            items.add(new RecommendedItem(ranked.ids()[i], null, ranked.scores()[i]));
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

    /** A copy of the list with each item's title as {@code titles} gives it (null for a movie it does not know). */
    public static Recommendations withTitles(Recommendations list, IntFunction<String> titles) {
        List<RecommendedItem> items = new ArrayList<>(list.getItems().size());
        for (RecommendedItem item : list.getItems()) {
            items.add(new RecommendedItem(item.getMovieId(), titles.apply(item.getMovieId()), item.getScore()));
        }
        return Recommendations.newBuilder(list).setItems(items).build();
    }
}
