package dev.recsys.trainer;

import dev.recsys.trainer.training.PublishDecision;
import dev.recsys.trainer.training.TrainingProgress;

import java.util.Map;

/**
 * What the trainer is doing, as {@code GET /status} shows it: a person can follow the service without its logs.
 * Figures that are not defined (no published model yet, no validation slice) are null.
 *
 * @param state    what it is doing: reading the log, waiting, training, stopped or failed
 * @param error    why the service failed; null otherwise
 * @param stats    counters: ratings held, versions published and rejected, ...
 * @param next     what the next retrain waits for
 * @param training the retrain in progress; null between retrains
 * @param lastDecision the decision on the last model trained; null before the first
 * @param published    the last published version and its metrics; null before the first
 */
public record TrainerStatus(TrainerState state, String error, TrainerStats stats, NextRetrain next,
                            TrainingProgress training, Decision lastDecision, Published published) {

    /**
     * @param newRatings      ratings that arrived since the last training started
     * @param everyRatings    new ratings that make a retrain due; 0 when the count trigger is off
     * @param intervalSeconds seconds after the last training that make a retrain due if anything is new; 0 = off
     * @param minRatings      ratings held before the first model
     * @param lastTrainingAt  when the last training started (or the published model was made), ISO-8601; null if never
     * @param kind            what the next retrain will be if it comes now: full or incremental
     * @param fullIntervalSeconds seconds after the last full retrain that make the next one full; 0 = only the first
     * @param lastFullTrainingAt  when the last full retrain started (or the published model was made); null if never
     * @param maxTrainingRatings  training ratings of the next retrain at most (a sample of users past that)
     * @param budgetSeconds   training time of the next retrain; null when it has no budget
     */
    public record NextRetrain(long newRatings, long everyRatings, long intervalSeconds, long minRatings,
                              String lastTrainingAt, String kind, long fullIntervalSeconds, String lastFullTrainingAt,
                              long maxTrainingRatings, Double budgetSeconds) {
    }

    /** {@link PublishDecision} with its undefined figures as null. */
    public record Decision(boolean publish, Double candidateMse, Double currentMse, Double candidateNdcg,
                           Double currentNdcg, String reason) {
        static Decision of(PublishDecision d) {
            return d == null ? null
                    : new Decision(d.publish(), TrainingProgress.finite(d.candidateMse()),
                            TrainingProgress.finite(d.currentMse()), TrainingProgress.finite(d.candidateNdcg()),
                            TrainingProgress.finite(d.currentNdcg()), d.reason());
        }
    }

    /** @param metrics as published in the ModelUpdate: val_mse, val_ndcg_at_10, blend_weight, train_seconds, ... */
    public record Published(long version, Map<String, Double> metrics) {
    }
}
