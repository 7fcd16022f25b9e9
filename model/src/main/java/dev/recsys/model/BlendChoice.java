package dev.recsys.model;

import java.util.Map;

/**
 * Chooses the blend weight of the final score (ranking score + weight x predicted rating) on validation data: the
 * weight of a small grid with the best validation NDCG@10, the smallest on a tie. Each user is scored once; only
 * the top-k selection is repeated per weight.
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
        int movies = scorer.movieCount();
        float[] ranking = new float[movies];
        float[] predicted = new float[movies];
        float[] blended = new float[movies];
        TopK topK = new TopK(RankingFit.K);
        double[][] ndcg = new double[1][GRID.length];
        Map<Integer, float[][]> cache = new java.util.HashMap<>();
        for (int g = 0; g < GRID.length; g++) {
            float weight = GRID[g];
            ndcg[0][g] = RankingMetrics.evaluate((user, history, k) -> {
                float[][] scores = cache.computeIfAbsent(user, u -> {
                    scorer.rankingScores(history, ranking);
                    scorer.predictAll(history, predicted);
                    return new float[][] {ranking.clone(), predicted.clone()};
                });
                for (int i = 0; i < movies; i++) {
                    blended[i] = scores[0][i] + weight * scores[1][i];
                }
                return TopK.unrated(topK, blended, model.movies(), history);
            }, histories, validation, RankingFit.K).ndcg();
        }
        int best = 0;
        for (int g = 1; g < GRID.length; g++) {
            if (ndcg[0][g] > ndcg[0][best]) {
                best = g;
            }
        }
        return new Choice(GRID[best], ndcg[0]);
    }
}
