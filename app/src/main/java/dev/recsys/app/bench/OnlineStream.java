package dev.recsys.app.bench;

import dev.recsys.app.bench.OnlineHitRate.Shown;
import dev.recsys.app.bench.OnlineHitRate.Step;
import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.Strategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the replay sent and what the stream answered, read back from {@code ratings} and {@code recommendations}
 * by two independent consumers. Each list is filed under the rating that triggered it (source and sequence), so
 * that {@link #steps()} can pair every rating with its list in the replay's send order.
 */
final class OnlineStream implements AutoCloseable {
    // the replay sends in event-time order, ties in file order, and a rating's sequence is its line in the file
    private static final Comparator<RatingEvent> SEND_ORDER = Comparator.comparing(RatingEvent::getEventTime)
            .thenComparingLong(RatingEvent::getSequence);

    record Trigger(String source, long sequence) {
    }

    /** Counts for the progress line. */
    record Counts(long ratings, long lists, long modelLists, Long lastModelVersion) {
    }

    private final TopicTail<RatingEvent> ratingTail;
    private final TopicTail<Recommendations> listTail;

    // guarded by this
    private final List<RatingEvent> ratings = new ArrayList<>();
    private final Map<Trigger, Shown> lists = new HashMap<>();
    private final Map<Trigger, Integer> listUsers = new HashMap<>();
    private final Map<Integer, RatingEvent> lastRatingOfUser = new HashMap<>();
    private final SortedSet<Long> modelVersions = new TreeSet<>();
    private long listsRead;
    private long modelLists;
    private long duplicates;
    private long outOfOrder;
    private Long lastModelVersion;

    OnlineStream(String bootstrapServers, String registryUrl) {
        this.ratingTail = new TopicTail<>(Topics.RATINGS, bootstrapServers, registryUrl, this::rating);
        TopicTail<Recommendations> lists;
        try {
            lists = new TopicTail<>(Topics.RECOMMENDATIONS, bootstrapServers, registryUrl, this::list);
        } catch (RuntimeException e) {
            closeQuietly(ratingTail);
            throw e;
        }
        this.listTail = lists;
    }

    private synchronized void rating(RatingEvent rating) {
        ratings.add(rating);
        // a user's ratings share a partition, so they arrive in the order streams saw them: it must be send order,
        // or a rating would be checked against the wrong list
        RatingEvent last = lastRatingOfUser.put(rating.getUserId(), rating);
        if (last != null && SEND_ORDER.compare(last, rating) > 0) {
            outOfOrder++;
        }
    }

    private synchronized void list(Recommendations recs) {
        listsRead++;
        int[] movies = recs.getItems().stream().mapToInt(RecommendedItem::getMovieId).toArray();
        Shown shown = new Shown(movies, recs.getStrategy(), recs.getModelVersion());
        // exactly-once should make each trigger's list unique; should one come twice, the first is what was shown
        Trigger trigger = new Trigger(recs.getTriggerSource(), recs.getTriggerSequence());
        if (lists.putIfAbsent(trigger, shown) != null) {
            duplicates++;
        } else {
            listUsers.put(trigger, recs.getUserId());
        }
        if (recs.getStrategy() == Strategy.MODEL) {
            modelLists++;
            modelVersions.add(recs.getModelVersion());
            lastModelVersion = recs.getModelVersion();
        }
    }

    synchronized Counts counts() {
        return new Counts(ratings.size(), listsRead, modelLists, lastModelVersion);
    }

    /** Whether every rating read so far has its list. */
    synchronized boolean allAnswered() {
        return lists.size() >= ratings.size()
                && ratings.stream().allMatch(r -> lists.containsKey(trigger(r)));
    }

    /** Up to {@code max} ratings read that have no list yet, in send order. */
    synchronized List<RatingEvent> unanswered(int max) {
        return ratings.stream().filter(r -> !lists.containsKey(trigger(r))).sorted(SEND_ORDER).limit(max).toList();
    }

    synchronized SortedSet<Long> modelVersions() {
        return new TreeSet<>(modelVersions);
    }

    /** What would make the figures wrong, one line each; empty when the stream is consistent. */
    synchronized List<String> anomalies() {
        List<String> anomalies = new ArrayList<>();
        if (duplicates > 0) {
            anomalies.add(String.format(Locale.ROOT, "%,d ratings had more than one list (the first was counted)",
                    duplicates));
        }
        if (outOfOrder > 0) {
            anomalies.add(String.format(Locale.ROOT, "%,d ratings arrived out of send order for their user",
                    outOfOrder));
        }
        long foreign = ratings.stream().filter(r -> {
            Integer user = listUsers.get(trigger(r));
            return user != null && user != r.getUserId();
        }).count();
        if (foreign > 0) {
            anomalies.add(String.format(Locale.ROOT, "%,d lists were for another user than their rating's", foreign));
        }
        return anomalies;
    }

    /** Every rating read, in the replay's send order, with the list it triggered (null when none was read). */
    synchronized List<Step> steps() {
        List<RatingEvent> ordered = new ArrayList<>(ratings);
        ordered.sort(SEND_ORDER);
        List<Step> steps = new ArrayList<>(ordered.size());
        for (RatingEvent r : ordered) {
            steps.add(new Step(r.getUserId(), r.getMovieId(), lists.get(trigger(r))));
        }
        return steps;
    }

    /** Why a consumer stopped reading, or null while both read. */
    Throwable failure() {
        return ratingTail.failure() != null ? ratingTail.failure() : listTail.failure();
    }

    private static Trigger trigger(RatingEvent rating) {
        return new Trigger(rating.getSource(), rating.getSequence());
    }

    @Override
    public void close() {
        closeQuietly(listTail);
        closeQuietly(ratingTail);
    }

    private static void closeQuietly(TopicTail<?> tail) {
        try {
            tail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
