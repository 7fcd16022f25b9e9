package dev.recsys.ingest.synth;

import dev.recsys.schemas.Genre;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Everything drawn before the first rating: movies (genres, years, popularity), users (demographics and how many
 * movies each rates) and the hidden taste that links them. Its size grows with users and movies, never with
 * ratings, so that a set of ml-25m's size can be written one user at a time. Arrays are indexed from 0; ids in the
 * files are 1-based as in MovieLens.
 *
 * @param popularity  per movie, its Zipf-like weight of being a candidate (see {@link Generator#ZIPF_EXPONENT})
 * @param popularityZ per movie, its standardised log popularity
 * @param counts      per user, how many movies the user rates
 */
record SyntheticWorld(int[][] movieGenres, int[] movieYears, double[] popularity, double[] popularityZ,
                      int[] userAges, boolean[] userMale, String[] userOccupations, int[] userZips, int[] counts,
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

    /** Draws a world in a fixed order; sizes are checked by {@link Generator}. */
    static SyntheticWorld draw(Draws draws, int users, int movies, long ratings) {
        int[][] genres = new int[movies][];
        int[] years = new int[movies];
        for (int m = 0; m < movies; m++) {
            genres[m] = movieGenres(draws);
            years[m] = (int) Math.max(1922, 1998 - Math.floor(draws.exponential(9.0)));
        }
        double[] popularity = popularity(draws, movies);
        double[] popularityZ = standardisedLog(popularity);
        LatentTaste taste = new LatentTaste(draws, users, genres, popularityZ);
        int[] ages = new int[users];
        boolean[] male = new boolean[users];
        String[] occupations = new String[users];
        int[] zips = new int[users];
        for (int u = 0; u < users; u++) {
            ages[u] = (int) Math.max(7, Math.min(73, Math.round(33 + draws.gaussian(11))));
            male[u] = draws.uniform() < 0.71;
            occupations[u] = OCCUPATIONS[draws.uniform(OCCUPATIONS.length)];
            zips[u] = draws.uniform(100_000);
        }
        int[] counts = activity(draws, users, movies, ratings);
        return new SyntheticWorld(genres, years, popularity, popularityZ, ages, male, occupations, zips, counts, taste);
    }

    int users() {
        return userAges.length;
    }

    int movies() {
        return movieGenres.length;
    }

    /**
     * Movie m's title, with its year as MovieLens writes it; every tenth puts its article last, as MovieLens does
     * ("American President, The (1995)"), so that ml-latest's movies.csv has quoted titles to read, as the real one.
     */
    String title(int m) {
        int id = m + 1;
        return "Synthetic Movie " + id + (id % 10 == 0 ? ", The" : "") + " (" + movieYears[m] + ")";
    }

    /** One to four distinct genres, drawn with ml-100k's genre frequencies (UNKNOWN never). */
    private static int[] movieGenres(Draws draws) {
        double roll = draws.uniform();
        int count = roll < 0.52 ? 1 : roll < 0.83 ? 2 : roll < 0.96 ? 3 : 4;
        double[] weights = GENRE_FREQUENCY.clone();
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = draws.weighted(weights);
            weights[chosen[i]] = 0;
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static double[] popularity(Draws draws, int movies) {
        int[] rank = draws.permutation(movies);
        double[] weights = new double[movies];
        for (int m = 0; m < movies; m++) {
            weights[m] = 1.0 / StrictMath.pow(rank[m] + Generator.ZIPF_OFFSET, Generator.ZIPF_EXPONENT);
        }
        return weights;
    }

    private static double[] standardisedLog(double[] values) {
        double[] logs = new double[values.length];
        double mean = 0;
        for (int i = 0; i < values.length; i++) {
            logs[i] = StrictMath.log(values[i]);
            mean += logs[i] / values.length;
        }
        double variance = 0;
        for (double log : logs) {
            variance += (log - mean) * (log - mean) / values.length;
        }
        double sd = variance > 0 ? StrictMath.sqrt(variance) : 1;
        for (int i = 0; i < logs.length; i++) {
            logs[i] = (logs[i] - mean) / sd;
        }
        return logs;
    }

    /** Ratings per user: 20 each, the rest shared out by log-normal weights, none above the number of movies. */
    private static int[] activity(Draws draws, int users, int movies, long ratings) {
        double[] weights = new double[users];
        for (int u = 0; u < users; u++) {
            weights[u] = StrictMath.exp(draws.gaussian(Generator.ACTIVITY_SIGMA));
        }
        int[] counts = new int[users];
        Arrays.fill(counts, Generator.MIN_RATINGS_PER_USER);
        long left = ratings - (long) Generator.MIN_RATINGS_PER_USER * users;
        // share out in rounds: a user who hits the cap drops out and the others absorb the rest
        while (left > 0) {
            double total = 0;
            for (int u = 0; u < users; u++) {
                if (counts[u] < movies) {
                    total += weights[u];
                }
            }
            long given = 0;
            for (int u = 0; u < users && given < left; u++) {
                if (counts[u] < movies) {
                    long share = Math.min((long) Math.floor(left * weights[u] / total), movies - counts[u]);
                    counts[u] += (int) share;
                    given += share;
                }
            }
            if (given == 0) {
                // shares all rounded down to zero: hand out single ratings, heaviest weights first
                for (int u : heaviestFirst(weights)) {
                    if (given < left && counts[u] < movies) {
                        counts[u]++;
                        given++;
                    }
                }
            }
            left -= given;
        }
        return counts;
    }

    private static int[] heaviestFirst(double[] weights) {
        return IntStream.range(0, weights.length).boxed()
                .sorted((a, b) -> weights[b] != weights[a] ? Double.compare(weights[b], weights[a]) : a - b)
                .mapToInt(Integer::intValue).toArray();
    }
}
