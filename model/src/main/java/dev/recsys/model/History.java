package dev.recsys.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one user has rated: raw movie ids and their ratings, oldest first, each movie once. The user's side of every
 * score comes from it (the model holds no per-user rows), so a new rating changes the user's list at once and a user
 * the model has never seen is scored from their first rating on.
 */
public record History(int[] movieIds, float[] ratings) {
    public static final History EMPTY = new History(new int[0], new float[0]);

    public History {
        if (movieIds.length != ratings.length) {
            throw new IllegalArgumentException(movieIds.length + " movies and " + ratings.length + " ratings");
        }
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

    /**
     * Every user's history in the ratings, in their order; a movie rated twice keeps its last rating, at the place
     * of that last rating.
     */
    public static Map<Integer, History> byUser(RatingData... parts) {
        Map<Integer, LinkedHashMap<Integer, Float>> byUser = new HashMap<>();
        for (RatingData part : parts) {
            for (int i = 0; i < part.size(); i++) {
                LinkedHashMap<Integer, Float> rated = byUser.computeIfAbsent(part.userId(i),
                        u -> new LinkedHashMap<>());
                rated.remove(part.movieId(i));
                rated.put(part.movieId(i), part.rating(i));
            }
        }
        Map<Integer, History> out = new HashMap<>(byUser.size() * 2);
        byUser.forEach((user, rated) -> {
            int[] ids = new int[rated.size()];
            float[] values = new float[rated.size()];
            int k = 0;
            for (Map.Entry<Integer, Float> entry : rated.entrySet()) {
                ids[k] = entry.getKey();
                values[k] = entry.getValue();
                k++;
            }
            out.put(user, new History(ids, values));
        });
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History other && Arrays.equals(movieIds, other.movieIds)
                && Arrays.equals(ratings, other.ratings);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(movieIds) + Arrays.hashCode(ratings);
    }

    @Override
    public String toString() {
        return "History[size=" + size() + "]";
    }
}
