package dev.recsys.model;

import dev.recsys.model.layers.Floats;
import dev.recsys.model.layers.HistoryInput;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * The rating network's three inputs for a set of (user, movie) rows: the user's history tokens in
 * {@link HistoryInput}'s layout (the row's user as its group), the movie row and the movie's genre flags.
 */
final class RatingInputs {
    private RatingInputs() {
    }

    /**
     * @param rows         which rows, in this order
     * @param rowUser      per row, the index of its user into tokensByUser
     * @param tokensByUser each user's history tokens
     * @param rowSelf      per row, its own token to leave out of the user's sum (training), or null for none
     * @param rowMovie     per row, the movie row
     * @param genreMasks   by movie row (the cold-start row included)
     */
    static INDArray[] features(int[] rows, int[] rowUser, int[][] tokensByUser, int[] rowSelf, int[] rowMovie,
                               int[] genreMasks) {
        int n = rows.length;
        int width = 0;
        for (int row : rows) {
            width = Math.max(width, tokensByUser[rowUser[row]].length);
        }
        int cols = HistoryInput.FIRST_TOKEN + width;
        float[] history = new float[n * cols];
        Arrays.fill(history, HistoryInput.NONE);
        float[] movies = new float[n];
        float[] genres = new float[n * GenreFeatures.WIDTH];
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            int user = rowUser[row];
            int base = i * cols;
            history[base + HistoryInput.GROUP] = user;
            history[base + HistoryInput.SELF] = rowSelf == null ? HistoryInput.NONE : rowSelf[row];
            int[] tokens = tokensByUser[user];
            for (int t = 0; t < tokens.length; t++) {
                history[base + HistoryInput.FIRST_TOKEN + t] = tokens[t];
            }
            movies[i] = rowMovie[row];
            GenreFeatures.write(genreMasks[rowMovie[row]], genres, i * GenreFeatures.WIDTH);
        }
        return new INDArray[] {
            Floats.array(history, new long[] {n, cols}, 'c'),
            Floats.array(movies, new long[] {n, 1}, 'c'),
            Floats.array(genres, new long[] {n, GenreFeatures.WIDTH}, 'c')
        };
    }

    /** A user's history as tokens of a model's movie rows; a movie the model does not know takes the cold row. */
    static int[] tokens(History history, IdMap movies) {
        int[] tokens = new int[history.size()];
        int cold = movies.size();
        for (int i = 0; i < tokens.length; i++) {
            int row = movies.rowOf(history.movieId(i));
            tokens[i] = HistoryTokens.token(row < 0 ? cold : row, history.rating(i));
        }
        return tokens;
    }
}
