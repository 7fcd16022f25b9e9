package dev.recsys.streams.scoring;

import dev.recsys.streams.state.UserHistory;

/**
 * The model path: scores every movie the model knows for the user, leaves out what the user has rated, keeps the top
 * k. A movie that is in the catalogue but not in the model is left out until a retrained model knows it: scoring it
 * by genres alone would rank a movie nobody has rated against ones with learned embeddings. Not thread-safe: one per
 * processor, because it reuses its score buffer between ratings.
 */
public final class ModelRanker {
    private final TopK topK;
    private float[] scores = new float[0];

    public ModelRanker(int k) {
        this.topK = new TopK(k);
    }

    public Ranked rank(ModelScorer scorer, int userId, UserHistory history) {
        int movies = scorer.movieCount();
        if (scores.length < movies) {
            scores = new float[movies];
        }
        scorer.scoreAll(userId, scores);
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
        int[] movieIds = new int[byRow.size()];
        for (int i = 0; i < movieIds.length; i++) {
            movieIds[i] = scorer.movieIdAt(byRow.ids()[i]);
        }
        return new Ranked(movieIds, byRow.scores());
    }
}
