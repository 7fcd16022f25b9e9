package dev.recsys.model;

import dev.recsys.schemas.RatingScale;

/**
 * Serves a model with plain float arrays, built once per model version: a user's top movies from their history, the
 * one path both the streams app and the offline evaluation take.
 *
 * <p>The final score of a movie is its ranking score plus the blend weight times its predicted rating (on the scale);
 * the ranking network reads the history weighted by rating and recency (see {@link HybridModel#recency()}).
 * Two stages. First the ranking network, cheap per movie: with T the k-th best ranking score among unrated movies,
 * a movie whose ranking score is below T - weight x (MAX - MIN) of the scale cannot beat any of those k, and the
 * catalogue is scored a block of movies at a time, highest output bias first, skipping every block whose upper bound
 * is below that floor: at a large catalogue most of the long tail is never scored ({@link RankingScorer#bound}).
 * Then the rating networks, dearer, give a predicted rating to the movies above the floor, best ranking score first,
 * a batch at a time, and stop as soon as no movie left can beat the k-th final score (ranking score + weight x MAX
 * is its most), or when {@code candidates} of the config have been scored (1,000 by default, a bound on the work;
 * 50 for models published before). Unless that bound stops it, the result equals scoring every movie with both
 * networks; how often it does is measured by {@code ./recsys bench score} and {@code bench scale}.
 * Without a ranking network (the study's configuration) movies are ordered by predicted rating. Immutable and
 * thread-safe (scratch space is per thread).
 */
public final class FastScorer {
    private final IdMap movies;
    private final RatingScorer[] members;
    private final RankingScorer ranking;
    private final float blendWeight;
    private final float recency;
    private final int maxCandidates;
    private final ThreadLocal<Scratch> scratch;
    /** Candidates given a predicted rating at a time, before the second stage checks whether it is done. */
    private static final int BATCH = 32;

    private FastScorer(HybridModel m) {
        this.movies = m.movies();
        int n = m.config().members();
        this.members = new RatingScorer[n];
        for (int k = 0; k < n; k++) {
            members[k] = new RatingScorer(m, k);
        }
        this.ranking = m.ranking() == null ? null
                : new RankingScorer(m.ranking(), movies, m.config().lowRatingWeight());
        this.blendWeight = m.blendWeight();
        this.recency = m.recency();
        this.maxCandidates = Math.max(m.config().candidates(), 1);
        int count = movies.size();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(count));
    }

    public static FastScorer of(HybridModel m) {
        return new FastScorer(m);
    }

    public int movieCount() {
        return movies.size();
    }

    public int movieIdAt(int row) {
        return movies.rawIdAt(row);
    }

    /** The movie's row in the score arrays, or -1 if the model does not know the movie. */
    public int rowOfMovie(int rawMovieId) {
        return movies.rowOf(rawMovieId);
    }

    public boolean ranks() {
        return ranking != null;
    }

    public float blendWeight() {
        return blendWeight;
    }

    public float recency() {
        return recency;
    }

    /** The user's top k movies that are not in their history, with the model's blend weight and recency. */
    public Recommended recommend(History history, int k) {
        return recommend(history, k, new float[] {blendWeight}, recency)[0];
    }

    /** As {@link #recommend(History, int)} with another blend weight. */
    public Recommended recommend(History history, int k, float weight) {
        return recommend(history, k, new float[] {weight}, recency)[0];
    }

    /**
     * The user's top k under each of several blend weights at one recency (training chooses both on validation
     * data), the user scored once: every weight's candidates are among the best {@code max(candidates, k)} by
     * ranking score, which get their predicted rating once.
     */
    public Recommended[] recommend(History history, int k, float[] weights, float recency) {
        for (float weight : weights) {
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("blend weight must be >= 0, got " + weight);
            }
        }
        Scratch s = scratch.get();
        RatingScorer.User[] users = users(history);
        Recommended[] out = new Recommended[weights.length];
        if (ranking == null) {
            predictAll(users, s.scores);
            Ranked byRating = topRows(s, history, k);
            java.util.Arrays.fill(out, result(byRating.ids(), byRating.size(), byRating.scores(),
                    byRating.scores()));
            return out;
        }
        float widest = 0;
        for (float weight : weights) {
            widest = Math.max(widest, weight);
        }
        // the widest weight's candidates hold every other weight's: they are the best by ranking score
        float spread = widest * (RatingScale.MAX - RatingScale.MIN);
        int scanned = rankUnrated(s, history, users, k, weights, spread);
        int pool = s.found == 0 ? 0 : candidates(s, scanned, s.floor, Math.max(maxCandidates, k));
        TopK[] best = new TopK[weights.length];
        for (int w = 0; w < weights.length; w++) {
            best[w] = weights.length == 1 ? s.topK(k) : new TopK(k);
        }
        // the second stage, best ranking score first, a batch at a time, until no candidate left can still beat
        // the k-th final score of any weight: a final score is at most the ranking score + weight x MAX
        int done = 0;
        int predictedCount = s.knownCount;
        while (done < pool && !settled(s, best, weights, done, k)) {
            int end = Math.min(done + BATCH, pool);
            // the movies the first stage gave a predicted rating already are not scored again
            int size = 0;
            for (int i = done; i < end; i++) {
                if (!s.known[s.candidates[i]]) {
                    s.batch[size++] = s.candidates[i];
                }
            }
            predictRows(users, s.batch, size, s.predicted);
            for (int i = 0; i < size; i++) {
                s.predictedAt[s.batch[i]] = s.predicted[i];
            }
            predictedCount += size;
            for (int i = done; i < end; i++) {
                int row = s.candidates[i];
                for (int w = 0; w < weights.length; w++) {
                    best[w].offer(row, s.scores[row] + weights[w] * s.predictedAt[row]);
                }
            }
            done = end;
        }
        for (int i = 0; i < s.knownCount; i++) {
            s.known[s.knownRows[i]] = false;
        }
        s.knownCount = 0;
        s.ranked = scanned;
        s.predictedCount = predictedCount;
        for (int w = 0; w < weights.length; w++) {
            Ranked byFinal = best[w].result();
            int[] rows = byFinal.ids();
            float[] predicted = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                predicted[i] = s.predictedAt[rows[i]];
            }
            out[w] = result(rows, rows.length, predicted, byFinal.scores());
        }
        return out;
    }

    /**
     * What the calling thread's last {@link #recommend} scored: movies given a ranking score (of the catalogue's
     * {@link #movieCount()}) and movies given a predicted rating. For benchmarks.
     */
    public Work lastWork() {
        Scratch s = scratch.get();
        return new Work(s.ranked, s.predictedCount);
    }

    /** Movies scored by the ranking network and by the rating networks for one recommendation. */
    public record Work(int ranked, int predicted) {
    }

    /** Whether the candidates from index next on can no longer enter the top k of any weight. */
    private static boolean settled(Scratch s, TopK[] best, float[] weights, int next, int k) {
        float ranking = s.scores[s.candidates[next]];
        for (int w = 0; w < weights.length; w++) {
            if (best[w].size() < k || ranking + weights[w] * RatingScale.MAX >= best[w].worst()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first stage: the ranking score of every movie that can still be a candidate, into s.scores at its row,
     * the unrated ones' rows into s.scanned (returns how many), the lowest ranking score a candidate can have into
     * s.floor. The catalogue's blocks are taken highest bias first; a block is skipped when its bound is below the
     * floor, so a large catalogue's long tail is not scored at all. The floor is the k-th best ranking score so far
     * less weight x (MAX - MIN), or, higher, what the final scores of the first k found give
     * ({@link #reachedFloor}). The same result as scoring every movie.
     */
    private int rankUnrated(Scratch s, History history, RatingScorer.User[] users, int k, float[] weights,
                            float spread) {
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                s.rated[row] = true;
            }
        }
        float[] hidden = ranking.encode(history, recency);
        double norm = 0;
        for (float h : hidden) {
            norm += (double) h * h;
        }
        norm = Math.sqrt(norm);
        TopK best = s.topK(k);
        float floor = Float.NEGATIVE_INFINITY;
        float reached = Float.NEGATIVE_INFINITY;
        int n = 0;
        int blocks = ranking.blocks();
        int run = ranking.blocksPerRun();
        for (int b = 0; b < blocks; b++) {
            if (ranking.bound(b, hidden, norm) < floor) {
                continue;
            }
            // the blocks after it that pass too, in the same pass; the first that fails never passes later (the
            // floor only rises), so the loop goes on after it
            // (one block at a time until there is a floor)
            int most = floor == Float.NEGATIVE_INFINITY ? 1 : run;
            int end = b + 1;
            while (end < blocks && end - b < most && ranking.bound(end, hidden, norm) >= floor) {
                end++;
            }
            int from = n;
            int to = ranking.scoreBlocks(b, end, hidden, s.scores, s.scanned, n);
            b = end < blocks && end - b < most ? end : end - 1;
            for (int i = from; i < to; i++) {
                int row = s.scanned[i];
                if (!s.rated[row]) {
                    s.scanned[n++] = row;
                    best.offer(row, s.scores[row]);
                }
            }
            if (best.size() == k) {
                if (reached == Float.NEGATIVE_INFINITY && spread > 0) {
                    int[] rows = k <= s.batch.length ? s.batch : new int[k];
                    reached = reachedFloor(s, users, rows, best.ids(rows), weights);
                }
                floor = Math.max(best.worst() - spread, reached);
            }
        }
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                s.rated[row] = false;
            }
        }
        s.found = best.size();
        s.floor = floor;
        return n;
    }

    /**
     * A floor from the final scores of k movies: with F the worst of their final scores under a weight, at least k
     * movies score F or more, so a movie whose ranking score is below F - weight x MAX (its predicted rating at most
     * MAX) cannot make the top k. Predicted ratings are mostly well above MIN, so this floor is far above the k-th
     * ranking score less weight x (MAX - MIN), and many more blocks are passed over. The lowest over the weights.
     */
    private float reachedFloor(Scratch s, RatingScorer.User[] users, int[] rows, int count, float[] weights) {
        predictRows(users, rows, count, s.predicted);
        // kept for the second stage, which would otherwise score these again
        for (int i = 0; i < count; i++) {
            s.predictedAt[rows[i]] = s.predicted[i];
            s.known[rows[i]] = true;
            s.knownRows[i] = rows[i];
        }
        s.knownCount = count;
        float floor = Float.POSITIVE_INFINITY;
        for (float weight : weights) {
            float worst = Float.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                worst = Math.min(worst, s.scores[rows[i]] + weight * s.predicted[i]);
            }
            floor = Math.min(floor, worst - weight * RatingScale.MAX);
        }
        return floor;
    }

    /**
     * Into s.candidates, the scanned rows whose ranking score is at least floor, best first by ranking score (ties:
     * lower row first), at most {@code limit} of them; returns how many.
     */
    private int candidates(Scratch s, int scanned, float floor, int limit) {
        // (score descending, row ascending) as one long each: a primitive sort, no comparator, no boxing
        int n = 0;
        for (int i = 0; i < scanned; i++) {
            int row = s.scanned[i];
            float score = s.scores[row];
            if (score >= floor) {
                int bits = Float.floatToIntBits(score);
                bits ^= (bits >> 31) & 0x7fffffff;
                s.order[n++] = ((long) ~bits << 32) | row;
            }
        }
        java.util.Arrays.sort(s.order, 0, n);
        int kept = Math.min(n, limit);
        for (int i = 0; i < kept; i++) {
            s.candidates[i] = (int) s.order[i];
        }
        return kept;
    }

    /**
     * The user's top k by scoring every movie with both networks, without the pruning of {@link #recommend}: what
     * the two stages stand for, and what {@code bench score} and {@code bench scale} compare them with. Raw movie
     * ids, best first.
     */
    public int[] exhaustive(History history, int k) {
        Scratch s = scratch.get();
        float[] blended = s.scores;
        rankingScores(history, blended);
        if (ranking != null) {
            predictAll(history, s.predicted);
            for (int i = 0; i < movies.size(); i++) {
                blended[i] += blendWeight * s.predicted[i];
            }
        }
        return TopK.unrated(s.topK(k), blended, movies, history);
    }

    /** Every movie's predicted rating for the user, on the rating scale, into out[row]. */
    public void predictAll(History history, float[] out) {
        predictAll(users(history), out);
    }

    /**
     * Every movie's ranking score for the user into out[row], at the model's recency (the predicted rating when the
     * model has no ranking network); out must hold at least {@link #movieCount()} values.
     */
    public void rankingScores(History history, float[] out) {
        if (ranking == null) {
            predictAll(history, out);
        } else {
            ranking.scoreAll(history, recency, out);
        }
    }

    /**
     * Why each movie ranks where it does for the user: for each of movieIds, the rated movies of the history whose
     * leave-one-out contribution to its ranking score is largest (at most {@code limit}, positive ones only, largest
     * first). Empty for a movie the model does not know, and for every movie when the model has no ranking network.
     */
    public Because[] because(History history, int[] movieIds, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        Because[] out = new Because[movieIds.length];
        java.util.Arrays.fill(out, Because.NOTHING);
        if (ranking == null || history.size() == 0) {
            return out;
        }
        int[] rows = new int[movieIds.length];
        for (int m = 0; m < movieIds.length; m++) {
            rows[m] = Math.max(movies.rowOf(movieIds[m]), 0);
        }
        float[][] drops = ranking.leaveOneOut(history, recency, rows);
        for (int m = 0; m < movieIds.length; m++) {
            if (movies.rowOf(movieIds[m]) >= 0) {
                out[m] = Because.largest(history, drops[m], limit);
            }
        }
        return out;
    }

    private RatingScorer.User[] users(History history) {
        int[] tokens = RatingInputs.tokens(history, movies);
        RatingScorer.User[] users = new RatingScorer.User[members.length];
        for (int k = 0; k < members.length; k++) {
            users[k] = members[k].user(tokens);
        }
        return users;
    }

    /** The ensemble's prediction: the members' mean, as the graph's average vertex, then on the scale. */
    private void predictAll(RatingScorer.User[] users, float[] out) {
        Scratch s = scratch.get();
        int count = movies.size();
        members[0].scoreAll(users[0], out);
        for (int k = 1; k < members.length; k++) {
            members[k].scoreAll(users[k], s.member);
            for (int i = 0; i < count; i++) {
                out[i] += s.member[i];
            }
        }
        float n = members.length;
        for (int i = 0; i < count; i++) {
            out[i] = RatingScale.clamp(out[i] / n);
        }
    }

    /** The ensemble's prediction of rows[i], i < n, into out[i]: the members' mean, on the scale. */
    private void predictRows(RatingScorer.User[] users, int[] rows, int n, float[] out) {
        Scratch s = scratch.get();
        members[0].scoreRows(users[0], rows, n, out);
        for (int k = 1; k < members.length; k++) {
            members[k].scoreRows(users[k], rows, n, s.member);
            for (int i = 0; i < n; i++) {
                out[i] += s.member[i];
            }
        }
        float count = members.length;
        for (int i = 0; i < n; i++) {
            out[i] = RatingScale.clamp(out[i] / count);
        }
    }

    /** The best k rows of the scratch scores that are not in the history (those rows become NaN). */
    private Ranked topRows(Scratch s, History history, int k) {
        for (int i = 0; i < history.size(); i++) {
            int row = movies.rowOf(history.movieId(i));
            if (row >= 0) {
                s.scores[row] = Float.NaN;
            }
        }
        TopK topK = s.topK(k);
        int count = movies.size();
        for (int row = 0; row < count; row++) {
            topK.offer(row, s.scores[row]);
        }
        return topK.result();
    }

    /** Rows, their predicted ratings and scores (first n of each) as a result of raw movie ids. */
    private Recommended result(int[] rows, int n, float[] predicted, float[] scores) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = movies.rawIdAt(rows[i]);
        }
        return new Recommended(ids, java.util.Arrays.copyOf(predicted, n), java.util.Arrays.copyOf(scores, n));
    }

    static void axpy(float a, float[] x, float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    /** Per-thread buffers, so that a recommendation allocates little. */
    private static final class Scratch {
        final float[] scores;
        final float[] predicted;
        final float[] member;
        final int[] candidates;
        final int[] scanned;
        final boolean[] rated;
        final boolean[] known;
        final int[] knownRows;
        int knownCount;
        final int[] batch = new int[BATCH];
        final float[] predictedAt;
        final long[] order;
        int found;
        float floor;
        int ranked;
        int predictedCount;
        private TopK topK;

        Scratch(int movies) {
            this.scores = new float[movies];
            this.predicted = new float[movies];
            this.member = new float[movies];
            this.candidates = new int[movies];
            this.scanned = new int[movies];
            this.rated = new boolean[movies];
            this.predictedAt = new float[movies];
            this.order = new long[movies];
            this.known = new boolean[movies];
            this.knownRows = new int[movies];
        }

        TopK topK(int k) {
            if (topK == null || topK.capacity() != k) {
                topK = new TopK(k);
            }
            topK.clear();
            return topK;
        }
    }
}
