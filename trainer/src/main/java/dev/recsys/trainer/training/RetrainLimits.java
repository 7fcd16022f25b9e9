package dev.recsys.trainer.training;

import java.time.Duration;

/**
 * How much each kind of retrain trains on and for how long. A sample is of whole users, those who rated since the
 * last retrain first ({@link dev.recsys.trainer.data.RatingStore#snapshot(long, long)}); a budget ends each network's
 * training at the end of the epoch after which another would not fit ({@link EpochProgress}).
 *
 * @param fullMaxRatings        training ratings of a full retrain at most
 * @param fullBudget            a full retrain's training time; zero: none, the model's epochs and early stopping
 * @param incrementalMaxRatings training ratings of an incremental retrain at most
 * @param incrementalBudget     an incremental retrain's training time; zero: none
 */
public record RetrainLimits(long fullMaxRatings, Duration fullBudget, long incrementalMaxRatings,
                            Duration incrementalBudget) {

    /** No sample and no budget for either kind: every retrain trains on everything for the model's epochs. */
    public static final RetrainLimits NONE = new RetrainLimits(Long.MAX_VALUE, Duration.ZERO, Long.MAX_VALUE,
            Duration.ZERO);

    public RetrainLimits {
        if (fullMaxRatings < 1 || incrementalMaxRatings < 1) {
            throw new IllegalArgumentException("a retrain needs at least 1 rating to train on");
        }
        if (fullBudget.isNegative() || incrementalBudget.isNegative()) {
            throw new IllegalArgumentException("a training budget must not be negative");
        }
    }

    public long maxRatings(RetrainTrigger.Kind kind) {
        return kind == RetrainTrigger.Kind.FULL ? fullMaxRatings : incrementalMaxRatings;
    }

    /** Zero when the kind has no budget. */
    public Duration budget(RetrainTrigger.Kind kind) {
        return kind == RetrainTrigger.Kind.FULL ? fullBudget : incrementalBudget;
    }
}
