package dev.recsys.model;

import dev.recsys.schemas.RatingScale;

/**
 * Serves a model with plain float arrays, built once per model version: a user's top movies from their history, the
 * one path both the streams app and the offline evaluation take.
 *
 * <p>The final score of a movie is its ranking score plus the blend weight times its predicted rating (on the scale).
 * The ranking network scores the whole catalogue cheaply; the rating networks, dearer, only score the candidates
 * that can still reach the top k: with T the k-th best ranking score among unrated movies, a movie whose ranking
 * score is below T - weight x (MAX - MIN) of the scale cannot beat any of those k, so the result equals scoring every
 * movie (measured on ml-100k: a few dozen candidates instead of 1,682). Without a ranking network (the study's
 * configuration) movies are ordered by predicted rating. Immutable and thread-safe (scratch space is per thread).
 */
public final class FastScorer {
    /** Past this share of the catalogue, candidates are scored in one vectorised pass over every movie. */
    private static final double FULL_PASS_SHARE = 0.2;

    private final IdMap movies;
    private final RatingScorer[] members;
    private final RankingScorer ranking;
    private final float blendWeight;
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

    /** The user's top k movies that are not in their history, with the model's blend weight. */
    public Recommended recommend(History history, int k) {
        return recommend(history, k, blendWeight);
    }

    /** As {@link #recommend(History, int)} with another blend weight (the trainer chooses one on validation data). */
    public Recommended recommend(History history, int k, float weight) {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("blend weight must be >= 0, got " + weight);
        }
        Scratch s = scratch.get();
        RatingScorer.User[] users = users(history);
        if (ranking == null) {
            predictAll(users, s.scores);
            return rows(topRows(s, history, k), users, s.scores, true);
        }
        ranking.scoreAll(history, s.scores);
        Ranked byRanking = topRows(s, history, k);
        if (weight == 0 || byRanking.size() == 0) {
            return rows(byRanking, users, s.scores, false);
        }
        float kth = byRanking.scores()[byRanking.size() - 1];
        float floor = kth - weight * (RatingScale.MAX - RatingScale.MIN);
        int count = movies.size();
        int candidates = 0;
        for (int row = 0; row < count; row++) {
            if (s.scores[row] >= floor) {
                s.candidates[candidates++] = row;
            }
        }
        TopK best = s.topK(k);
        if (candidates > FULL_PASS_SHARE * count) {
            predictAll(users, s.predicted);
            for (int i = 0; i < candidates; i++) {
                int row = s.candidates[i];
                best.offer(row, s.scores[row] + weight * s.predicted[row]);
            }
        } else {
            for (int i = 0; i < candidates; i++) {
                int row = s.candidates[i];
                s.predicted[row] = predict(users, row);
                best.offer(row, s.scores[row] + weight * s.predicted[row]);
            }
        }
        Ranked byFinal = best.result();
        int[] ids = new int[byFinal.size()];
        float[] predicted = new float[byFinal.size()];
        for (int i = 0; i < ids.length; i++) {
            int row = byFinal.ids()[i];
            ids[i] = movies.rawIdAt(row);
            predicted[i] = s.predicted[row];
        }
        return new Recommended(ids, predicted, byFinal.scores());
    }

    /** Every movie's predicted rating for the user, on the rating scale, into out[row]. */
    public void predictAll(History history, float[] out) {
        predictAll(users(history), out);
    }

    /**
     * Every movie's ranking score for the user into out[row] (the predicted rating when the model has no ranking
     * network); out must hold at least {@link #movieCount()} values.
     */
    public void rankingScores(History history, float[] out) {
        if (ranking == null) {
            predictAll(history, out);
        } else {
            ranking.scoreAll(history, out);
        }
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

    private float predict(RatingScorer.User[] users, int row) {
        float sum = 0;
        for (int k = 0; k < members.length; k++) {
            sum += members[k].score(users[k], row);
        }
        return RatingScale.clamp(sum / members.length);
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

    /** Ranked rows to a result; the predicted ratings are computed for them unless the scores are those already. */
    private Recommended rows(Ranked byRow, RatingScorer.User[] users, float[] scores, boolean scoresArePredictions) {
        int[] ids = new int[byRow.size()];
        float[] predicted = new float[byRow.size()];
        for (int i = 0; i < ids.length; i++) {
            int row = byRow.ids()[i];
            ids[i] = movies.rawIdAt(row);
            predicted[i] = scoresArePredictions ? scores[row] : predict(users, row);
        }
        return new Recommended(ids, predicted, byRow.scores());
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
