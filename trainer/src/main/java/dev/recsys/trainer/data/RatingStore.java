package dev.recsys.trainer.data;

import dev.recsys.model.HeldOut;
import dev.recsys.model.RatingData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Every valid rating of the log, in memory, split into a training and a validation slice by {@link ValidationSplit},
 * both in log order. For each validation rating the store also keeps how many training ratings its user had given
 * before it, so that it can judge the list the user held at that moment (the live protocol of {@link HeldOut}).
 *
 * <p><b>Memory.</b> Each slice is a {@link RatingData}: three primitive columns (user id int, movie id int, rating
 * float), so a rating costs <b>12 bytes</b>, with no object per rating. The columns double when full, so capacity is
 * 12 to 24 bytes per rating, and a growth step briefly holds the old and new arrays (36 bytes); a validation rating
 * has 4 bytes more (its position), and each user a counter. A retrain adds, for
 * its duration, an exact-size copy of what it trains on ({@link #snapshot}, 12 bytes per rating) and the model
 * trainer's encoded rows and shuffle order (about 40 bytes per training rating). The demo's 100,000 ratings hold
 * 1.2 MB; ml-25m's 25 million about 300 MB. What a retrain copies is bounded: past {@code maxTraining} training
 * ratings the snapshot holds a sample of whole users (see {@link #snapshot(long, long)}), so the working set of a
 * retrain stops growing with the log.
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
    // per user: training ratings so far, and the snapshot generation in which the user last rated
    private final Map<Integer, int[]> byUser = new HashMap<>();
    private int[] trainBefore = new int[INITIAL_CAPACITY];
    private int generation = 1;

    public RatingStore(ValidationSplit split) {
        this.split = split;
    }

    /** Adds a rating to its slice; returns true when it went to the validation slice. */
    public boolean add(int userId, int movieId, float rating) {
        int[] user = byUser.computeIfAbsent(userId, u -> new int[2]);
        user[1] = generation;
        if (split.isValidation(userId, movieId)) {
            if (validation.size() == trainBefore.length) {
                trainBefore = Arrays.copyOf(trainBefore, trainBefore.length * 2);
            }
            trainBefore[validation.size()] = user[0];
            validation.add(userId, movieId, rating);
            return true;
        }
        train.add(userId, movieId, rating);
        user[0]++;
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
                + (long) BYTES_PER_USER * byUser.size();
    }

    public int trainSize() {
        return train.size();
    }

    public int validationSize() {
        return validation.size();
    }

    /** Exact-size copies of both slices, for a training run on another thread. */
    public Snapshot snapshot() {
        return snapshot(Long.MAX_VALUE, 0);
    }

    /**
     * Copies for a training run on another thread: both slices whole while the training slice holds at most
     * {@code maxTraining} ratings, else a sample of whole users (each with all their training and validation
     * ratings, so histories and the validation protocol stay as they are) of at most that many training ratings:
     * first the users who rated since the last snapshot, in a seeded random order, then the others in one. Either
     * way in log order.
     *
     * @param seed decides the sample; a retrain passes its own, so that successive samples differ
     */
    public Snapshot snapshot(long maxTraining, long seed) {
        if (maxTraining < 1) {
            throw new IllegalArgumentException("maxTraining must be at least 1, got " + maxTraining);
        }
        int taken = generation++;
        if (train.size() <= maxTraining) {
            return new Snapshot(train.copy(), validation.copy(), Arrays.copyOf(trainBefore, validation.size()),
                    size(), byUser.size());
        }
        List<Integer> lately = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        byUser.forEach((userId, user) -> (user[1] == taken ? lately : others).add(userId));
        Random random = new Random(seed);
        // HashMap order follows the ids; sort first so the sample depends on the seed and the ratings only
        lately.sort(null);
        others.sort(null);
        Collections.shuffle(lately, random);
        Collections.shuffle(others, random);
        Set<Integer> chosen = new HashSet<>();
        long rows = 0;
        for (List<Integer> users : List.of(lately, others)) {
            for (int userId : users) {
                int trained = byUser.get(userId)[0];
                if (rows + trained <= maxTraining) {
                    chosen.add(userId);
                    rows += trained;
                }
            }
        }
        RatingData trainSample = new RatingData((int) rows);
        for (int i = 0; i < train.size(); i++) {
            if (chosen.contains(train.userId(i))) {
                trainSample.add(train.userId(i), train.movieId(i), train.rating(i));
            }
        }
        RatingData validationSample = new RatingData();
        int[] before = new int[16];
        for (int i = 0; i < validation.size(); i++) {
            if (chosen.contains(validation.userId(i))) {
                if (validationSample.size() == before.length) {
                    before = Arrays.copyOf(before, before.length * 2);
                }
                before[validationSample.size()] = trainBefore[i];
                validationSample.add(validation.userId(i), validation.movieId(i), validation.rating(i));
            }
        }
        return new Snapshot(trainSample, validationSample.copy(), Arrays.copyOf(before, validationSample.size()),
                size(), chosen.size());
    }

    /**
     * Both slices as they were when the snapshot was taken, whole or a sample of their users.
     *
     * @param trainBefore for each validation rating, how many training ratings of its user came before it
     * @param held        ratings the store held when the snapshot was taken
     * @param users       users the snapshot holds ratings of
     */
    public record Snapshot(RatingData train, RatingData validation, int[] trainBefore, long held, int users) {
        public int size() {
            return train.size() + validation.size();
        }

        /** Whether the snapshot holds a sample of the users rather than every rating. */
        public boolean sampled() {
            return size() < held;
        }

        /** Heap its columns take: what it adds to the store's for the length of a retrain. */
        public long bytesHeld() {
            return train.bytesHeld() + validation.bytesHeld() + 4L * trainBefore.length;
        }

        /** The validation slice as a model is judged on it live: each rating against the list its user held. */
        public HeldOut heldOut(int maxLists, long seed) {
            return HeldOut.nextRatings(train, validation, trainBefore, maxLists, seed);
        }
    }
}
