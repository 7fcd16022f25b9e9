package dev.recsys.streams.state;

/** How often a movie was rated and the sum of its ratings: enough for the popularity fallback's count and mean. */
public record MovieStats(long count, double sum) {
    public static final MovieStats NONE = new MovieStats(0, 0);

    public MovieStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    public MovieStats plus(float rating) {
        return new MovieStats(count + 1, sum + rating);
    }

    /** A user changed an earlier rating of this movie: the count stays, the sum follows. */
    public MovieStats rerated(float previous, float rating) {
        return new MovieStats(count, sum - previous + rating);
    }
}
