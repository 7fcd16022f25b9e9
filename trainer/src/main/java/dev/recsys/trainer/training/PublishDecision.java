package dev.recsys.trainer.training;

/**
 * Whether a newly trained model replaces the published one. Both are scored on the same validation slice, the one
 * the new model was trained beside, so the comparison is fair even as the slice grows: the published model meets
 * users and movies it has never seen through its cold-start rows, which is what serving it would do too.
 *
 * @param candidateMse validation MSE of the new model
 * @param currentMse   validation MSE of the published model on the same slice; NaN when there is none
 */
public record PublishDecision(boolean publish, double candidateMse, double currentMse, String reason) {

    /**
     * @param validationSize ratings in the validation slice
     * @param tolerance      relative slack: publish when candidate <= current * (1 + tolerance)
     */
    public static PublishDecision decide(int validationSize, double candidateMse, double currentMse,
                                         double tolerance) {
        if (validationSize == 0) {
            return new PublishDecision(true, candidateMse, currentMse,
                    "no validation slice (validation fraction 0): published without comparison");
        }
        if (!Double.isFinite(candidateMse)) {
            return new PublishDecision(false, candidateMse, currentMse,
                    "the new model's validation MSE is not finite: training diverged");
        }
        if (Double.isNaN(currentMse)) {
            return new PublishDecision(true, candidateMse, currentMse, "no published model to compare with");
        }
        double limit = currentMse * (1 + tolerance);
        if (candidateMse <= limit) {
            return new PublishDecision(true, candidateMse, currentMse, "not worse than the published model");
        }
        return new PublishDecision(false, candidateMse, currentMse,
                "worse than the published model" + (tolerance > 0 ? " beyond the tolerance " + tolerance : ""));
    }
}
