package dev.recsys.app.eval;

import dev.recsys.model.ModelConfig;
import dev.recsys.model.RankingMetrics;

import java.util.List;
import java.util.Map;

/**
 * The figures of one offline evaluation.
 *
 * @param model              mse, rmse, mae, accuracy of the hybrid model's rating networks on the test part
 * @param ranking            the hybrid model's top-10 metrics
 * @param globalMean         the same rating metrics for predicting the training mean
 * @param bias               the rating metrics of the regularised user + movie bias baseline
 * @param biasRanking        the bias baseline's top-10 metrics (it ranks by movie bias)
 * @param popularityRanking  the most-popular chart's top-10 metrics
 * @param itemKnnRanking     item-kNN's top-10 metrics; null when the catalogue is too large for it
 * @param blendWeight        the final score's weight of the predicted rating, as chosen on validation data
 * @param epochs             one entry per epoch of a rating network (per member of an ensemble)
 * @param rankingEpochs      one entry per epoch of the ranking network
 * @param validation         mse, rmse, mae, accuracy of the trained model (the ensemble) on the validation slice
 */
public record EvaluationResult(String split, ModelConfig config, int trainSize, int validationSize, int testSize,
                               Map<String, Double> model, RankingMetrics.Result ranking,
                               Map<String, Double> globalMean, Map<String, Double> bias,
                               RankingMetrics.Result biasRanking, double biasLambda,
                               RankingMetrics.Result popularityRanking, RankingMetrics.Result itemKnnRanking,
                               double blendWeight, double trainSeconds, List<Epoch> epochs,
                               List<RankingEpoch> rankingEpochs, Map<String, Double> validation) {

    /** @param member 1-based; 1 for a single network */
    public record Epoch(int member, int epoch, double trainLoss, double validationLoss, double seconds) {
    }

    /** @param validationNdcg NaN for an epoch without a validation */
    public record RankingEpoch(int epoch, double trainLoss, double validationNdcg, double seconds) {
    }

    /** The epoch of the member with the lowest validation loss (the weights kept when early stopping is on). */
    public Epoch bestEpoch(int member) {
        Epoch best = null;
        for (Epoch e : epochs) {
            if (e.member() == member && (best == null || e.validationLoss() < best.validationLoss())) {
                best = e;
            }
        }
        return best;
    }

    /** The most epochs any member ran. */
    public int epochsRun() {
        int most = 0;
        for (Epoch e : epochs) {
            most = Math.max(most, e.epoch());
        }
        return most;
    }

    /** The ranking network's validation with the best NDCG@10 (the weights kept), or null. */
    public RankingEpoch bestRankingEpoch() {
        RankingEpoch best = null;
        for (RankingEpoch e : rankingEpochs) {
            if (!Double.isNaN(e.validationNdcg()) && (best == null || e.validationNdcg() > best.validationNdcg())) {
                best = e;
            }
        }
        return best;
    }
}
