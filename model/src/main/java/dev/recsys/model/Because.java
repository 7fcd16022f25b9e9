package dev.recsys.model;

import java.util.Arrays;

/**
 * The rated movies that contributed most to one movie's ranking score, largest first: each one's contribution is how
 * much the score drops when that rating is left out of the user's history (in the ranking network's logit units).
 */
public record Because(int[] ratedMovieIds, float[] contributions) {
    public static final Because NOTHING = new Because(new int[0], new float[0]);

    public Because {
        if (ratedMovieIds.length != contributions.length) {
            throw new IllegalArgumentException("movies and contributions differ in length");
        }
    }

    public int size() {
        return ratedMovieIds.length;
    }

    /** The history's entries with the largest positive contributions, at most limit of them, largest first. */
    static Because largest(History history, float[] contributions, int limit) {
        TopK top = new TopK(limit);
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] > 0) {
                top.offer(i, contributions[i]);
            }
        }
        Ranked best = top.result();
        int n = best.size();
        int[] ids = new int[n];
        for (int j = 0; j < n; j++) {
            ids[j] = history.movieId(best.ids()[j]);
        }
        return new Because(ids, Arrays.copyOf(best.scores(), n));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Because other && Arrays.equals(ratedMovieIds, other.ratedMovieIds)
                && Arrays.equals(contributions, other.contributions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ratedMovieIds) + Arrays.hashCode(contributions);
    }
}
