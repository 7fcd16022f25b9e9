package dev.recsys.model.eval;

import dev.recsys.model.RatingData;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Top-k metrics: for each user with at least one relevant test rating (>= 4), rank every candidate movie (one the
 * user did not rate in train) and compare the top k with the relevant test movies. Binary relevance; precision
 * divides by k, recall by the user's relevant count, NDCG by the ideal DCG of min(k, relevant) hits.
 */
public final class RankingMetrics {
    public static final float RELEVANT_AT = 4f;

    /** Scores every candidate movie for a user: out[i] for candidates[i]. */
    @FunctionalInterface
    public interface UserScorer {
        void scoreAll(int rawUserId, float[] out);
    }

    /** Mean precision@k, recall@k and NDCG@k over the users, and how many users were ranked. */
    public record Result(double precision, double recall, double ndcg, int users) {
    }

    private RankingMetrics() {
    }

    /**
     * @param movies the raw ids of the scorer's movies, aligned with its output
     */
    public static Result evaluate(UserScorer scorer, int[] movies, RatingData train, RatingData test, int k) {
        Map<Integer, Integer> column = new HashMap<>(movies.length * 2);
        for (int i = 0; i < movies.length; i++) {
            column.put(movies[i], i);
        }
        Map<Integer, BitSet> rated = byUser(train, column, 0f);
        Map<Integer, BitSet> relevant = byUser(test, column, RELEVANT_AT);
        Map<Integer, Integer> relevantCount = countRelevant(test);
        float[] scores = new float[movies.length];
        double precision = 0;
        double recall = 0;
        double ndcg = 0;
        int users = 0;
        for (Map.Entry<Integer, Integer> entry : relevantCount.entrySet()) {
            int user = entry.getKey();
            scorer.scoreAll(user, scores);
            int[] top = TopK.indices(scores, k, rated.getOrDefault(user, new BitSet()));
            BitSet hitsOf = relevant.getOrDefault(user, new BitSet());
            int hits = 0;
            double dcg = 0;
            for (int rank = 0; rank < top.length; rank++) {
                if (hitsOf.get(top[rank])) {
                    hits++;
                    dcg += 1 / log2(rank + 2);
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(k, entry.getValue()); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            precision += (double) hits / k;
            recall += (double) hits / entry.getValue();
            ndcg += dcg / ideal;
            users++;
        }
        return users == 0 ? new Result(Double.NaN, Double.NaN, Double.NaN, 0)
                : new Result(precision / users, recall / users, ndcg / users, users);
    }

    /** Per user, the columns of their ratings at or above threshold (movies outside the scorer are skipped). */
    private static Map<Integer, BitSet> byUser(RatingData data, Map<Integer, Integer> column, float threshold) {
        Map<Integer, BitSet> out = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            Integer c = column.get(data.movieId(i));
            if (c != null && data.rating(i) >= threshold) {
                out.computeIfAbsent(data.userId(i), u -> new BitSet()).set(c);
            }
        }
        return out;
    }

    /** Relevant test ratings per user, movies the model does not know included: they count as misses. */
    private static Map<Integer, Integer> countRelevant(RatingData test) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.rating(i) >= RELEVANT_AT) {
                counts.merge(test.userId(i), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
