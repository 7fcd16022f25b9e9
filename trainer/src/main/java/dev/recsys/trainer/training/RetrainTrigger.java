package dev.recsys.trainer.training;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to retrain. Nothing is trained on fewer than {@code minRatings} ratings, nor when no rating arrived since the
 * last training. The first model comes as soon as the minimum is there; after that, a retrain is due once
 * {@code everyRatings} new ratings have arrived, or {@code interval} after the last training if anything arrived.
 *
 * @param everyRatings new ratings that make a retrain due; 0 turns the count off
 * @param interval     time after the last training that makes a retrain due when anything is new; zero turns it off
 * @param minRatings   ratings held before anything is trained
 */
public record RetrainTrigger(long everyRatings, Duration interval, long minRatings) {

    public enum Reason {
        FIRST_MODEL("first model"),
        NEW_RATINGS("new ratings"),
        INTERVAL("interval");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public RetrainTrigger {
        if (everyRatings < 0 || interval.isNegative() || minRatings < 0) {
            throw new IllegalArgumentException("trigger settings must not be negative");
        }
        if (everyRatings == 0 && interval.isZero()) {
            throw new IllegalArgumentException("a trigger needs a rating count or an interval");
        }
    }

    /**
     * @param held         valid ratings held now
     * @param newRatings   ratings that arrived after those the last training (or the last published model) used
     * @param lastTraining when the last training started, or when the model we continue from was made;
     *                     null when there is neither
     */
    public Optional<Reason> due(long held, long newRatings, Instant lastTraining, Instant now) {
        if (held < minRatings || newRatings <= 0) {
            return Optional.empty();
        }
        if (lastTraining == null) {
            return Optional.of(Reason.FIRST_MODEL);
        }
        if (everyRatings > 0 && newRatings >= everyRatings) {
            return Optional.of(Reason.NEW_RATINGS);
        }
        if (!interval.isZero() && !now.isBefore(lastTraining.plus(interval))) {
            return Optional.of(Reason.INTERVAL);
        }
        return Optional.empty();
    }
}
