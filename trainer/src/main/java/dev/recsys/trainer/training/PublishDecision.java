package dev.recsys.trainer.training;

/**
 * Whether a newly trained model replaces the published one. Both are scored on the same validation slice, the one
 * the new model was trained beside (it holds the same (user, movie) pairs on every retrain, so no published model
 * was trained on it), each user read from their training history, as serving reads them: the rating networks by
 * MSE, the lists by NDCG@10 (relevant: a held-out rating of 4 or more). The new model must be worse at neither. A
 * drop in NDCG counts only beyond twice its paired standard error (the per-user differences on the slice): NDCG over
 * a few hundred users moves by a few per cent by chance alone, and a model trained on more data should not wait for
 * luck to be published.
 *
 * @param candidateMse  validation MSE of the new model
 * @param currentMse    validation MSE of the published model on the same slice; NaN when there is none
 * @param candidateNdcg validation NDCG@10 of the new model's lists
 * @param currentNdcg   the same for the published model; NaN when there is none
 */
public record PublishDecision(boolean publish, double candidateMse, double currentMse, double candidateNdcg,
                              double currentNdcg, String reason) {
    /** How many standard errors of the paired difference a drop in NDCG must exceed to count. */
    static final double NDCG_NOISE_ERRORS = 2;

    /**
     * @param validationSize ratings in the validation slice
     * @param ndcgError      the standard error of the per-user difference in NDCG (NaN: unknown, taken as 0)
     * @param tolerance      relative slack: publish when candidate MSE <= current * (1 + tolerance) and candidate
     *                       NDCG >= current * (1 - tolerance) (or within the noise)
     */
    public static PublishDecision decide(int validationSize, double candidateMse, double currentMse,
                                         double candidateNdcg, double currentNdcg, double ndcgError,
                                         double tolerance) {
        if (validationSize == 0) {
            return new PublishDecision(true, candidateMse, currentMse, candidateNdcg, currentNdcg,
                    "no validation slice (validation fraction 0): published without comparison");
        }
        if (!Double.isFinite(candidateMse)) {
            return new PublishDecision(false, candidateMse, currentMse, candidateNdcg, currentNdcg,
                    "the new model's validation MSE is not finite: training diverged");
        }
        if (Double.isNaN(currentMse)) {
            return new PublishDecision(true, candidateMse, currentMse, candidateNdcg, currentNdcg,
                    "no published model to compare with");
        }
        String beyond = tolerance > 0 ? " beyond the tolerance " + tolerance : "";
        if (candidateMse > currentMse * (1 + tolerance)) {
            return new PublishDecision(false, candidateMse, currentMse, candidateNdcg, currentNdcg,
                    "predicts ratings worse than the published model" + beyond);
        }
        // NaN when the slice holds no rating of 4 or more: then the lists cannot be compared, only the ratings
        double noise = Double.isNaN(ndcgError) ? 0 : NDCG_NOISE_ERRORS * ndcgError;
        if (!Double.isNaN(candidateNdcg) && !Double.isNaN(currentNdcg)
                && candidateNdcg < currentNdcg * (1 - tolerance) && currentNdcg - candidateNdcg > noise) {
            return new PublishDecision(false, candidateMse, currentMse, candidateNdcg, currentNdcg,
                    "ranks worse than the published model" + beyond + (noise > 0 ? String.format(
                            java.util.Locale.ROOT, " and its noise (%.4f)", noise) : ""));
        }
        return new PublishDecision(true, candidateMse, currentMse, candidateNdcg, currentNdcg,
                "not worse than the published model");
    }
}
