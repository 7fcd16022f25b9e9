package dev.recsys.streams.scoring;

import dev.recsys.model.FastScorer;
import dev.recsys.model.History;
import dev.recsys.model.Ranked;
import dev.recsys.model.Recommended;
import dev.recsys.streams.state.UserHistory;

/**
 * The model path: the user's top k from their history in the state store, through the model's one recommendation
 * path (the same the offline evaluation measures). Every rating changes the history and so the user's vector: each
 * rating is scored afresh. The reported score of an item is its predicted rating, on the rating scale.
 */
public final class ModelRanker {
    private final int k;

    public ModelRanker(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    public Ranked rank(FastScorer scorer, UserHistory history) {
        Recommended top = scorer.recommend(history(history), k);
        return new Ranked(top.movieIds(), top.predictedRatings());
    }

    /** The state store's history as the model reads it: movies and ratings, oldest first. */
    public static History history(UserHistory history) {
        int n = history.size();
        int[] movies = new int[n];
        float[] ratings = new float[n];
        for (int i = 0; i < n; i++) {
            movies[i] = history.movieId(i);
            ratings[i] = history.rating(i);
        }
        return new History(movies, ratings);
    }
}
