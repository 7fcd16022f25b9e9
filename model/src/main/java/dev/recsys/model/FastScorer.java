package dev.recsys.model;

import dev.recsys.schemas.RatingScale;

/**
 * Serves a model with plain float arrays, built once per model version: a user's top movies from their history, the
 * one path both the streams app and the offline evaluation take.
 *
 * <p>The final score of a movie is its ranking score plus the blend weight times its predicted rating (on the scale);
 * the ranking network reads the history weighted by rating and recency (see {@link HybridModel#recency()}).
 * Two stages: the ranking network scores the whole catalogue cheaply; the rating networks, dearer, score only the
 * candidates that can still reach the top k. With T the k-th best ranking score among unrated movies, a movie whose
 * ranking score is below T - weight x (MAX - MIN) of the scale cannot beat any of those k; of the rest, the best
 * {@code candidates} of the config by ranking score are kept (50 by default). Whenever no more than that many
 * remain, the result equals scoring every movie; how often it does is measured by {@code ./recsys bench score}.
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
        ranking.scoreAll(history, recency, s.scores);
        Ranked byRanking = topRows(s, history, k);
        int n = byRanking.size();
        float kth = n == 0 ? 0 : byRanking.scores()[n - 1];
        float widest = 0;
        for (float weight : weights) {
            widest = Math.max(widest, weight);
        }
        // the widest weight's candidates hold every other weight's: they are the best by ranking score
        int pool = n == 0 ? 0 : candidates(s, kth - widest * (RatingScale.MAX - RatingScale.MIN),
                Math.max(maxCandidates, k));
        predictRows(users, s.candidates, pool, s.predicted);
        for (int w = 0; w < weights.length; w++) {
            out[w] = blend(s, pool, kth - weights[w] * (RatingScale.MAX - RatingScale.MIN), weights[w], k);
        }
        return out;
    }

    /** The top k of ranking score + weight x predicted rating over the pool's rows at or above the floor. */
    private Recommended blend(Scratch s, int pool, float floor, float weight, int k) {
        TopK best = s.topK(k);
        for (int i = 0; i < pool; i++) {
            float ranking = s.scores[s.candidates[i]];
            if (ranking >= floor) {
                best.offer(i, ranking + weight * s.predicted[i]);
            }
        }
        Ranked byFinal = best.result();
        int[] rows = new int[byFinal.size()];
        float[] predicted = new float[byFinal.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = s.candidates[byFinal.ids()[i]];
            predicted[i] = s.predicted[byFinal.ids()[i]];
        }
        return result(rows, rows.length, predicted, byFinal.scores());
    }

    /**
     * Into s.candidates, the unrated rows whose ranking score is at least floor, the best {@code limit} of them by
     * ranking score when there are more; returns how many.
     */
    private int candidates(Scratch s, float floor, int limit) {
        int count = movies.size();
        int n = 0;
        for (int row = 0; row < count; row++) {
            if (s.scores[row] >= floor) {
                s.candidates[n++] = row;
            }
        }
        if (n <= limit) {
            return n;
        }
        TopK best = s.topK(limit);
        for (int i = 0; i < n; i++) {
            best.offer(s.candidates[i], s.scores[s.candidates[i]]);
        }
        int[] kept = best.result().ids();
        System.arraycopy(kept, 0, s.candidates, 0, kept.length);
        return kept.length;
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
        private TopK topK;

        Scratch(int movies) {
            this.scores = new float[movies];
            this.predicted = new float[movies];
            this.member = new float[movies];
            this.candidates = new int[movies];
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
