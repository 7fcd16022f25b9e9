package dev.recsys.ingest.synth;

import dev.recsys.schemas.Genre;

/**
 * The hidden model behind the synthetic ratings:
 * {@code mean + userBias + movieBias + userFactors . movieFactors + genre affinity + noise},
 * rounded and clipped to 1..5. Biases carry most of the signal (as in MovieLens), factors and genre affinity the
 * part that only a personalised model can learn, and the noise what nothing can.
 */
final class LatentTaste {
    static final int FACTORS = 8;
    private static final int GENRES = Genre.values().length;
    // Chosen so that the rounded ratings look like ml-100k's (mean 3.53, sd 1.13) and leave a learnable but
    // far from perfect signal; the class doc of SyntheticMovieLens quotes what a bias baseline reaches on them.
    // The mean sits below ml-100k's because users pick what they like (see Generator.CHOICE_TASTE): the ratings
    // people give average 3.52.
    static final double GLOBAL_MEAN = 2.6;
    static final double USER_BIAS_SD = 0.45;
    static final double MOVIE_BIAS_SD = 0.5;
    static final double POPULARITY_BIAS = 0.12;
    static final double FACTOR_SD = 0.37;
    static final double GENRE_AFFINITY_SD = 0.45;
    static final double NOISE_SD = 0.85;
    // weights of similarity(): see Generator.BROWSE_CANDIDATES for what they were matched to
    static final double BROWSE_GENRES = 0.9;
    static final double BROWSE_FACTORS = 6.0;
    static final double BROWSE_POPULARITY = 1.2;

    // factors and affinities in flat arrays, FACTORS (or Genres.COUNT) per row: one array, not one per user or
    // movie, so a user's factors lie next to each other in memory and a movie's are one cache miss away, not two
    private final double[] userBias;
    private final double[] userFactors;
    private final double[] genreAffinity;
    private final double[] movieBias;
    private final double[] movieFactors;
    private final int[][] movieGenres;

    /**
     * @param popularityZ per movie, its standardised log popularity: popular movies are rated a little higher,
     *                    as in real data
     */
    LatentTaste(Draws draws, int users, int[][] movieGenres, double[] popularityZ) {
        this.movieGenres = movieGenres;
        int movies = movieGenres.length;
        userBias = new double[users];
        userFactors = new double[users * FACTORS];
        genreAffinity = new double[users * GENRES];
        for (int u = 0; u < users; u++) {
            userBias[u] = draws.gaussian(USER_BIAS_SD);
            for (int k = 0; k < FACTORS; k++) {
                userFactors[u * FACTORS + k] = draws.gaussian(FACTOR_SD);
            }
            for (int g = 0; g < GENRES; g++) {
                genreAffinity[u * GENRES + g] = draws.gaussian(GENRE_AFFINITY_SD);
            }
        }
        movieBias = new double[movies];
        movieFactors = new double[movies * FACTORS];
        for (int m = 0; m < movies; m++) {
            movieBias[m] = draws.gaussian(MOVIE_BIAS_SD) + POPULARITY_BIAS * popularityZ[m];
            for (int k = 0; k < FACTORS; k++) {
                movieFactors[m * FACTORS + k] = draws.gaussian(FACTOR_SD);
            }
        }
    }

    /** The noiseless taste of user u (0-based) for movie m (0-based), before rounding. */
    double expected(int u, int m) {
        double dot = 0;
        for (int k = 0; k < FACTORS; k++) {
            dot += userFactors[u * FACTORS + k] * movieFactors[m * FACTORS + k];
        }
        double affinity = 0;
        for (int g : movieGenres[m]) {
            affinity += genreAffinity[u * GENRES + g];
        }
        affinity /= movieGenres[m].length;
        return GLOBAL_MEAN + userBias[u] + movieBias[m] + dot + affinity;
    }

    /** A rating as a person would give it: the taste plus noise, rounded to stars and clipped to 1..5. */
    int rate(Draws draws, int u, int m) {
        return stars(expected(u, m) + draws.gaussian(NOISE_SD));
    }

    static int stars(double value) {
        return (int) Math.max(1, Math.min(5, Math.round(value)));
    }

    /**
     * How alike two movies are, as a log weight of browsing from one to the other: shared genres (Jaccard), the
     * cosine of their hidden factors, and how close their standardised log popularities are.
     */
    double similarity(int a, int b, double[] popularityZ) {
        int shared = 0;
        for (int ga : movieGenres[a]) {
            for (int gb : movieGenres[b]) {
                if (ga == gb) {
                    shared++;
                }
            }
        }
        double jaccard = (double) shared / (movieGenres[a].length + movieGenres[b].length - shared);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < FACTORS; k++) {
            double fa = movieFactors[a * FACTORS + k];
            double fb = movieFactors[b * FACTORS + k];
            dot += fa * fb;
            na += fa * fa;
            nb += fb * fb;
        }
        double cosine = na > 0 && nb > 0 ? dot / StrictMath.sqrt(na * nb) : 0;
        return BROWSE_GENRES * jaccard + BROWSE_FACTORS * cosine
                - BROWSE_POPULARITY * Math.abs(popularityZ[a] - popularityZ[b]);
    }
}
