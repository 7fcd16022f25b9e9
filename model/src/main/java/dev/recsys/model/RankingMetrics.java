package dev.recsys.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top-k metrics over {@link ListQuery lists to judge}: the recommender's top k from each query's history (movies in
 * the history are never recommended), compared with the query's relevant movies. Offline, a query is a user with at
 * least one relevant test rating (>= 4); live, the movie a user rated next. Binary relevance; precision divides by
 * k, recall by the relevant count, NDCG by the ideal DCG of min(k, relevant) hits. A relevant movie the recommender
 * cannot recommend (it does not know it) counts as a miss.
 */
public final class RankingMetrics {
    public static final float RELEVANT_AT = 4f;

    /** The top k raw movie ids for a user with this history, best first, none of the history's movies. */
    @FunctionalInterface
    public interface Recommender {
        int[] top(int userId, History history, int k);
    }

    /**
     * Mean precision@k, recall@k and NDCG@k over the lists judged, how many lists (users, in the offline
     * protocol) were judged, and each list's NDCG in order (ascending user id in the offline protocol), so that two
     * models judged on the same lists pair up one by one.
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
        return evaluate(recommender, ListQuery.byUser(histories, test), k);
    }

    /**
     * The means over the queries, each query's NDCG in their order (so that two models judged on the same queries
     * pair up); {@code users} is the number of queries.
     */
    public static Result evaluate(Recommender recommender, List<ListQuery> queries, int k) {
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        double[] byQuery = new double[queries.size()];
        int index = 0;
        for (ListQuery query : queries) {
            Set<Integer> hitsOf = query.relevant();
            int[] top = recommender.top(query.userId(), query.history(), k);
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
            byQuery[index++] = dcg / ideal;
        }
        int n = queries.size();
        return n == 0 ? new Result(Double.NaN, Double.NaN, Double.NaN, 0)
                : new Result(precision / n, recall / n, ndcg / n, n, byQuery);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
