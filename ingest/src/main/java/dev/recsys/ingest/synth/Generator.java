package dev.recsys.ingest.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Draws a synthetic data set from a seed, one user at a time; all randomness flows through one {@link Draws} in a
 * fixed order. One instance generates once.
 */
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
    // a user whose candidates are at least 1/EXACT_SHARE of the movies draws them over all movies (O(movies));
    // others by rejection from an alias table. At ml-25m's 62,423 movies the candidates drawn then hold at most about
    // 95% of the popularity: 11 draws per candidate for the largest such user, 4.6 for one of average activity
    static final int EXACT_SHARE = 16;

    /** Receives one user's ratings, in the order of their times. */
    @FunctionalInterface
    interface UserRatings {
        void accept(int user, int[] movies, int[] stars, long[] seconds) throws IOException;
    }

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

    /**
     * Draws the world, then each user's ratings in turn, user 0 first, and hands them to {@code sink} in the user's
     * time order: memory grows with users and movies, not with ratings.
     */
    SyntheticWorld generate(UserRatings sink) throws IOException {
        SyntheticWorld world = SyntheticWorld.draw(draws, users, movies, ratings);
        AliasTable popular = new AliasTable(world.popularity());
        boolean[] taken = new boolean[movies];
        for (int u = 0; u < users; u++) {
            int count = world.counts()[u];
            int[] chosen = browse(world, choose(world, popular, taken, u, count));
            long[] times = sessionTimes(count);
            int[] stars = new int[count];
            for (int j = 0; j < count; j++) {
                stars[j] = world.taste().rate(draws, u, chosen[j]);
            }
            sink.accept(u, chosen, stars, times);
        }
        return world;
    }

    /** Generates in memory, in u.data order (by timestamp, ties in generation order): for sets of modest size. */
    SyntheticRatings generate() {
        int[] user = new int[ratings];
        int[] movie = new int[ratings];
        int[] stars = new int[ratings];
        long[] seconds = new long[ratings];
        int[] at = {0};
        SyntheticWorld world;
        try {
            world = generate((u, chosen, given, times) -> {
                for (int j = 0; j < chosen.length; j++) {
                    user[at[0]] = u;
                    movie[at[0]] = chosen[j];
                    stars[at[0]] = given[j];
                    seconds[at[0]] = times[j];
                    at[0]++;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the sink above does no I/O
        }
        int[] order = byTime(seconds);
        return new SyntheticRatings(world, permute(user, order), permute(movie, order), permute(stars, order),
                permute(seconds, order));
    }

    /**
     * The movies user u rates: popular candidates, the ones the user likes more likely kept. A user who needs few
     * candidates draws them from the alias table (rejecting repeats); one who needs a large share of the movies
     * draws them all at once, where repeats would be common. Sets of up to 1,920 movies (the demo's and the tests')
     * always take the second way: every user rates 20 or more, so wants 120 candidates or more, and 16 x 120 = 1,920.
     */
    private int[] choose(SyntheticWorld world, AliasTable popular, boolean[] taken, int u, int count) {
        int wanted = Math.min(movies, CHOICE_CANDIDATES * count);
        int[] candidates = (long) wanted * EXACT_SHARE >= movies
                ? draws.weightedSample(world.popularity(), wanted)
                : popular.distinct(draws, wanted, taken);
        double[] appeal = new double[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            appeal[i] = StrictMath.exp(CHOICE_TASTE
                    * (world.taste().expected(u, candidates[i]) - LatentTaste.GLOBAL_MEAN));
        }
        int[] kept = draws.weightedSample(appeal, count);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = candidates[kept[i]];
        }
        return chosen;
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
    private int[] browse(SyntheticWorld world, int[] chosen) {
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
                weights[c] = StrictMath.exp(world.taste().similarity(order[i], left[picks[c]], world.popularityZ()));
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
