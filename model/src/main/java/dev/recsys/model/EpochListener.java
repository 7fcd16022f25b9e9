package dev.recsys.model;

/**
 * Told after each training epoch; validationLoss is NaN when training has no validation data.
 *
 * <p>The rating networks of an ensemble train side by side, each with its own epochs: the trainer reports through
 * {@link #onMemberEpoch}, which by default forgets the member. The ranking network reports through
 * {@link #onRankingEpoch}, ignored by default. Calls may come from several threads, one at a time.
 *
 * <p>A listener also ends a training early, in one of two ways: {@link #stopAfterEpoch} returning true keeps what has
 * been trained (a time budget), an exception thrown from a call discards it (a service that closes).
 */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds);

    /**
     * @param member  which rating network of the ensemble (1-based); 1 of 1 for a single network
     * @param members how many rating networks the ensemble has
     */
    default void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                               double seconds) {
        onEpoch(epoch, trainLoss, validationLoss, seconds);
    }

    /**
     * @param maxEpochs      the most epochs it may run (it stops earlier once validation stops improving)
     * @param validationNdcg the validation NDCG@10 after this epoch, NaN for an epoch without a validation
     */
    default void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double validationNdcg, double seconds) {
    }

    /**
     * Asked at the end of each epoch of each network but the last, after its report (the ranking network's: before
     * it, so that the epoch it stops after is validated): true ends that network's training there, and it keeps what
     * its early stopping would keep, the rating networks their best (or averaged) weights, the ranking network the
     * weights of its best validation NDCG. Never by default.
     *
     * @param seconds how long the epoch took: a budget can tell whether another would still fit
     */
    default boolean stopAfterEpoch(double seconds) {
        return false;
    }

    EpochListener NONE = (epoch, trainLoss, validationLoss, seconds) -> { };

    /** A listener that wants to know the member: it implements {@link #onMemberEpoch} alone. */
    abstract class PerMember implements EpochListener {
        @Override
        public final void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds) {
            onMemberEpoch(1, 1, epoch, trainLoss, validationLoss, seconds);
        }

        @Override
        public abstract void onMemberEpoch(int member, int members, int epoch, double trainLoss,
                                           double validationLoss, double seconds);
    }
}
