package dev.recsys.streams.scoring;

import java.time.Instant;
import java.util.Map;

/** A validated model version ready to score, with what {@code GET /model} reports about it. */
public record LoadedModel(long version, Long parentVersion, Instant createdAt, long ratingsSeen,
                          Map<String, Double> metrics, int users, Instant loadedAt, ModelScorer scorer) {
    public LoadedModel {
        metrics = Map.copyOf(metrics);
    }
}
