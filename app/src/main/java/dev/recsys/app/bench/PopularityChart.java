package dev.recsys.app.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A most-popular chart that grows one rating at a time: movies by how many ratings they have had so far, ties by
 * the lower id. The baseline of {@code bench online}. Not thread-safe.
 */
final class PopularityChart {
    private final Map<Integer, Integer> counts = new HashMap<>();
    // best first; a movie leaves the set before its count changes, since the order reads the counts
    private final TreeSet<Integer> ranking = new TreeSet<>((a, b) -> {
        int byCount = Integer.compare(counts.get(b), counts.get(a));
        return byCount != 0 ? byCount : Integer.compare(a, b);
    });

    void add(int movieId) {
        Integer before = counts.get(movieId);
        if (before != null) {
            ranking.remove(movieId);
        }
        counts.put(movieId, before == null ? 1 : before + 1);
        ranking.add(movieId);
    }

    /** The {@code k} most-rated movies so far, best first, leaving out {@code excluded} (the user's rated movies). */
    int[] top(int k, Set<Integer> excluded) {
        int[] top = new int[k];
        int n = 0;
        for (int movieId : ranking) {
            if (n == k) {
                break;
            }
            if (!excluded.contains(movieId)) {
                top[n++] = movieId;
            }
        }
        return n == k ? top : Arrays.copyOf(top, n);
    }
}
