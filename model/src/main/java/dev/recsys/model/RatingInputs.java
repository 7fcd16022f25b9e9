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
        // each user's rows in this minibatch share the user's tokens out between them (HistoryInput.share)
        java.util.Map<Integer, int[]> rowsOfUser = new java.util.HashMap<>();
        int[] indexInUser = new int[n];
        for (int i = 0; i < n; i++) {
            int[] count = rowsOfUser.computeIfAbsent(rowUser[rows[i]], u -> new int[1]);
            indexInUser[i] = count[0]++;
        }
        int width = 0;
        for (java.util.Map.Entry<Integer, int[]> entry : rowsOfUser.entrySet()) {
            int tokens = tokensByUser[entry.getKey()].length;
            width = Math.max(width, (tokens + entry.getValue()[0] - 1) / entry.getValue()[0]);
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
            int[] share = HistoryInput.share(tokens.length, rowsOfUser.get(user)[0], indexInUser[i]);
            for (int t = share[0]; t < share[1]; t++) {
                history[base + HistoryInput.FIRST_TOKEN + t - share[0]] = tokens[t];
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
