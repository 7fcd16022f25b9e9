package dev.recsys.trainer;

/**
 * What the trainer has done so far, for the demo's live view and for tests.
 *
 * @param ratingsHeld       valid ratings in memory (training and validation slices)
 * @param validationRatings of which held out to judge models
 * @param ratingBytesHeld   heap bytes those ratings take ({@code RatingStore.bytesHeld}; more during a retrain)
 * @param moviesKnown       movies with genres from the movies topic
 * @param badRecords        records skipped because they could not be decoded or used
 * @param versionsPublished models published by this instance
 * @param versionsRejected  models trained but not published because they were worse
 * @param trainingFailures  retrains that failed (and were retried at the next trigger)
 * @param currentVersion    the last published version (by any instance), 0 before the first
 * @param training          whether a retrain is running now
 * @param caughtUp          whether the log as it was at start has been read
 */
public record TrainerStats(long ratingsHeld, long validationRatings, long ratingBytesHeld, long moviesKnown,
                           long badRecords, long versionsPublished, long versionsRejected, long trainingFailures,
                           long currentVersion, boolean training, boolean caughtUp) {
}
