package dev.recsys.streams.scoring;

import dev.recsys.model.FastScorer;
import java.time.Instant;
import java.util.Map;

/** A validated model version ready to score, with what {@code GET /model} reports about it. */
public record LoadedModel(long version, Long parentVersion, Instant createdAt, long ratingsSeen,
                          Map<String, Double> metrics, Instant loadedAt, FastScorer scorer) {
    public LoadedModel {
        metrics = Map.copyOf(metrics);
    }
}
