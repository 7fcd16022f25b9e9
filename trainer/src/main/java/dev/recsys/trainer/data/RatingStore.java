package dev.recsys.trainer.data;

import dev.recsys.model.HeldOut;
import dev.recsys.model.RatingData;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every valid rating of the log, in memory, split into a training and a validation slice by {@link ValidationSplit},
 * both in log order. For each validation rating the store also keeps how many training ratings its user had given
 * before it, so that it can judge the list the user held at that moment (the live protocol of {@link HeldOut}).
 *
 * <p><b>Memory.</b> Each slice is a {@link RatingData}: three primitive columns (user id int, movie id int, rating
 * float), so a rating costs <b>12 bytes</b>, with no object per rating. The columns double when full, so capacity is
 * 12 to 24 bytes per rating, and a growth step briefly holds the old and new arrays (36 bytes); a validation rating
 * has 4 bytes more (its position), and each user a counter. A retrain adds, for
 * its duration, an exact-size copy ({@link #snapshot()}, 12 bytes per rating) and the model trainer's encoded rows
 * and shuffle order (16 bytes per training rating): about 52 bytes per rating at the peak. The demo's 100,000
 * ratings hold 1.2 MB; ml-25m's 25 million about 300 MB, 1.3 GB while training.
 *
 * <p>Not thread-safe: the consumer thread is the only writer, and it hands training a snapshot, so training never
 * reads arrays that are growing.
 */
public final class RatingStore {
    private static final int INITIAL_CAPACITY = 1 << 14;
    // a user's counter: its HashMap node (32), boxed key (16), int[1] (16) and table slot (about 8 of 4-8)
    static final int BYTES_PER_USER = 72;

    private final ValidationSplit split;
    private final RatingData train = new RatingData(INITIAL_CAPACITY);
    private final RatingData validation = new RatingData(INITIAL_CAPACITY);
    private final Map<Integer, int[]> trainedByUser = new HashMap<>();
    private int[] trainBefore = new int[INITIAL_CAPACITY];

    public RatingStore(ValidationSplit split) {
        this.split = split;
    }

    /** Adds a rating to its slice; returns true when it went to the validation slice. */
    public boolean add(int userId, int movieId, float rating) {
        int[] trained = trainedByUser.computeIfAbsent(userId, u -> new int[1]);
        if (split.isValidation(userId, movieId)) {
            if (validation.size() == trainBefore.length) {
                trainBefore = Arrays.copyOf(trainBefore, trainBefore.length * 2);
            }
            trainBefore[validation.size()] = trained[0];
            validation.add(userId, movieId, rating);
            return true;
        }
        train.add(userId, movieId, rating);
        trained[0]++;
        return false;
    }

    public int size() {
        return train.size() + validation.size();
    }

    /**
     * What the store holds on the heap by the layout above: both slices' columns and the positions at their present
     * capacity, and the users' counters; so that a soak can tell the log growing as designed from a leak.
     */
    public long bytesHeld() {
        return train.bytesHeld() + validation.bytesHeld() + 4L * trainBefore.length
                + (long) BYTES_PER_USER * trainedByUser.size();
    }

    public int trainSize() {
        return train.size();
    }

    public int validationSize() {
        return validation.size();
    }

    /** Exact-size copies of both slices, for a training run on another thread. */
    public Snapshot snapshot() {
        return new Snapshot(train.copy(), validation.copy(), Arrays.copyOf(trainBefore, validation.size()));
    }

    /**
     * Both slices as they were when the snapshot was taken.
     *
     * @param trainBefore for each validation rating, how many training ratings of its user came before it
     */
    public record Snapshot(RatingData train, RatingData validation, int[] trainBefore) {
        public int size() {
            return train.size() + validation.size();
        }

        /** The validation slice as a model is judged on it live: each rating against the list its user held. */
        public HeldOut heldOut(int maxLists, long seed) {
            return HeldOut.nextRatings(train, validation, trainBefore, maxLists, seed);
        }
    }
}
