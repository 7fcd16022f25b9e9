package dev.recsys.trainer.training;

/** Thrown between epochs when the service closes during a training: the half-trained model is dropped. */
public final class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException() {
        super("training cancelled: the trainer is closing");
    }
}
