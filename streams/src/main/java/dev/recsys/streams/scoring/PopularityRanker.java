package dev.recsys.streams.scoring;

import dev.recsys.model.TopK;
import dev.recsys.model.Ranked;
import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.UserHistory;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.kafka.streams.KeyValue;

/**
 * The fallback before any model: movies ranked by a damped mean that weighs both rating count and mean,
 * {@code (sum + m * C) / (count + m)} with C the mean over all ratings seen and m = {@code priorWeight}, so that a
 * movie rated 5 by one user does not outrank one rated 4.5 by three hundred. The reported score is the plain mean.
 * Not thread-safe: one per processor.
 */
public final class PopularityRanker {
    private final TopK topK;
    private final double priorWeight;
    private int[] ids = new int[0];
    private long[] counts = new long[0];
    private double[] sums = new double[0];

    public PopularityRanker(int k, double priorWeight) {
        if (priorWeight < 0) {
            throw new IllegalArgumentException("prior weight must not be negative, got " + priorWeight);
        }
        this.topK = new TopK(k);
        this.priorWeight = priorWeight;
    }

    public Ranked rank(Iterator<KeyValue<Integer, MovieStats>> stats, UserHistory history) {
        int n = 0;
        long totalCount = 0;
        double totalSum = 0;
        while (stats.hasNext()) {
            KeyValue<Integer, MovieStats> entry = stats.next();
            if (entry.value == null || entry.value.count() == 0) {
                continue;
            }
            ensureCapacity(n + 1);
            ids[n] = entry.key;
            counts[n] = entry.value.count();
            sums[n] = entry.value.sum();
            totalCount += counts[n];
            totalSum += sums[n];
            n++;
        }
        double globalMean = totalCount == 0 ? 0 : totalSum / totalCount;
        int[] rated = history.sortedMovieIds();
        topK.clear();
        for (int i = 0; i < n; i++) {
            if (Arrays.binarySearch(rated, ids[i]) < 0) {
                topK.offer(ids[i], (float) ((sums[i] + priorWeight * globalMean) / (counts[i] + priorWeight)));
            }
        }
        Ranked byDampedMean = topK.result();
        float[] means = new float[byDampedMean.size()];
        for (int i = 0; i < means.length; i++) {
            int index = indexOf(byDampedMean.ids()[i], n);
            means[i] = (float) (sums[index] / counts[index]);
        }
        return new Ranked(byDampedMean.ids(), means);
    }

    private int indexOf(int movieId, int n) {
        for (int i = 0; i < n; i++) {
            if (ids[i] == movieId) {
                return i;
            }
        }
        throw new IllegalStateException("movie " + movieId + " was selected but not collected");
    }

    private void ensureCapacity(int needed) {
        if (ids.length < needed) {
            int capacity = Math.max(needed, ids.length * 2);
            ids = Arrays.copyOf(ids, capacity);
            counts = Arrays.copyOf(counts, capacity);
            sums = Arrays.copyOf(sums, capacity);
        }
    }
}
