package dev.recsys.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Rating-prediction metrics of a model on a set of ratings. */
public final class ModelMetrics {
    /** The study's "accuracy": prediction and truth on the same side of this rating. */
    public static final double ACCURACY_THRESHOLD = 2.5;

    private ModelMetrics() {
    }

    /**
     * mse, rmse, mae and accuracy (same side of 2.5) of the model's predictions, each user read from their history;
     * NaN for no ratings.
     */
    public static Map<String, Double> evaluate(HybridModel model, RatingData data, Map<Integer, History> histories) {
        return of(model.predict(data, histories), data);
    }

    /**
     * The rating metrics and the lists' precision, recall and NDCG at k (relevant: a rating of 4 or more in data),
     * each user read from their history, the lists from {@link FastScorer#recommend}: how the trainer judges a model
     * on its validation slice.
     */
    public static Map<String, Double> withRanking(HybridModel model, RatingData data, Map<Integer, History> histories,
                                                  int k) {
        Map<String, Double> metrics = evaluate(model, data, histories);
        putRanking(metrics, ranking(model, data, histories, k), k);
        return metrics;
    }

    /** Adds precision_at_k, recall_at_k and ndcg_at_k of a ranking result to metrics. */
    public static void putRanking(Map<String, Double> metrics, RankingMetrics.Result ranking, int k) {
        metrics.put("precision_at_" + k, ranking.precision());
        metrics.put("recall_at_" + k, ranking.recall());
        metrics.put("ndcg_at_" + k, ranking.ndcg());
    }

    /** The lists' metrics alone, per user too (see {@link #withRanking}). */
    public static RankingMetrics.Result ranking(HybridModel model, RatingData data, Map<Integer, History> histories,
                                                int k) {
        return ranking(model, ListQuery.byUser(histories, data), k);
    }

    /** The metrics of the lists the model makes for these queries, as served, per query too. */
    public static RankingMetrics.Result ranking(HybridModel model, java.util.List<ListQuery> lists, int k) {
        FastScorer scorer = FastScorer.of(model);
        return RankingMetrics.evaluate((user, history, n) -> scorer.recommend(history, n).movieIds(), lists, k);
    }

    /** The same metrics for predictions aligned with data. */
    public static Map<String, Double> of(float[] predicted, RatingData data) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException("predictions (" + predicted.length + ") do not match ratings ("
                    + data.size() + ")");
        }
        double squared = 0;
        double absolute = 0;
        long sameSide = 0;
        for (int i = 0; i < predicted.length; i++) {
            double truth = data.rating(i);
            double error = predicted[i] - truth;
            squared += error * error;
            absolute += Math.abs(error);
            if ((predicted[i] > ACCURACY_THRESHOLD) == (truth > ACCURACY_THRESHOLD)) {
                sameSide++;
            }
        }
        int n = predicted.length;
        double mse = n == 0 ? Double.NaN : squared / n;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mse", mse);
        metrics.put("rmse", Math.sqrt(mse));
        metrics.put("mae", n == 0 ? Double.NaN : absolute / n);
        metrics.put("accuracy", n == 0 ? Double.NaN : (double) sameSide / n);
        return metrics;
    }
}
