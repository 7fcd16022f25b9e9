package dev.recsys.model;

import dev.recsys.schemas.RatingEvent;

import java.util.Arrays;
import java.util.List;

/** Ratings in columns (user id, movie id, rating), growable, without an object per rating. */
public final class RatingData {
    private int[] userIds;
    private int[] movieIds;
    private float[] ratings;
    private int size;

    public RatingData() {
        this(1024);
    }

    public RatingData(int capacity) {
        int c = Math.max(capacity, 16);
        userIds = new int[c];
        movieIds = new int[c];
        ratings = new float[c];
    }

    public static RatingData from(List<RatingEvent> events) {
        RatingData data = new RatingData(events.size());
        for (RatingEvent e : events) {
            data.add(e.getUserId(), e.getMovieId(), e.getRating());
        }
        return data;
    }

    public void add(int userId, int movieId, float rating) {
        if (!Float.isFinite(rating)) {
            throw new IllegalArgumentException("rating must be finite, got " + rating);
        }
        if (size == userIds.length) {
            int c = size * 2;
            userIds = Arrays.copyOf(userIds, c);
            movieIds = Arrays.copyOf(movieIds, c);
            ratings = Arrays.copyOf(ratings, c);
        }
        userIds[size] = userId;
        movieIds[size] = movieId;
        ratings[size] = rating;
        size++;
    }

    public int size() {
        return size;
    }

    /** Bytes of its three columns at their present capacity (which doubles when full), headers left out. */
    public long bytesHeld() {
        return 12L * userIds.length;
    }

    public int userId(int i) {
        checkIndex(i);
        return userIds[i];
    }

    public int movieId(int i) {
        checkIndex(i);
        return movieIds[i];
    }

    public float rating(int i) {
        checkIndex(i);
        return ratings[i];
    }

    /** A copy of exactly this size (at least the minimum capacity), independent of this one. */
    public RatingData copy() {
        RatingData out = new RatingData(size);
        System.arraycopy(userIds, 0, out.userIds, 0, size);
        System.arraycopy(movieIds, 0, out.movieIds, 0, size);
        System.arraycopy(ratings, 0, out.ratings, 0, size);
        out.size = size;
        return out;
    }

    /** The ratings at the given positions, in that order. */
    public RatingData select(int[] indices) {
        RatingData out = new RatingData(indices.length);
        for (int i : indices) {
            out.add(userId(i), movieId(i), rating(i));
        }
        return out;
    }

    /** Mean rating; 0 for no ratings. */
    public double meanRating() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += ratings[i];
        }
        return size == 0 ? 0 : sum / size;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
    }

    @Override
    public String toString() {
        return "RatingData[size=" + size + "]";
    }
}
