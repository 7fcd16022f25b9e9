package dev.recsys.model;

import java.util.Map;

/**
 * Chooses the blend weight of the final score (ranking score + weight x predicted rating) on validation data: the
 * weight of a small grid with the best validation NDCG@10, the smallest on a tie, each list made as it will be
 * served ({@link FastScorer#recommend}).
 */
final class BlendChoice {
    static final float[] GRID = {0f, 0.1f, 0.25f, 0.5f, 1f, 2f, 4f};

    private BlendChoice() {
    }

    /** The chosen weight and the validation NDCG@10 of each weight of the grid. */
    record Choice(float weight, double[] ndcgByWeight) {
    }

    static Choice choose(HybridModel model, Map<Integer, History> histories, RatingData validation) {
        FastScorer scorer = FastScorer.of(model);
        // every user's lists under every weight at once (one scoring each), then one evaluation per weight
        Map<Integer, Recommended[]> lists = new java.util.HashMap<>();
        RankingMetrics.evaluate((user, history, k) -> {
            lists.put(user, scorer.recommend(history, k, GRID));
            return new int[0];
        }, histories, validation, RankingFit.K);
        double[] ndcg = new double[GRID.length];
        for (int g = 0; g < GRID.length; g++) {
            int weight = g;
            ndcg[g] = RankingMetrics.evaluate((user, history, k) -> lists.get(user)[weight].movieIds(),
                    histories, validation, RankingFit.K).ndcg();
        }
        int best = 0;
        for (int g = 1; g < GRID.length; g++) {
            if (ndcg[g] > ndcg[best]) {
                best = g;
            }
        }
        return new Choice(GRID[best], ndcg);
    }
}
