package dev.recsys.trainer.data;

/**
 * Decides which ratings are held out to judge models: a seeded hash of the (user, movie) pair, so a pair lands on
 * the same side on every retrain and after every restart (with the same seed), a re-rating of a pair never leaks
 * from validation into training, and no state is needed to remember the split.
 */
public final class ValidationSplit {
    private final double fraction;
    private final long seed;
    // compare in the unsigned 53-bit integer domain: exact, and no floating-point division per rating
    private final long threshold;

    /** @param fraction share of pairs held out, in [0, 1) */
    public ValidationSplit(double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
        }
        this.fraction = fraction;
        this.seed = seed;
        this.threshold = (long) Math.floor(fraction * (1L << 53));
    }

    public boolean isValidation(int userId, int movieId) {
        long pair = ((long) userId << 32) | (movieId & 0xFFFFFFFFL);
        return (mix(pair ^ mix(seed)) >>> 11) < threshold;
    }

    public double fraction() {
        return fraction;
    }

    public long seed() {
        return seed;
    }

    /** SplitMix64's finaliser: every input bit moves every output bit, so neighbouring ids spread evenly. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "ValidationSplit[fraction=" + fraction + ", seed=" + seed + "]";
    }
}
