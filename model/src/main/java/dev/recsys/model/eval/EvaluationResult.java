package dev.recsys.model.eval;

import dev.recsys.model.ModelConfig;

import java.util.List;
import java.util.Map;

/**
 * The figures of one offline evaluation.
 *
 * @param model        mse, rmse, mae, accuracy of the hybrid model on the test part
 * @param ranking      the model's top-10 metrics
 * @param globalMean   the same rating metrics for predicting the training mean
 * @param bias         the rating metrics of the regularised user + movie bias baseline
 * @param biasRanking  the bias baseline's top-10 metrics (it ranks by movie bias)
 * @param epochs       one entry per epoch run
 */
public record EvaluationResult(String split, ModelConfig config, int trainSize, int validationSize, int testSize,
                               Map<String, Double> model, RankingMetrics.Result ranking,
                               Map<String, Double> globalMean, Map<String, Double> bias,
                               RankingMetrics.Result biasRanking, double biasLambda, double trainSeconds,
                               List<Epoch> epochs) {

    public record Epoch(int epoch, double trainLoss, double validationLoss, double seconds) {
    }

    /** The epoch with the lowest validation loss (the weights kept when early stopping is on). */
    public Epoch bestEpoch() {
        Epoch best = null;
        for (Epoch e : epochs) {
            if (best == null || e.validationLoss() < best.validationLoss()) {
                best = e;
            }
        }
        return best;
    }
}
