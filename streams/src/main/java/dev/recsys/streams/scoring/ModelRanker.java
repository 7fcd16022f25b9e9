package dev.recsys.streams.scoring;

import dev.recsys.streams.state.UserHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model path: scores every movie the model knows for the user, leaves out what the user has rated, keeps the top
 * k. A movie that is in the catalogue but not in the model is left out until a retrained model knows it: scoring it
 * by genres alone would rank a movie nobody has rated against ones with learned embeddings.
 *
 * <p>A user's scores depend only on the model and the user, not on what the user has rated since, so the ranker
 * keeps, per user and model, the best {@code k + rated + margin} movies of the full ranking. The next rating of that
 * user is answered from it: the first k entries the user has not rated are exactly the top k of a fresh scoring
 * (every movie outside the kept head ranks below all of it). Only when too few unrated entries remain, or the model
 * changed, does it score again. A bounded LRU of users; derived data only, so losing it (a restart, a rebalance)
 * costs time, never correctness. Not thread-safe: one per processor.
 */
public final class ModelRanker {
    /** Kept beyond k + the user's rated count, so that the next ratings rarely force a new scoring. */
    static final int MARGIN = 32;

    private final int k;
    private final int cachedUsers;
    private final TopK topK;
    private final Map<Integer, Head> heads;
    private float[] scores = new float[0];
    private long scorings;

    /** Keeps the heads of up to {@code cachedUsers} users (least recently rated out first); 0 scores every rating. */
    public ModelRanker(int k, int cachedUsers) {
        this.k = k;
        this.cachedUsers = cachedUsers;
        this.topK = new TopK(k);
        this.heads = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Head> eldest) {
                return size() > cachedUsers;
            }
        };
    }

    public ModelRanker(int k) {
        this(k, 0);
    }

    /** How many times a user's movies were scored in full. */
    public long scorings() {
        return scorings;
    }

    public Ranked rank(ModelScorer scorer, int userId, UserHistory history) {
        if (cachedUsers > 0) {
            Head head = heads.get(userId);
            Ranked cached = head == null || head.scorer() != scorer ? null : head.firstUnrated(k, history);
            if (cached != null) {
                return cached;
            }
        }
        int movies = score(scorer, userId);
        if (cachedUsers > 0) {
            Head fresh = Head.of(scorer, scores, movies, Math.min(movies, k + history.size() + MARGIN));
            heads.put(userId, fresh);
            Ranked ranked = fresh.firstUnrated(k, history);
            if (ranked != null) {
                return ranked;
            }
        }
        return rankExcluding(scorer, history, movies);
    }

    private int score(ModelScorer scorer, int userId) {
        int movies = scorer.movieCount();
        if (scores.length < movies) {
            scores = new float[movies];
        }
        scorer.scoreAll(userId, scores);
        scorings++;
        return movies;
    }

    /** Top k of the scored movies without the rated ones, straight from the score buffer. */
    private Ranked rankExcluding(ModelScorer scorer, UserHistory history, int movies) {
        for (int i = 0; i < history.size(); i++) {
            int row = scorer.rowOfMovie(history.movieId(i));
            if (row >= 0) {
                scores[row] = Float.NaN;
            }
        }
        topK.clear();
        for (int row = 0; row < movies; row++) {
            topK.offer(row, scores[row]);
        }
        Ranked byRow = topK.result();
        return new Ranked(rawIds(scorer, byRow), byRow.scores());
    }

    /** The movie ids of a ranking by score rows. */
    private static int[] rawIds(ModelScorer scorer, Ranked byRow) {
        int[] ids = new int[byRow.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = scorer.movieIdAt(byRow.ids()[i]);
        }
        return ids;
    }

    /** The best movies of one user's full ranking under one model, best first. */
    private record Head(ModelScorer scorer, int[] movieIds, float[] scores) {
        static Head of(ModelScorer scorer, float[] all, int movies, int keep) {
            TopK best = new TopK(keep);
            for (int row = 0; row < movies; row++) {
                best.offer(row, all[row]);
            }
            Ranked byRow = best.result();
            return new Head(scorer, rawIds(scorer, byRow), byRow.scores());
        }

        /** The first k entries the user has not rated, or null if the head holds fewer. */
        Ranked firstUnrated(int k, UserHistory history) {
            int[] rated = history.sortedMovieIds();
            int[] ids = new int[k];
            float[] out = new float[k];
            int n = 0;
            for (int i = 0; i < movieIds.length && n < k; i++) {
                if (Arrays.binarySearch(rated, movieIds[i]) < 0) {
                    ids[n] = movieIds[i];
                    out[n] = scores[i];
                    n++;
                }
            }
            return n == k ? new Ranked(ids, out) : null;
        }
    }
}
