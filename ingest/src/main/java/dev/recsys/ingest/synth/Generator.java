package dev.recsys.ingest.synth;

import java.util.Arrays;

/** Draws a {@link SyntheticRatings} from a seed; all randomness flows through one {@link Draws} in a fixed order. */
final class Generator {
    static final int MIN_RATINGS_PER_USER = 20;
    // the span of ml-100k's timestamps: 1997-09-20 to 1998-04-22
    static final long FIRST_SECOND = 874_724_710L;
    static final long LAST_SECOND = 893_286_638L;
    // Zipf-like popularity: weight 1/(rank + offset)^exponent over movies in a random rank order
    static final double ZIPF_EXPONENT = 1.6;
    static final double ZIPF_OFFSET = 40.0;
    // user activity: 20 ratings each plus a log-normal share of the rest, as MovieLens' long tail of heavy raters
    static final double ACTIVITY_SIGMA = 0.75;
    // what a user rates: drawn by popularity, then kept by appeal exp(CHOICE_TASTE x (taste - mean)) among
    // CHOICE_CANDIDATES times as many popular candidates: people watch what they expect to like, which is what a
    // recommender can learn (with choices by popularity alone, nothing ranks better than a most-popular chart)
    static final double CHOICE_TASTE = 3.0;
    static final int CHOICE_CANDIDATES = 6;
    // the order of a user's ratings: from each movie on to one of BROWSE_CANDIDATES remaining ones, drawn with
    // weight exp(LatentTaste.similarity). Chosen so that consecutive ratings of a user are as much more alike than
    // two of the user's ratings at random as in ml-100k (replay order): shared genres (Jaccard) 1.22x, cosine over
    // who rated them 1.19x, |difference of log rating counts| 0.875x; a random order gives 1.00x on all three
    static final int BROWSE_CANDIDATES = 16;

    private final Draws draws;
    private final int users;
    private final int movies;
    private final int ratings;

    Generator(int users, int movies, int ratings, long seed) {
        if (users < 1 || movies < MIN_RATINGS_PER_USER) {
            throw new IllegalArgumentException("need at least 1 user and " + MIN_RATINGS_PER_USER
                    + " movies, got " + users + " users and " + movies + " movies");
        }
        if (ratings < (long) MIN_RATINGS_PER_USER * users || ratings > (long) users * movies) {
            throw new IllegalArgumentException("ratings must be between " + MIN_RATINGS_PER_USER
                    + " per user (" + (long) MIN_RATINGS_PER_USER * users + ") and users x movies ("
                    + (long) users * movies + "), got " + ratings);
        }
        this.draws = new Draws(seed);
        this.users = users;
        this.movies = movies;
        this.ratings = ratings;
    }

    SyntheticRatings generate() {
        int[][] genres = new int[movies][];
        int[] years = new int[movies];
        for (int m = 0; m < movies; m++) {
            genres[m] = movieGenres();
            years[m] = (int) Math.max(1922, 1998 - Math.floor(draws.exponential(9.0)));
        }
        double[] popularity = popularity();
        double[] popularityZ = standardisedLog(popularity);
        LatentTaste taste = new LatentTaste(draws, users, genres, popularityZ);
        int[] ages = new int[users];
        boolean[] male = new boolean[users];
        String[] occupations = new String[users];
        int[] zips = new int[users];
        for (int u = 0; u < users; u++) {
            ages[u] = (int) Math.max(7, Math.min(73, Math.round(33 + draws.gaussian(11))));
            male[u] = draws.uniform() < 0.71;
            occupations[u] = SyntheticRatings.OCCUPATIONS[draws.uniform(SyntheticRatings.OCCUPATIONS.length)];
            zips[u] = draws.uniform(100_000);
        }
        int[] counts = activity();
        int[] user = new int[ratings];
        int[] movie = new int[ratings];
        int[] stars = new int[ratings];
        long[] seconds = new long[ratings];
        int at = 0;
        for (int u = 0; u < users; u++) {
            int[] chosen = browse(taste, popularityZ, choose(taste, popularity, u, counts[u]));
            long[] times = sessionTimes(counts[u]);
            for (int j = 0; j < chosen.length; j++) {
                user[at] = u;
                movie[at] = chosen[j];
                stars[at] = taste.rate(draws, u, chosen[j]);
                seconds[at] = times[j];
                at++;
            }
        }
        int[] order = byTime(seconds);
        return new SyntheticRatings(genres, years, ages, male, occupations, zips,
                permute(user, order), permute(movie, order), permute(stars, order), permute(seconds, order), taste);
    }

    /** The movies user u rates: popular candidates, the ones the user likes more likely kept. */
    private int[] choose(LatentTaste taste, double[] popularity, int u, int count) {
        int[] candidates = draws.weightedSample(popularity, Math.min(movies, CHOICE_CANDIDATES * count));
        double[] appeal = new double[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            appeal[i] = StrictMath.exp(CHOICE_TASTE * (taste.expected(u, candidates[i]) - LatentTaste.GLOBAL_MEAN));
        }
        int[] kept = draws.weightedSample(appeal, count);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = candidates[kept[i]];
        }
        return chosen;
    }

    /** One to four distinct genres, drawn with ml-100k's genre frequencies (UNKNOWN never). */
    private int[] movieGenres() {
        double roll = draws.uniform();
        int count = roll < 0.52 ? 1 : roll < 0.83 ? 2 : roll < 0.96 ? 3 : 4;
        double[] weights = SyntheticRatings.GENRE_FREQUENCY.clone();
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = draws.weighted(weights);
            weights[chosen[i]] = 0;
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private double[] popularity() {
        int[] rank = draws.permutation(movies);
        double[] weights = new double[movies];
        for (int m = 0; m < movies; m++) {
            weights[m] = 1.0 / StrictMath.pow(rank[m] + ZIPF_OFFSET, ZIPF_EXPONENT);
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
    private int[] activity() {
        double[] weights = new double[users];
        for (int u = 0; u < users; u++) {
            weights[u] = StrictMath.exp(draws.gaussian(ACTIVITY_SIGMA));
        }
        int[] counts = new int[users];
        Arrays.fill(counts, MIN_RATINGS_PER_USER);
        long left = ratings - (long) MIN_RATINGS_PER_USER * users;
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
        return java.util.stream.IntStream.range(0, weights.length).boxed()
                .sorted((a, b) -> weights[b] != weights[a] ? Double.compare(weights[b], weights[a]) : a - b)
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * A user arrives at a random time, rates most of their movies in a first session (seconds to minutes apart,
     * as MovieLens asked new users for ratings) and the rest at random times until the end of the span.
     */
    private long[] sessionTimes(int count) {
        long span = LAST_SECOND - FIRST_SECOND;
        long arrival = FIRST_SECOND + (long) (draws.uniform() * 0.85 * span);
        int firstSession = Math.max(Math.min(count, MIN_RATINGS_PER_USER), (int) Math.round(0.6 * count));
        long[] times = new long[count];
        long t = arrival;
        for (int j = 0; j < firstSession; j++) {
            t += 5 + (long) draws.exponential(40);
            times[j] = t;
        }
        for (int j = firstSession; j < count; j++) {
            times[j] = t + (long) (draws.uniform() * (LAST_SECOND - t));
        }
        Arrays.sort(times);
        return times;
    }

    /**
     * The order in which a user rates their movies: a walk from a random first one, on from each movie to one of a
     * few of the remaining ones, the more alike (genres, hidden factors, popularity) the likelier: people rate what
     * they find next to what they just rated, which a live recommender can use and a random order would hide.
     */
    private int[] browse(LatentTaste taste, double[] popularityZ, int[] chosen) {
        int n = chosen.length;
        int[] left = chosen.clone();
        int[] order = new int[n];
        double[] weights = new double[BROWSE_CANDIDATES];
        int[] picks = new int[BROWSE_CANDIDATES];
        int at = draws.uniform(n);
        for (int i = 0; i < n; i++) {
            order[i] = left[at];
            left[at] = left[n - 1 - i];
            int remaining = n - 1 - i;
            if (remaining == 0) {
                break;
            }
            int offered = Math.min(BROWSE_CANDIDATES, remaining);
            for (int c = 0; c < offered; c++) {
                picks[c] = draws.uniform(remaining);
                weights[c] = StrictMath.exp(taste.similarity(order[i], left[picks[c]], popularityZ));
            }
            at = picks[draws.weighted(offered == weights.length ? weights : Arrays.copyOf(weights, offered))];
        }
        return order;
    }

    /** Indexes ordered by time, ties in generation order: one packed long sort, no boxing. */
    private static int[] byTime(long[] seconds) {
        long[] keys = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            keys[i] = (seconds[i] << 31) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) (keys[i] & Integer.MAX_VALUE);
        }
        return order;
    }

    private static int[] permute(int[] values, int[] order) {
        int[] out = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private static long[] permute(long[] values, int[] order) {
        long[] out = new long[values.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }
}
