package dev.recsys.streams.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The users' histories as a store of one entry per (user, movie), so that a rating writes one small entry (plus one
 * delete once the user is at the history limit) instead of the user's whole history. The key is the user id then
 * the movie id, both big-endian in one long, so a user's entries are one prefix scan; the history is rebuilt from it
 * in the order of the entries' sequence numbers. Reads are cheap (RocksDB, and the scan is needed to score anyway);
 * what each rating writes to the store and its changelog no longer grows with the user's history.
 */
public final class UserRatings {
    private static final IntegerSerializer USER_PREFIX = new IntegerSerializer();

    private UserRatings() {
    }

    /** The store key of a user's rating of a movie: user id in the high 32 bits, movie id in the low. */
    public static long key(int userId, int movieId) {
        return (long) userId << 32 | movieId & 0xFFFF_FFFFL;
    }

    /** The user's history as {@link UserHistory#withRating} built it, oldest first; empty for an unknown user. */
    public static UserHistory history(ReadOnlyKeyValueStore<Long, RatedMovie> store, int userId) {
        List<KeyValue<Long, RatedMovie>> entries = new ArrayList<>();
        try (KeyValueIterator<Long, RatedMovie> scan = store.prefixScan(userId, USER_PREFIX)) {
            scan.forEachRemaining(entries::add);
        }
        if (entries.isEmpty()) {
            return UserHistory.EMPTY;
        }
        // sequences are non-negative ints: sequence and position packed in one long sort as the sequence does
        long[] order = new long[entries.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (long) entries.get(i).value.sequence() << 32 | i;
        }
        Arrays.sort(order);
        int[] movieIds = new int[order.length];
        float[] ratings = new float[order.length];
        long[] eventTimes = new long[order.length];
        for (int j = 0; j < order.length; j++) {
            KeyValue<Long, RatedMovie> entry = entries.get((int) order[j]);
            movieIds[j] = (int) (long) entry.key;
            ratings[j] = entry.value.rating();
            eventTimes[j] = entry.value.eventTime();
        }
        return new UserHistory(movieIds, ratings, eventTimes);
    }

    /**
     * Stores the change from {@code before} (the stored history) to {@code after}, which is {@code before} plus one
     * rating ({@link UserHistory#withRating}): the rating as the newest entry (over the movie's earlier one, if any),
     * and a delete of each oldest entry the limit dropped.
     */
    public static void store(KeyValueStore<Long, RatedMovie> store, int userId, UserHistory before,
                             UserHistory after) {
        int newest = after.size() - 1;
        int movieId = after.movieId(newest);
        int sequence = before.size() == 0 ? 0 : sequenceOf(store, userId, before.movieId(before.size() - 1)) + 1;
        if (sequence < 0) {
            throw new IllegalStateException("user " + userId + " has rated more than " + Integer.MAX_VALUE
                    + " times: the history's sequence numbers are exhausted");
        }
        store.put(key(userId, movieId), new RatedMovie(after.rating(newest), after.eventTime(newest), sequence));
        boolean rerated = before.contains(movieId);
        int dropped = before.size() - (rerated ? 1 : 0) + 1 - after.size();
        for (int i = 0; dropped > 0; i++) {
            if (before.movieId(i) != movieId) {
                store.delete(key(userId, before.movieId(i)));
                dropped--;
            }
        }
    }

    private static int sequenceOf(ReadOnlyKeyValueStore<Long, RatedMovie> store, int userId, int movieId) {
        RatedMovie rated = store.get(key(userId, movieId));
        if (rated == null) {
            throw new IllegalStateException("user " + userId + "'s newest movie " + movieId + " is not in the store");
        }
        return rated.sequence();
    }
}
