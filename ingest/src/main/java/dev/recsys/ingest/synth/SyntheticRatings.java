package dev.recsys.ingest.synth;

import dev.recsys.schemas.Genre;

/**
 * A generated data set in memory, before it is written: movies with genres and years, users with demographics,
 * and the ratings in u.data order (by timestamp). Ids are 1-based as in MovieLens; arrays are indexed from 0.
 */
record SyntheticRatings(int[][] movieGenres, int[] movieYears, int[] userAges, boolean[] userMale,
                        String[] userOccupations, int[] userZips,
                        int[] ratingUser, int[] ratingMovie, int[] ratingStars, long[] ratingSeconds,
                        LatentTaste taste) {

    // ml-100k's u.occupation
    static final String[] OCCUPATIONS = {"administrator", "artist", "doctor", "educator", "engineer", "entertainment",
        "executive", "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none", "other", "programmer",
        "retired", "salesman", "scientist", "student", "technician", "writer"};

    // How many ml-100k movies carry each genre, in Genre ordinal order: genres are drawn with these weights.
    static final double[] GENRE_FREQUENCY = {0, 251, 135, 42, 122, 505, 109, 50, 725, 22, 24, 92, 56, 61, 247, 101,
        251, 71, 27};

    static {
        if (GENRE_FREQUENCY.length != Genre.values().length) {
            throw new IllegalStateException("GENRE_FREQUENCY must have one weight per Genre");
        }
    }

    int users() {
        return userAges.length;
    }

    int movies() {
        return movieGenres.length;
    }

    int ratings() {
        return ratingUser.length;
    }
}
