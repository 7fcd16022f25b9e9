package dev.recsys.trainer.training;

import java.util.List;

/**
 * Where the running retrain is, for the status endpoint: which version it would become, why it runs, and each
 * member's latest epoch.
 *
 * @param candidateVersion  the version the model gets if it is published
 * @param reason            what triggered the retrain: first model, new ratings, interval or full retrain interval
 * @param kind              full (the first model, then now and then) or incremental (short, on the latest users)
 * @param startedAt         when training started, ISO-8601
 * @param warmStartVersion  the published version it starts from; null when trained from scratch
 * @param trainRatings      ratings it trains on
 * @param validationRatings ratings it is judged on
 * @param ratingsHeld       ratings the trainer held when it started: more than the two above when it trains on a
 *                          sample of the users
 * @param maxEpochs         epochs at most, per member (early stopping or the budget may end a member sooner)
 * @param budgetSeconds     how long the networks may train; null when there is no budget
 * @param budgetSpent       whether the budget ended a network's training
 * @param members           one entry per rating network of the ensemble, in member order
 * @param ranking           the ranking network's latest epoch; null for a model without one
 * @param phase             training, judging (scoring both models on validation) or publishing
 */
public record TrainingProgress(long candidateVersion, String reason, String kind, String startedAt,
                               Long warmStartVersion, int trainRatings, int validationRatings, long ratingsHeld,
                               int maxEpochs, Double budgetSeconds, boolean budgetSpent, List<Member> members,
                               Ranking ranking, String phase) {

    public TrainingProgress {
        members = List.copyOf(members);
    }

    /** A figure as the status shows it: null when it is not defined (NaN, or infinite), never NaN. */
    public static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * One member's latest finished epoch; epoch 0 and null losses before its first.
     *
     * @param validationLoss null when training has no validation slice
     */
    public record Member(int member, int epoch, Double trainLoss, Double validationLoss) {
        static Member of(int member, int epoch, double trainLoss, double validationLoss) {
            return new Member(member, epoch, finite(trainLoss), finite(validationLoss));
        }
    }

    /**
     * The ranking network's latest epoch (it stops early once its validation NDCG@10 stops improving); epoch 0 and
     * nulls before its first.
     *
     * @param bestValidationNdcg the best validation NDCG@10 so far: the weights it keeps; null before the first
     *                           validation
     */
    public record Ranking(int epoch, int maxEpochs, Double trainLoss, Double bestValidationNdcg) {
        static Ranking of(int epoch, int maxEpochs, double trainLoss, Double best) {
            return new Ranking(epoch, maxEpochs, finite(trainLoss), best);
        }
    }
}
