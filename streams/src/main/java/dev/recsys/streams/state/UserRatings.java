package dev.recsys.streams.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * in the order of the entries' sequence numbers. The processor's reads mostly come from memory (see the
 * constructor); what each rating writes to the store and its changelog no longer grows with the user's history.
 */
public final class UserRatings {
    private static final IntegerSerializer USER_PREFIX = new IntegerSerializer();

    private final KeyValueStore<Long, RatedMovie> store;
    private final long maxCachedEntries;
    private final LinkedHashMap<Integer, Read> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedEntries;

    /** A history as read (or last written) with the sequence its next rating gets. */
    private record Read(UserHistory history, int nextSequence) {
    }

    /**
     * The store of one task, with the histories of its most recently rating users kept in memory, up to about
     * {@code maxCachedEntries} entries in all (16 bytes each), least recently used out first. A scan costs a
     * microsecond or so per entry through RocksDB's JNI iterator, which took a fifth of the app's throughput; a user
     * who rates again finds the history here. It holds nothing the store does not, and lives as long as this object:
     * the processor makes a new one at every init, and a task whose transaction aborted is initialised again after
     * Streams has rebuilt its store (which held the aborted writes too).
     */
    public UserRatings(KeyValueStore<Long, RatedMovie> store, long maxCachedEntries) {
        this.store = store;
        this.maxCachedEntries = maxCachedEntries;
    }

    /** The store key of a user's rating of a movie: user id in the high 32 bits, movie id in the low. */
    public static long key(int userId, int movieId) {
        return (long) userId << 32 | movieId & 0xFFFF_FFFFL;
    }

    /** The user's history as {@link UserHistory#withRating} built it, oldest first; empty for an unknown user. */
    public static UserHistory history(ReadOnlyKeyValueStore<Long, RatedMovie> store, int userId) {
        return scan(store, userId).history();
    }

    /** As {@link #history(ReadOnlyKeyValueStore, int)}, from memory when the user rated lately. */
    public UserHistory history(int userId) {
        Read read = recent.get(userId);
        if (read == null) {
            read = scan(store, userId);
            remember(userId, read);
        }
        return read.history();
    }

    /**
     * Stores the change from {@code before} (the stored history) to {@code after}, which is {@code before} plus one
     * rating ({@link UserHistory#withRating}): the rating as the newest entry (over the movie's earlier one, if any),
     * and a delete of each oldest entry the limit dropped.
     */
    public void add(int userId, UserHistory before, UserHistory after) {
        Read read = recent.get(userId);
        int sequence = read != null && read.history() == before ? read.nextSequence() : nextSequence(userId, before);
        if (sequence < 0) {
            throw new IllegalStateException("user " + userId + " has rated more than " + Integer.MAX_VALUE
                    + " times: the history's sequence numbers are exhausted");
        }
        int newest = after.size() - 1;
        int movieId = after.movieId(newest);
        store.put(key(userId, movieId), new RatedMovie(after.rating(newest), after.eventTime(newest), sequence));
        boolean rerated = before.contains(movieId);
        int dropped = before.size() - (rerated ? 1 : 0) + 1 - after.size();
        for (int i = 0; dropped > 0; i++) {
            if (before.movieId(i) != movieId) {
                store.delete(key(userId, before.movieId(i)));
                dropped--;
            }
        }
        remember(userId, new Read(after, sequence + 1));
    }

    private void remember(int userId, Read read) {
        Read replaced = recent.put(userId, read);
        // a user counts one more than the entries, so that empty histories are bounded too
        cachedEntries += read.history().size() + 1 - (replaced == null ? 0 : replaced.history().size() + 1);
        Iterator<Read> eldest = recent.values().iterator();
        while (cachedEntries > maxCachedEntries && eldest.hasNext()) {
            cachedEntries -= eldest.next().history().size() + 1;
            eldest.remove();
        }
    }

    private int nextSequence(int userId, UserHistory before) {
        if (before.size() == 0) {
            return 0;
        }
        int movieId = before.movieId(before.size() - 1);
        RatedMovie rated = store.get(key(userId, movieId));
        if (rated == null) {
            throw new IllegalStateException("user " + userId + "'s newest movie " + movieId + " is not in the store");
        }
        return rated.sequence() + 1;
    }

    private static Read scan(ReadOnlyKeyValueStore<Long, RatedMovie> store, int userId) {
        List<KeyValue<Long, RatedMovie>> entries = new ArrayList<>();
        try (KeyValueIterator<Long, RatedMovie> scan = store.prefixScan(userId, USER_PREFIX)) {
            scan.forEachRemaining(entries::add);
        }
        if (entries.isEmpty()) {
            return new Read(UserHistory.EMPTY, 0);
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
        int newest = (int) (order[order.length - 1] >>> 32);
        return new Read(new UserHistory(movieIds, ratings, eventTimes), newest + 1);
    }
}
