package dev.recsys.trainer.training;

/** Where the consumer thread hands retrains: one at a time, on another thread. */
public interface JobRunner {
    boolean busy();

    /** Whether a retrain now would start from a published model: else it has to be a full one. */
    boolean canWarmStart();

    /** Starts the job unless one is running; returns whether it started. */
    boolean submit(TrainingJob job);
}
