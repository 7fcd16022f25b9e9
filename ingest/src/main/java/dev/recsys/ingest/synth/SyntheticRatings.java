package dev.recsys.ingest.synth;

/**
 * A generated data set in memory, before it is written: the world it was drawn from and the ratings in u.data
 * order (by timestamp). Ids are 1-based as in MovieLens; arrays are indexed from 0.
 */
record SyntheticRatings(SyntheticWorld world, int[] ratingUser, int[] ratingMovie, int[] ratingStars,
                        long[] ratingSeconds) {

    int[][] movieGenres() {
        return world.movieGenres();
    }

    LatentTaste taste() {
        return world.taste();
    }

    int users() {
        return world.users();
    }

    int movies() {
        return world.movies();
    }

    int ratings() {
        return ratingUser.length;
    }
}
