package dev.recsys.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One list to judge: the user's history as the recommender would see it, and the movies that count as hits in the
 * list it makes from that history.
 */
public record ListQuery(int userId, History history, Set<Integer> relevant) {
    public ListQuery {
        relevant = Set.copyOf(relevant);
    }

    /**
     * The offline splits' protocol: one query per user with at least one relevant held-out rating (4 or more), the
     * user read from their whole history, the relevant held-out movies as hits; by ascending user id.
     *
     * @param histories what each user had rated before the held-out part (a user missing here has none)
     */
    public static List<ListQuery> byUser(Map<Integer, History> histories, RatingData heldOut) {
        Map<Integer, Set<Integer>> relevant = new TreeMap<>();
        for (int i = 0; i < heldOut.size(); i++) {
            if (heldOut.rating(i) >= RankingMetrics.RELEVANT_AT) {
                relevant.computeIfAbsent(heldOut.userId(i), u -> new HashSet<>()).add(heldOut.movieId(i));
            }
        }
        return relevant.entrySet().stream()
                .map(e -> new ListQuery(e.getKey(), histories.getOrDefault(e.getKey(), History.EMPTY), e.getValue()))
                .toList();
    }
}
