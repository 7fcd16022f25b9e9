package dev.recsys.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Top-k metrics: for each user with at least one relevant test rating (>= 4), the recommender's top k from the
 * user's history (movies in the history are never recommended), compared with the relevant test movies. Binary
 * relevance; precision divides by k, recall by the user's relevant count, NDCG by the ideal DCG of min(k, relevant)
 * hits. A relevant movie the recommender cannot recommend (it does not know it) counts as a miss.
 */
public final class RankingMetrics {
    public static final float RELEVANT_AT = 4f;

    /** The top k raw movie ids for a user with this history, best first, none of the history's movies. */
    @FunctionalInterface
    public interface Recommender {
        int[] top(int userId, History history, int k);
    }

    /**
     * Mean precision@k, recall@k and NDCG@k over the users, how many users were ranked, and each user's NDCG in
     * ascending user id order (so that two models ranked on the same test data pair up user by user).
     */
    public record Result(double precision, double recall, double ndcg, int users, double[] ndcgByUser) {
        public Result(double precision, double recall, double ndcg, int users) {
            this(precision, recall, ndcg, users, new double[0]);
        }

        /**
         * The standard error of the mean per-user difference in NDCG between this result and another on the same
         * users: how much of a difference in NDCG is noise. NaN when the users differ or there are fewer than two.
         */
        public double pairedStandardError(Result other) {
            int n = ndcgByUser.length;
            if (n < 2 || other.ndcgByUser.length != n) {
                return Double.NaN;
            }
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += (ndcgByUser[i] - other.ndcgByUser[i]) / n;
            }
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double d = ndcgByUser[i] - other.ndcgByUser[i] - mean;
                squares += d * d;
            }
            return Math.sqrt(squares / (n - 1) / n);
        }
    }

    private RankingMetrics() {
    }

    /** @param histories what each user had rated before the test part (a user missing here has none) */
    public static Result evaluate(Recommender recommender, Map<Integer, History> histories, RatingData test, int k) {
        Map<Integer, Set<Integer>> relevant = new TreeMap<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.rating(i) >= RELEVANT_AT) {
                relevant.computeIfAbsent(test.userId(i), u -> new HashSet<>()).add(test.movieId(i));
            }
        }
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double[] byUser = new double[relevant.size()];
        int index = 0;
        for (Map.Entry<Integer, Set<Integer>> entry : relevant.entrySet()) {
            int user = entry.getKey();
            Set<Integer> hitsOf = entry.getValue();
            int[] top = recommender.top(user, histories.getOrDefault(user, History.EMPTY), k);
            int hits = 0;
            double dcg = 0;
            for (int rank = 0; rank < top.length && rank < k; rank++) {
                if (hitsOf.contains(top[rank])) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(k, hitsOf.size()); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            precision += (double) hits / k;
            recall += (double) hits / hitsOf.size();
            ndcg += dcg / ideal;
            byUser[index++] = dcg / ideal;
        }
        int users = relevant.size();
        return users == 0 ? new Result(Double.NaN, Double.NaN, Double.NaN, 0)
                : new Result(precision / users, recall / users, ndcg / users, users, byUser);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
