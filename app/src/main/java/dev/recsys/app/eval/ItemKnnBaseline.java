package dev.recsys.app.eval;

import dev.recsys.model.History;
import dev.recsys.model.RankingMetrics;
import dev.recsys.model.RatingData;

import java.util.Map;

/**
 * Item-kNN as the classic baseline: the cosine similarity of two movies over who rated them (0/1), and a user's
 * score for a movie the sum of its similarities to the movies the user rated. Dense movies x movies: for catalogues
 * up to {@link #MAX_MOVIES} movies (ml-1m's 3,706 is 55 MB); larger ones are not scored.
 */
final class ItemKnnBaseline implements RankingMetrics.Recommender {
    static final int MAX_MOVIES = 20_000;

    private final Catalogue catalogue;
    private final float[][] similarity;

    private ItemKnnBaseline(Catalogue catalogue, float[][] similarity) {
        this.catalogue = catalogue;
        this.similarity = similarity;
    }

    /** Null when the catalogue is too large for a dense similarity matrix. */
    static ItemKnnBaseline fit(RatingData... training) {
        Catalogue catalogue = Catalogue.of(training);
        int n = catalogue.size();
        if (n > MAX_MOVIES) {
            return null;
        }
        Map<Integer, History> byUser = History.byUser(training);
        float[][] co = new float[n][n];
        float[] counts = new float[n];
        for (History h : byUser.values()) {
            int[] columns = new int[h.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = catalogue.column(h.movieId(i));
                counts[columns[i]]++;
            }
            for (int a : columns) {
                float[] row = co[a];
                for (int b : columns) {
                    row[b]++;
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                co[a][b] = a == b || co[a][b] == 0 ? 0f : (float) (co[a][b] / Math.sqrt(counts[a] * counts[b]));
            }
        }
        return new ItemKnnBaseline(catalogue, co);
    }

    @Override
    public int[] top(int userId, History history, int k) {
        float[] scores = new float[catalogue.size()];
        for (int i = 0; i < history.size(); i++) {
            int column = catalogue.columnOrMinus(history.movieId(i));
            if (column >= 0) {
                float[] row = similarity[column];
                for (int j = 0; j < scores.length; j++) {
                    scores[j] += row[j];
                }
            }
        }
        return catalogue.topUnrated(scores, history, k);
    }
}
