package dev.recsys.streams.http;

import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelTimeline;
import dev.recsys.streams.stats.StreamSampler;
import java.time.Instant;
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

    /** A movie the user rated, with the rating. */
    record Rated(int movieId, String title, float rating) {
    }

    /** A rated movie that raised a recommended movie's ranking score by {@code contribution} (leave-one-out). */
    record Reason(int movieId, String title, float rating, float contribution) {
    }

    /** stars: the predicted rating (strategy MODEL) or the movie's mean rating (POPULARITY). */
    record Recommended(int rank, int movieId, String title, float stars, List<Reason> because) {
    }

    /**
     * The page's view of one user: the best rated of the user's movies beside the latest list, each listed movie
     * with the rated movies that contributed most to it (by the model in use, {@code explainedBy}).
     */
    record UserView(int userId, int ratings, String message, List<Rated> watched, String strategy,
                    Long modelVersion, String generatedAt, List<Recommended> recommended, Long explainedBy,
                    String servedBy) {
    }

    /** The model in use (null before the first) and the versions published so far, oldest first. */
    record ModelVersions(Model current, List<ModelPoint> versions) {
    }

    record ModelPoint(long version, String createdAt, long ratingsSeen, Map<String, Double> metrics) {
    }

    /** The stream over the last minutes, one point per sample, oldest first. */
    record Stream(long intervalMs, List<StreamPoint> points) {
    }

    record StreamPoint(String time, double ratingsPerSecond, Map<String, Double> recommendationsPerSecond,
                       Map<String, Long> deadLetters, Long consumerLag) {
    }

    static ModelVersions of(Model current, List<ModelTimeline.Point> points) {
        List<ModelPoint> versions = new ArrayList<>(points.size());
        for (ModelTimeline.Point p : points) {
            versions.add(new ModelPoint(p.version(), p.createdAt().toString(), p.ratingsSeen(), p.metrics()));
        }
        return new ModelVersions(current, versions);
    }

    static Stream of(long intervalMs, List<StreamSampler.Point> points) {
        List<StreamPoint> out = new ArrayList<>(points.size());
        for (StreamSampler.Point p : points) {
            out.add(new StreamPoint(Instant.ofEpochMilli(p.timeMs()).toString(), p.ratingsPerSecond(),
                    p.recommendationsPerSecond(), p.deadLetters(), p.consumerLag()));
        }
        return new Stream(intervalMs, out);
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
