package dev.recsys.streams.http;

import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.streams.scoring.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the HTTP API: plain records, so that Jackson writes them without Avro's internals. */
final class Views {
    private Views() {
    }

    record Item(int rank, int movieId, String title, float score) {
    }

    record UserRecommendations(int userId, List<Item> items, Long modelVersion, String strategy,
                               String triggerEventTime, String triggerSource, Long triggerSequence,
                               String generatedAt, String servedBy) {
    }

    record Model(long version, Long parentVersion, String createdAt, long ratingsSeen, Map<String, Double> metrics,
                 int movies, float blendWeight, float recency, String loadedAt) {
    }

    record Readiness(boolean ready, String state, List<String> missing) {
    }

    record Health(String state) {
    }

    static UserRecommendations of(Recommendations r, String servedBy) {
        List<Item> items = new ArrayList<>(r.getItems().size());
        int rank = 1;
        for (RecommendedItem item : r.getItems()) {
            items.add(new Item(rank++, item.getMovieId(), item.getTitle(), item.getScore()));
        }
        return new UserRecommendations(r.getUserId(), items, r.getModelVersion(), r.getStrategy().name(),
                r.getTriggerEventTime().toString(), r.getTriggerSource(), r.getTriggerSequence(),
                r.getGeneratedAt().toString(), servedBy);
    }

    static Model of(LoadedModel m) {
        return new Model(m.version(), m.parentVersion(), m.createdAt().toString(), m.ratingsSeen(), m.metrics(),
                m.scorer().movieCount(), m.scorer().blendWeight(), m.scorer().recency(), m.loadedAt().toString());
    }
}
