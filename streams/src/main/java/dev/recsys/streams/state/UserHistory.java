package dev.recsys.streams.state;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * What one user has rated, oldest first: movie id, rating and event time per entry, bounded to the most recent
 * {@code limit} distinct movies. Immutable: {@link #withRating} returns a new history. Kept as three primitive arrays
 * so that a user with a thousand ratings costs three small arrays, not a thousand objects.
 */
public final class UserHistory {
    public static final UserHistory EMPTY = new UserHistory(new int[0], new float[0], new long[0]);

    private final int[] movieIds;
    private final float[] ratings;
    private final long[] eventTimes;

    UserHistory(int[] movieIds, float[] ratings, long[] eventTimes) {
        if (movieIds.length != ratings.length || movieIds.length != eventTimes.length) {
            throw new IllegalArgumentException("history arrays differ in length");
        }
        this.movieIds = movieIds;
        this.ratings = ratings;
        this.eventTimes = eventTimes;
    }

    public int size() {
        return movieIds.length;
    }

    public int movieId(int i) {
        return movieIds[i];
    }

    public float rating(int i) {
        return ratings[i];
    }

    public long eventTime(int i) {
        return eventTimes[i];
    }

    /** The rated movie ids in ascending order, for binary search. */
    public int[] sortedMovieIds() {
        int[] sorted = movieIds.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** Positions of the k highest ratings, highest first; among equal ratings the latest first. */
    public int[] bestRated(int k) {
        return IntStream.range(0, size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -ratings[i]).thenComparing(i -> -i))
                .limit(Math.max(k, 0)).mapToInt(Integer::intValue).toArray();
    }

    /** The user's rating of the movie, or null if the history does not hold it. */
    public Float ratingOf(int movieId) {
        int i = indexOf(movieId);
        return i < 0 ? null : ratings[i];
    }

    public boolean contains(int movieId) {
        return indexOf(movieId) >= 0;
    }

    /**
     * This history plus one rating. A movie rated again moves to the newest position with its new rating (a re-rating
     * replaces, it does not count twice); past {@code limit} entries the oldest is dropped.
     */
    public UserHistory withRating(int movieId, float rating, long eventTime, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        int existing = indexOf(movieId);
        int kept = existing >= 0 ? size() - 1 : size();
        int drop = Math.max(0, kept + 1 - limit);
        int newSize = kept - drop + 1;
        int[] ids = new int[newSize];
        float[] rs = new float[newSize];
        long[] ts = new long[newSize];
        int skipped = 0;
        int j = 0;
        for (int i = 0; i < size(); i++) {
            if (i == existing) {
                continue;
            }
            if (skipped < drop) {
                skipped++;
                continue;
            }
            ids[j] = movieIds[i];
            rs[j] = ratings[i];
            ts[j] = eventTimes[i];
            j++;
        }
        ids[j] = movieId;
        rs[j] = rating;
        ts[j] = eventTime;
        return new UserHistory(ids, rs, ts);
    }

    private int indexOf(int movieId) {
        for (int i = movieIds.length - 1; i >= 0; i--) {
            if (movieIds[i] == movieId) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserHistory other && Arrays.equals(movieIds, other.movieIds)
                && Arrays.equals(ratings, other.ratings) && Arrays.equals(eventTimes, other.eventTimes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(movieIds) + Arrays.hashCode(ratings)) + Arrays.hashCode(eventTimes);
    }

    @Override
    public String toString() {
        return "UserHistory{size=" + size() + "}";
    }
}
