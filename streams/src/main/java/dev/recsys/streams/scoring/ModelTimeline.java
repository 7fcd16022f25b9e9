package dev.recsys.streams.scoring;

import dev.recsys.schemas.ModelUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model versions published on model-updates that this instance has read, one point per version with the figures
 * the trainer published it with, for the page's chart of validation figures over versions. Every start re-reads the
 * topic (see {@link ModelHolder}), so the timeline refills after a restart; it holds the latest {@code capacity}
 * versions. Written by the global thread, read by HTTP handlers.
 */
public final class ModelTimeline {
    /** One published version: when it was trained, on how many ratings, and its validation figures. */
    public record Point(long version, Instant createdAt, long ratingsSeen, Map<String, Double> metrics) {
        public Point {
            metrics = Map.copyOf(metrics);
        }
    }

    private final int capacity;
    private final TreeMap<Long, Point> byVersion = new TreeMap<>();

    public ModelTimeline(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records a decoded update; a version read again (a restart, a re-publish) replaces its point. */
    public synchronized void published(ModelUpdate update) {
        byVersion.put(update.getVersion(), new Point(update.getVersion(), update.getCreatedAt(),
                update.getRatingsSeen(), update.getMetrics()));
        while (byVersion.size() > capacity) {
            byVersion.pollFirstEntry();
        }
    }

    /** Oldest version first. */
    public synchronized List<Point> points() {
        return new ArrayList<>(byVersion.values());
    }
}
