package dev.recsys.trainer.training;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to retrain, and which kind of retrain. Nothing is trained on fewer than {@code minRatings} ratings, nor when
 * no rating arrived since the last training. The first model comes as soon as the minimum is there; after that, a
 * retrain is due once {@code everyRatings} new ratings have arrived, or {@code interval} after the last training if
 * anything arrived.
 *
 * <p>Most retrains are {@link Kind#INCREMENTAL}: a short one from the published model. A {@link Kind#FULL} one is due
 * on its own clock, {@code fullInterval} after the last full one (if anything arrived), and is also what the first
 * model is and what any retrain becomes when there is no published model to start from. The full clock is time, not
 * a count of retrains: the count's pace follows the traffic (every 10th retrain is every 10 minutes at peak, once a
 * day at night), while what a full retrain costs, and what it repairs (the drift of many short trainings on samples),
 * goes with time.
 *
 * @param everyRatings new ratings that make a retrain due; 0 turns the count off
 * @param interval     time after the last training that makes a retrain due when anything is new; zero turns it off
 * @param minRatings   ratings held before anything is trained
 * @param fullInterval time after the last full retrain that makes the next retrain full; zero: only the first model
 *                     (and a retrain without a model to start from) is full
 */
public record RetrainTrigger(long everyRatings, Duration interval, long minRatings, Duration fullInterval) {

    /** Why a retrain runs now. */
    public enum Reason {
        FIRST_MODEL("first model"),
        NEW_RATINGS("new ratings"),
        INTERVAL("interval"),
        FULL_INTERVAL("full retrain interval");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** What a retrain trains on and for how long (see {@link RetrainLimits}). */
    public enum Kind {
        /** On up to the larger sample, for the model's epochs: the first model, then now and then. */
        FULL("full"),
        /** From the published model, on a smaller sample of the latest users first, within a time budget. */
        INCREMENTAL("incremental");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A retrain that is due: why, and of which kind. */
    public record Retrain(Reason reason, Kind kind) {
    }

    public RetrainTrigger {
        if (everyRatings < 0 || interval.isNegative() || minRatings < 0 || fullInterval.isNegative()) {
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
     * @param lastFull     when the last full retrain started (or the model we continue from was made); null if never
     * @param warmStart    whether a published model is there to start from
     */
    public Optional<Retrain> due(long held, long newRatings, Instant lastTraining, Instant lastFull,
                                 boolean warmStart, Instant now) {
        if (held < minRatings || newRatings <= 0) {
            return Optional.empty();
        }
        Kind kind = kind(lastTraining, lastFull, warmStart, now);
        if (lastTraining == null) {
            return Optional.of(new Retrain(Reason.FIRST_MODEL, kind));
        }
        if (fullDue(lastFull, now)) {
            return Optional.of(new Retrain(Reason.FULL_INTERVAL, kind));
        }
        if (everyRatings > 0 && newRatings >= everyRatings) {
            return Optional.of(new Retrain(Reason.NEW_RATINGS, kind));
        }
        if (!interval.isZero() && !now.isBefore(lastTraining.plus(interval))) {
            return Optional.of(new Retrain(Reason.INTERVAL, kind));
        }
        return Optional.empty();
    }

    /** The kind of the next retrain, whenever it comes: full without a model to start from or when its time came. */
    public Kind kind(Instant lastTraining, Instant lastFull, boolean warmStart, Instant now) {
        return lastTraining == null || !warmStart || fullDue(lastFull, now) ? Kind.FULL : Kind.INCREMENTAL;
    }

    private boolean fullDue(Instant lastFull, Instant now) {
        return !fullInterval.isZero() && (lastFull == null || !now.isBefore(lastFull.plus(fullInterval)));
    }
}
