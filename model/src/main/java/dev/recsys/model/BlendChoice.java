package dev.recsys.model;

import java.util.List;

/**
 * Chooses how the lists are made, on the validation lists: the blend weight of the final score (ranking score +
 * weight x predicted rating) and the recency of the ranking network's input, the pair of small grids with the best
 * NDCG@10, each list made as it will be served ({@link FastScorer#recommend}). On a tie the smaller weight and the
 * recency nearer 1 win: the plainer list. A setting the config fixes is not searched.
 */
final class BlendChoice {
    static final float[] WEIGHTS = {0f, 0.1f, 0.25f, 0.5f, 1f, 2f, 4f};
    static final float[] RECENCIES = {1f, 0.9f, 0.75f, 0.5f, 0.3f};

    private BlendChoice() {
    }

    /** The chosen weight and recency, and the NDCG@10 of every pair tried, [recency][weight]. */
    record Choice(float weight, float recency, float[] weights, float[] recencies, double[][] ndcg) {
    }

    static Choice choose(HybridModel model, List<ListQuery> lists) {
        ModelConfig config = model.config();
        float[] weights = config.blendChosen() ? WEIGHTS : new float[] {(float) config.blendWeight()};
        float[] recencies = config.recencyChosen() ? RECENCIES : new float[] {(float) config.recency()};
        FastScorer scorer = FastScorer.of(model);
        double[][] ndcg = new double[recencies.length][];
        int bestR = 0;
        int bestW = 0;
        for (int r = 0; r < recencies.length; r++) {
            ndcg[r] = ndcgByWeight(scorer, lists, weights, recencies[r]);
            for (int w = 0; w < weights.length; w++) {
                if (ndcg[r][w] > ndcg[bestR][bestW]) {
                    bestR = r;
                    bestW = w;
                }
            }
        }
        return new Choice(weights[bestW], recencies[bestR], weights, recencies, ndcg);
    }

    /** Every list under every weight at once (one scoring each), then one evaluation per weight. */
    private static double[] ndcgByWeight(FastScorer scorer, List<ListQuery> lists, float[] weights, float recency) {
        Recommended[][] made = new Recommended[lists.size()][];
        for (int q = 0; q < lists.size(); q++) {
            made[q] = scorer.recommend(lists.get(q).history(), RankingFit.K, weights, recency);
        }
        double[] ndcg = new double[weights.length];
        for (int w = 0; w < weights.length; w++) {
            int weight = w;
            int[] next = {0};
            ndcg[w] = RankingMetrics.evaluate((user, history, k) -> made[next[0]++][weight].movieIds(), lists,
                    RankingFit.K).ndcg();
        }
        return ndcg;
    }
}
