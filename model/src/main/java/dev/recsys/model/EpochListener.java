package dev.recsys.model;

/** Told after each training epoch; validationLoss is NaN when training has no validation data. */
@FunctionalInterface
public interface EpochListener {
    void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds);

    EpochListener NONE = (epoch, trainLoss, validationLoss, seconds) -> { };
}
