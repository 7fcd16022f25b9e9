package dev.recsys.trainer.data;

import dev.recsys.model.RatingData;

/**
 * Every valid rating of the log, in memory, split into a training and a validation slice by {@link ValidationSplit}.
 *
 * <p><b>Memory.</b> Each slice is a {@link RatingData}: three primitive columns (user id int, movie id int, rating
 * float), so a rating costs <b>12 bytes</b>, with no object per rating. The columns double when full, so capacity is
 * 12 to 24 bytes per rating, and a growth step briefly holds the old and new arrays (36 bytes). A retrain adds, for
 * its duration, an exact-size copy ({@link #snapshot()}, 12 bytes per rating) and the model trainer's encoded rows
 * and shuffle order (16 bytes per training rating): about 52 bytes per rating at the peak. The demo's 100,000
 * ratings hold 1.2 MB; ml-25m's 25 million about 300 MB, 1.3 GB while training.
 *
 * <p>Not thread-safe: the consumer thread is the only writer, and it hands training a snapshot, so training never
 * reads arrays that are growing.
 */
public final class RatingStore {
    private static final int INITIAL_CAPACITY = 1 << 14;

    private final ValidationSplit split;
    private final RatingData train = new RatingData(INITIAL_CAPACITY);
    private final RatingData validation = new RatingData(INITIAL_CAPACITY);

    public RatingStore(ValidationSplit split) {
        this.split = split;
    }

    /** Adds a rating to its slice; returns true when it went to the validation slice. */
    public boolean add(int userId, int movieId, float rating) {
        boolean held = split.isValidation(userId, movieId);
        (held ? validation : train).add(userId, movieId, rating);
        return held;
    }

    public int size() {
        return train.size() + validation.size();
    }

    public int trainSize() {
        return train.size();
    }

    public int validationSize() {
        return validation.size();
    }

    /** Exact-size copies of both slices, for a training run on another thread. */
    public Snapshot snapshot() {
        return new Snapshot(train.copy(), validation.copy());
    }

    /** Both slices as they were when the snapshot was taken. */
    public record Snapshot(RatingData train, RatingData validation) {
        public int size() {
            return train.size() + validation.size();
        }
    }
}
